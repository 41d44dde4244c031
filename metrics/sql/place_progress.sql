-- Per province or district in scope ($by = 'province' or 'district'): villages, the shares of
-- them overdue and complete (all eight stages done), and those with an occupational group (the
-- group stage), over the rows of village_progress.sql (its stages, status rules and reference date).
SELECT CASE WHEN $by = 'province' THEN province_code ELSE district_code END AS code,
       count(*) AS villages,
       count(*) FILTER (WHERE status = 'overdue') / count(*) AS overdue_share,
       count(*) FILTER (WHERE status = 'complete') / count(*) AS complete_share,
       count(*) FILTER (WHERE group_stage) AS villages_with_group
FROM ({sql:village_progress})
GROUP BY ALL
ORDER BY code
