-- stage_changes.sql from the rows the area roll-ups keep per pair of dates, for the villages in
-- scope, in the same order.
WITH {villages_in_scope}
SELECT c.change, c.village_code, c.stage, c.due
FROM rollup_stage_changes AS c
JOIN s_villages USING (village_code)
WHERE c.as_of = $as_of AND c.previous = $previous
ORDER BY c.change, c.village_code, list_position({stage_list}, c.stage)
