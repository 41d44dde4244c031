-- evaluation_real_income.sql's missing_years from the rows the area roll-ups keep at $as_of
-- (metrics/sql/rollup_villages.sql): the survey years the price index lacks, listed per village
-- where its households have any, put together over the villages in scope, oldest first.
WITH {villages_in_scope}
SELECT list_sort(list_distinct(flatten(list(r.real_unpriced_years)))) AS missing_years
FROM rollup_villages AS r
WHERE r.as_of = $as_of
  AND r.real_unpriced > 0
  AND r.village_code IN (SELECT village_code FROM s_villages)
