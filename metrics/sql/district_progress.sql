-- Per district in scope: villages, mean progress (0-1) and villages overdue, over the rows of
-- village_progress.sql (its stages, status rules and reference date).
SELECT district_code,
       count(*) AS villages,
       avg(progress) AS mean_progress,
       count(*) FILTER (WHERE status = 'overdue') AS overdue
FROM ({sql:village_progress})
GROUP BY district_code
ORDER BY district_code
