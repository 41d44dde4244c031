-- Dated events in (previous, as_of] for "since last meeting", run with the scope at $as_of.
-- One row per event: kind ('group', 'link', 'survey', 'training_day'), its key, a detail
-- (the link's network) and its date. Rows without a date are never "new".
WITH {scope}
SELECT 'group' AS kind, group_id AS key, NULL AS detail, founded_on AS on_date
FROM s_groups WHERE founded_on > $previous
UNION ALL
SELECT 'link', group_id, network, since
FROM s_links WHERE since > $previous
UNION ALL
SELECT 'survey', household_id, round, survey_date
FROM s_surveys WHERE survey_date > $previous
UNION ALL
SELECT 'training_day', village_code, day::VARCHAR, date
FROM s_training_days WHERE date > $previous
ORDER BY kind, on_date, key, detail
