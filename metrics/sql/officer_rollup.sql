-- Per officer of the villages in scope: villages owned, mean progress (0-1), villages complete
-- and overdue, households (the stages and status rules of village_progress.sql, over the
-- villages' stored facts), and their reports in scope (reports_in_scope.sql): how many, in how
-- many months, the last date. One pass over the scope CTEs. Each village's officer, progress,
-- status and households (village_status) are officer_villages.sql, or, where the area roll-ups
-- serve the scope, the same they keep per village (officer_villages_stored.sql).
WITH {scope},
village_status AS (
    {village_status}
),
owned AS (
    SELECT officer_id,
           count(*) AS villages,
           avg(progress) AS mean_progress,
           count(*) FILTER (WHERE status = 'complete') AS complete,
           count(*) FILTER (WHERE status = 'overdue') AS overdue,
           sum(households) AS households
    FROM village_status
    GROUP BY officer_id
),
activity AS (
    SELECT officer_id, count(*) AS reports, count(DISTINCT month) AS months_reported,
           max(reported_on) AS last_report
    FROM ({sql:reports_in_scope}
    )
    GROUP BY officer_id
)
SELECT w.officer_id, o.name AS officer_name, w.villages, w.mean_progress, w.complete, w.overdue,
       w.households, coalesce(a.reports, 0) AS reports,
       coalesce(a.months_reported, 0) AS months_reported, a.last_report
FROM owned AS w
LEFT JOIN activity AS a USING (officer_id)
LEFT JOIN officers AS o USING (officer_id)
ORDER BY w.officer_id
