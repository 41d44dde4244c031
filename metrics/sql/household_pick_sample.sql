-- The households of the per-household income charts: those with a baseline and a later survey
-- (has_both), the first $size by a hash of the household id and $seed, a fixed pseudo-random
-- draw; all of them when they are no more than $size. One top-N in the one pass over s_income.
WHERE has_both
ORDER BY hash(household_id, $seed), village_code, household_id
LIMIT $size
