-- Households due a follow-up survey at $as_of, per village and round (see metrics/followups.py):
-- follow_6m is due 6 months after the household's post survey, follow_12m 12 months after;
-- a round is due when its due date is on or before $as_of and it is not recorded by then.
-- A follow_6m no longer counts once the follow_12m is due (the 12-month survey replaces it).
WITH {scope},
per_household AS (
    SELECT household_id, village_code,
           max(survey_date) FILTER (WHERE round = 'post') AS post_date,
           bool_or(round = 'follow_6m') AS has_6m,
           bool_or(round = 'follow_12m') AS has_12m
    FROM s_surveys
    GROUP BY household_id, village_code
),
due AS (
    SELECT household_id, village_code,
           (post_date + INTERVAL 6 MONTH)::DATE AS due_6m,
           (post_date + INTERVAL 12 MONTH)::DATE AS due_12m,
           has_6m, has_12m
    FROM per_household
    WHERE post_date IS NOT NULL
),
rounds AS (
    SELECT village_code, 'follow_12m' AS round, due_12m AS due
    FROM due WHERE NOT has_12m AND due_12m <= $as_of
    UNION ALL
    SELECT village_code, 'follow_6m', due_6m
    FROM due WHERE NOT has_6m AND due_6m <= $as_of AND NOT (NOT has_12m AND due_12m <= $as_of)
)
SELECT village_code, round, min(due) AS due, count(*) AS households
FROM rounds
GROUP BY village_code, round
ORDER BY village_code, round
