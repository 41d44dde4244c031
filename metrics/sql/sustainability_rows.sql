-- The surveys that sustainability.sql compares, after the scope CTEs (sust_rows): of the
-- households in scope with every round ((household_id, round) is a key: one of each), each
-- round's survey on or before the as-of date, with its village. The area roll-ups add them up
-- per village and round (metrics/rollup_build.py).
sust_cohort AS (
    SELECT household_id, village_code FROM s_rounds WHERE rounds_present = {round_count}
),
sust_rows AS (
    SELECT c.village_code, s.round, s.household_income, s.practising, s.occupation_income
    FROM income_surveys AS s
    JOIN sust_cohort AS c USING (household_id)
    WHERE $as_of IS NULL OR s.survey_date <= $as_of
)
