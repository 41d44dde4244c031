-- income_rollup.sql from the area roll-ups (the areas placeholder: the roll-up rows of a scope
-- at the level of the codes grouped by, or finer): the same columns per area with households,
-- the area's names from the villages table.
WITH sums AS (
    SELECT {level_codes},
           sum(households)::BIGINT AS households,
           sum(households_with_change)::BIGINT AS households_with_change,
           sum(baseline_total) AS baseline_total,
           sum(latest_total) AS latest_total,
           {income_increase_stored} AS income_increase_pct,
           sum(change_total) / nullif(sum(change_count), 0) AS mean_change_baht,
           sum(baseline_total) / nullif(sum(households_with_change), 0) AS mean_baseline_income,
           sum(latest_total) / nullif(sum(households_with_change), 0) AS mean_latest_income,
           sum(surveyed_after)::BIGINT AS surveyed_after,
           sum(practising)::BIGINT AS practising,
           sum(practising) / nullif(sum(surveyed_after), 0) AS practising_share,
           sum(above_jpt) / nullif(sum(surveyed_after), 0) AS above_jpt_share
    FROM {areas}
    GROUP BY ALL
    HAVING sum(households) > 0
),
names AS (
    SELECT DISTINCT {group_columns} FROM villages
)
SELECT {group_columns}, sums.* EXCLUDE ({level_codes})
FROM sums JOIN names USING ({level_codes})
ORDER BY ALL
