-- The latest date in the data for the scope (run with $as_of NULL): the newest of survey
-- dates, training days, group founding, link start and report dates. NULL when none.
WITH {scope}
SELECT greatest(
    (SELECT max(survey_date) FROM s_surveys),
    (SELECT max(date) FROM s_training_days),
    (SELECT max(founded_on) FROM s_groups),
    (SELECT max(since) FROM s_links),
    (SELECT max(r.reported_on) FROM reports AS r
      WHERE r.officer_id IN (SELECT officer_id FROM s_villages)
        AND (r.village_code IS NULL OR r.village_code IN (SELECT village_code FROM s_villages)))
) AS latest
