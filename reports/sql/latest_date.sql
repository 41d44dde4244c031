-- The latest dated event in the scope (training day, survey, group founded, network link):
-- the default "as of" date of a meeting pack, so an old programme is not measured at today.
WITH {scope}
SELECT max(d) AS latest
FROM (
    SELECT max(date) AS d FROM s_training_days
    UNION ALL SELECT max(survey_date) FROM s_surveys
    UNION ALL SELECT max(founded_on) FROM s_groups
    UNION ALL SELECT max(since) FROM s_links
)
