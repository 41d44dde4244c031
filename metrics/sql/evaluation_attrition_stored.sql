-- evaluation_attrition_villages.sql from the rows the area roll-ups keep at $as_of
-- (metrics/sql/rollup_villages.sql, the attrition_ columns): the villages in scope with target
-- households, the same columns (round_columns: each kept count under its own name).
SELECT r.village_code, r.attrition_target AS target, {round_columns}
FROM rollup_villages AS r
WHERE r.as_of = $as_of
  AND r.attrition_target > 0
  AND r.village_code IN (SELECT village_code FROM s_villages)
