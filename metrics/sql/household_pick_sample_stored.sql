-- household_pick_sample.sql where the scope reads the stored state alone (metrics/scope.py,
-- STORED: no as-of cut, no occupation): with both rounds by the stored facts, so the draw is a
-- top-N over one table and the income columns are computed for the drawn households only.
WHERE household_id IN (
    SELECT household_id
    FROM fact_households
    WHERE village_code IN (SELECT village_code FROM s_villages) AND {has_both}
    ORDER BY hash(household_id, $seed), village_code, household_id
    LIMIT $size
)
