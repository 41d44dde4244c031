-- evaluation_attrition.sql's counts per village with target households, over their stored facts
-- (s_rounds): the households (target), and per round after baseline those surveyed and the
-- retained and lost households' baseline sums and counts (ROUND_COUNTS of metrics/evaluation.py).
-- The area roll-ups keep the same counts (metrics/sql/rollup_villages.sql).
SELECT village_code, count(*) AS target,
       {round_counts}
FROM (SELECT h.village_code, h.baseline_income, {round_flags} FROM s_rounds AS h)
GROUP BY village_code
