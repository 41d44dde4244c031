-- The same households across post, follow_6m and follow_12m: only households with all three
-- rounds (and a baseline) in scope, so the rounds compare like with like.
WITH {scope},
cohort AS (
    SELECT household_id
    FROM s_surveys
    GROUP BY household_id
    HAVING count(*) FILTER (WHERE round = 'baseline') = 1
       AND count(*) FILTER (WHERE round = 'post') = 1
       AND count(*) FILTER (WHERE round = 'follow_6m') = 1
       AND count(*) FILTER (WHERE round = 'follow_12m') = 1
)
SELECT s.round,
       list_position({round_order}, s.round) AS round_order,
       count(*) AS households,
       avg(s.household_income) AS mean_income,
       sum(s.household_income) AS total_income,
       count(*) FILTER (WHERE s.practising) / nullif(count(s.practising), 0) AS practising_share,
       avg(s.occupation_income) AS mean_occupation_income
FROM s_surveys AS s
JOIN cohort USING (household_id)
GROUP BY s.round
ORDER BY round_order
