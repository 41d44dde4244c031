-- The same households across post, follow_6m and follow_12m: only households with all three
-- rounds (and a baseline) in scope, so the rounds compare like with like
-- (sustainability_rows.sql), round by round.
WITH {scope},
{sql:sustainability_rows}
SELECT round,
       list_position({round_order}, round) AS round_order,
       count(*) AS households,
       avg(household_income) AS mean_income,
       sum(household_income) AS total_income,
       count(*) FILTER (WHERE practising) / nullif(count(practising), 0) AS practising_share,
       avg(occupation_income) AS mean_occupation_income
FROM sust_rows
GROUP BY round
ORDER BY round_order
