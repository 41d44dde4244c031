-- The rows of village_progress_stored.sql for the map (metrics/maps.py): the villages in scope
-- with the columns the map reads of the rows the area roll-ups keep at $as_of, in no order.
WITH {villages_in_scope}
SELECT v.*, r.households, r.stages_done, r.status
FROM s_villages AS v
JOIN rollup_villages AS r USING (village_code)
WHERE r.as_of = $as_of
