-- The same households across post, follow_6m and follow_12m: only households with all three
-- rounds (and a baseline) in scope, so the rounds compare like with like.
WITH {scope},
cohort AS (
    -- households in scope with every round ((household_id, round) is a key: one of each)
    SELECT household_id FROM s_rounds WHERE rounds_present = {round_count}
)
SELECT s.round,
       list_position({round_order}, s.round) AS round_order,
       count(*) AS households,
       avg(s.household_income) AS mean_income,
       sum(s.household_income) AS total_income,
       count(*) FILTER (WHERE s.practising) / nullif(count(s.practising), 0) AS practising_share,
       avg(s.occupation_income) AS mean_occupation_income
FROM income_surveys AS s
JOIN cohort USING (household_id)
WHERE $as_of IS NULL OR s.survey_date <= $as_of
GROUP BY s.round
ORDER BY round_order
