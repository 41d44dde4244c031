-- The first $limit households of household_income.sql (by village, household): a top-N over
-- two columns of the households in scope, before any income is computed. s_income has one row
-- per household of s_households, so these are its first $limit rows; the filter reaches the
-- scan of the stored facts, whose income columns are then read for these households only.
WHERE household_id IN (
    SELECT household_id FROM s_households ORDER BY village_code, household_id LIMIT $limit
)
