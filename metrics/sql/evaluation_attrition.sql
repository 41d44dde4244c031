-- Follow-up attrition: per survey round after baseline, every target household in scope (due
-- yet or not), whether it has a survey of that round (on or before the as-of date), and the
-- mean baseline income (baht/year) of those surveyed (retained) and of those not (lost).
-- {group_columns} is empty for the whole scope, or the district or village columns (with a
-- trailing comma) for the breakdowns; the grouping sets are those columns and, when the whole
-- scope is asked for in the same pass, the empty set too (its rows: is_whole).
-- Read from the households' stored facts (s_rounds: one row per household in scope, with each
-- round's survey date, r_<round>_date, and the baseline income on the as-of date), never from
-- the survey rows, in one pass: each household's flag per round (ROUND_FLAGS of
-- metrics/evaluation.py, written from the contract's rounds), the round counts (ROUND_COUNTS)
-- of each round's retained and lost per village (surveyed_<i>, retained_sum_<i>, retained_n_<i>,
-- lost_sum_<i>, lost_n_<i> for the i-th round after baseline), and the round rows (ROUND_ROWS) sum them up to the rows asked for, one
-- struct per round. The per-village counts (per_village) are evaluation_attrition_villages.sql,
-- or, where the area roll-ups serve the scope, the same counts they keep
-- (evaluation_attrition_stored.sql).
WITH {scope},
per_village AS MATERIALIZED (
    {per_village}
),
grouped AS (
    SELECT {group_columns} {is_whole} AS is_whole, sum(target)::BIGINT AS target,
           [{round_rows}] AS rounds
    FROM per_village
    JOIN s_villages AS v USING (village_code)
    GROUP BY GROUPING SETS ({grouping_sets})
),
per_round AS (
    SELECT * EXCLUDE (rounds), unnest(rounds, recursive := true) FROM grouped
)
SELECT {group_columns} is_whole, round, target, surveyed,
       1 - surveyed / target AS missing_share,
       retained_sum / nullif(retained_n, 0) AS baseline_mean_retained,
       lost_sum / nullif(lost_n, 0) AS baseline_mean_lost
FROM per_round
ORDER BY ALL
