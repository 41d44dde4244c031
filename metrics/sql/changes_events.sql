-- Dated events in (previous, as_of] for "since last meeting", run with the scope at $as_of:
-- each new group and network link (its group, and the link's network as detail), and how many
-- surveys and training days are dated in the period (n). Rows without a date are never "new".
WITH {scope}
SELECT 'group' AS kind, group_id AS key, NULL AS detail, 1 AS n
FROM s_groups WHERE founded_on > $previous
UNION ALL
SELECT 'link', group_id, network, 1
FROM s_links WHERE since > $previous
UNION ALL
SELECT 'survey', NULL, NULL, count(*)
FROM s_surveys WHERE survey_date > $previous
UNION ALL
SELECT 'training_day', NULL, NULL, count(*)
FROM s_training_days WHERE date > $previous
ORDER BY kind, key, detail
