-- Income change rolled up by {group_columns} (columns of the household rows): households, those
-- with a baseline and a later survey, the sums behind income_increase_pct, and shares.
-- {rows}: the household rows with their place names (rows, for a place level), or s_income
-- alone when no place column is grouped (the occupation): every household of s_income is of a
-- village in scope, so the join to s_villages keeps every row and only costs a pass.
WITH {scope},
rows AS (
    SELECT i.*, v.village_name, v.tambon_code, v.tambon_name, v.tambon_name_en, v.district_code,
           v.district_name, v.district_name_en, v.province_code, v.province_name,
           v.province_name_en
    FROM s_income AS i JOIN s_villages AS v USING (village_code)
)
SELECT {group_columns},
       count(*) AS households,
       count(*) FILTER (WHERE has_both) AS households_with_change,
       sum(baseline_income) FILTER (WHERE has_both) AS baseline_total,
       sum(latest_income) FILTER (WHERE has_both) AS latest_total,
       {income_increase} AS income_increase_pct,
       avg(change_baht) AS mean_change_baht,
       avg(baseline_income) FILTER (WHERE has_both) AS mean_baseline_income,
       avg(latest_income) FILTER (WHERE has_both) AS mean_latest_income,
       count(latest_round) AS surveyed_after,
       count(*) FILTER (WHERE latest_practising) AS practising,
       count(*) FILTER (WHERE latest_practising) / nullif(count(latest_round), 0) AS practising_share,
       count(*) FILTER (WHERE latest_above_jpt) / nullif(count(latest_round), 0) AS above_jpt_share
FROM {rows}
GROUP BY ALL
ORDER BY ALL
