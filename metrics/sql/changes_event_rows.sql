-- The dated events in (previous, as_of] of each village in scope, after the scope CTEs (run
-- with the scope at $as_of): each new group and network link (its group, and the link's
-- network as detail), and how many surveys and training days are dated in the period (n).
-- Rows without a date are never "new". changes_events.sql adds them up for "since last
-- meeting"; the area roll-ups keep them per village (metrics/rollup_build.py).
SELECT 'group' AS kind, village_code, group_id AS key, NULL AS detail, 1 AS n
FROM s_groups WHERE founded_on > $previous
UNION ALL
SELECT 'link', village_code, group_id, network, 1
FROM s_links WHERE since > $previous
UNION ALL
SELECT 'survey', village_code, NULL, NULL, count(*)
FROM s_surveys WHERE survey_date > $previous
GROUP BY village_code
UNION ALL
SELECT 'training_day', village_code, NULL, NULL, count(*)
FROM s_training_days WHERE date > $previous
GROUP BY village_code
