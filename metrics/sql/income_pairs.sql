-- Baseline and latest later household income (baht/year) of every household in scope that
-- has both, in the household table's order (the bootstrap resamples these rows).
WITH {scope}
SELECT baseline_income, latest_income
FROM s_income
WHERE has_both
ORDER BY village_code, household_id
