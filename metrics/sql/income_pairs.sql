-- Baseline and latest later household income (baht/year) of every household in scope that
-- has both, in the household table's order (the bootstrap resamples these rows).
WITH {scope}
SELECT baseline_income, latest_income
FROM s_income
WHERE baseline_income IS NOT NULL AND latest_income IS NOT NULL
ORDER BY village_code, household_id
