-- officer_villages.sql from the rows the area roll-ups keep at $as_of (rollup_villages.sql:
-- the same stages done, status and households of each village in scope).
SELECT v.officer_id, r.stages_done / {stage_count} AS progress, r.status, r.households
FROM s_villages AS v
JOIN rollup_villages AS r USING (village_code)
WHERE r.as_of = $as_of
