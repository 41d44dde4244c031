-- officer_rollup.sql's villages in scope: each one's officer, progress (0-1), status and
-- households, by the stages and status rules of village_progress.sql over the stored facts.
SELECT v.officer_id, s.stages_done / {stage_count} AS progress, {status_case} AS status,
       s.households
FROM s_villages AS v
JOIN s_village_stages AS s USING (village_code)
LEFT JOIN (
    SELECT village_code, list(stage) AS overdue_stages FROM s_overdue GROUP BY village_code
) AS o USING (village_code)
