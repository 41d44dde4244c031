-- Survey rows from the file whose income is above $factor times, or below 1/$factor of, the
-- same household's previous non-zero round (in the state the import would produce).
WITH ranked AS (
    SELECT household_id, round, household_income,
           list_position({round_order}, round) AS pos
    FROM income_surveys
), previous AS (
    SELECT s._row, s.household_income, s.round,
           arg_max(r.household_income, r.pos) AS prev_income,
           arg_max(r.round, r.pos) AS prev_round
    FROM stg_income_surveys AS s
    JOIN ranked AS r
      ON r.household_id = s.household_id
     AND r.pos < list_position({round_order}, s.round)
     AND r.household_income > 0
    WHERE s.household_income IS NOT NULL
    GROUP BY s._row, s.household_income, s.round
)
SELECT _row, household_income, prev_income, prev_round
FROM previous
WHERE household_income > $factor * prev_income
   OR household_income < prev_income / $factor
ORDER BY _row
