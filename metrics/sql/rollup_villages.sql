-- What the area roll-ups add up (metrics/rollups.py), one row per village in scope at $as_of;
-- follows the scope CTEs, the indicators' sets, village_progress_rows.sql and the indicators'
-- per-village sums of the village and group sets (ind_values_*, ind_coverage_*). The household
-- sets' indicator sums and the sustainability rounds are put into rv_income and rv_rounds
-- (metrics/rollup_build.py), so the households are read twice, not once per measure. Counts
-- over the same CTEs as the live queries: funnel.sql, income_rollup.sql, place_progress.sql,
-- evaluation_attrition_villages.sql (the attrition_ columns, over the households with each
-- round's flag, ROUND_FLAGS of metrics/evaluation.py) and evaluation_real_income.sql (the
-- deflated sum and the households whose survey years the price index lacks, in rv_income).
rv_rounds AS (
    SELECT village_code,
           count(*) FILTER (WHERE trained) AS trained,
           count(*) FILTER (WHERE latest_round IS NOT NULL AND latest_practising) AS practising_surveyed,
           {round_sums},
           {attrition_sums}
    FROM (SELECT *, {round_flags} FROM s_rounds AS h)
    GROUP BY village_code
),
rv_income AS (
    SELECT village_code,
           count(*) FILTER (WHERE has_both) AS households_with_change,
           sum(baseline_income) FILTER (WHERE has_both) AS baseline_total,
           sum(latest_income) FILTER (WHERE has_both) AS latest_total,
           sum(baseline_income * baseline_income) FILTER (WHERE has_both) AS baseline_squares,
           sum(latest_income * latest_income) FILTER (WHERE has_both) AS latest_squares,
           sum(baseline_income * latest_income) FILTER (WHERE has_both) AS income_products,
           sum(change_baht) AS change_total,
           count(change_baht) AS change_count,
           count(latest_round) AS surveyed_after,
           count(*) FILTER (WHERE latest_practising) AS practising,
           count(*) FILTER (WHERE latest_above_jpt) AS above_jpt,
           {real_income_sums},
           {household_sums}
    FROM s_income
    GROUP BY village_code
),
rv_grouped AS (
    SELECT h.village_code,
           count(DISTINCT m.household_id) AS in_group,
           count(DISTINCT m.household_id) FILTER (WHERE m.group_id IN (SELECT group_id FROM s_links)) AS linked
    FROM group_members AS m
    JOIN s_groups AS g USING (group_id)
    JOIN s_households AS h USING (household_id)
    GROUP BY h.village_code
)
SELECT p.village_code, p.fiscal_year, p.province_code, p.district_code, p.tambon_code,
       1 AS villages,
       p.trainers,
       p.leads,
       p.households,
       p.training_days,
       p.groups,
       p.links,
       p.followed_up,
       {stage_flags},
       p.stages_done,
       p.overdue_stages,
       (p.status = 'overdue')::INT AS overdue,
       (p.status = 'complete')::INT AS complete,
       p.group_stage::INT AS with_group,
       p.status,
       coalesce(r.trained, 0) AS trained,
       coalesce(r.practising_surveyed, 0) AS practising_surveyed,
       coalesce(g.in_group, 0) AS in_group,
       coalesce(g.linked, 0) AS linked,
       coalesce(i.households_with_change, 0) AS households_with_change,
       i.baseline_total,
       i.latest_total,
       i.baseline_squares,
       i.latest_squares,
       i.income_products,
       i.change_total,
       coalesce(i.change_count, 0) AS change_count,
       coalesce(i.surveyed_after, 0) AS surveyed_after,
       coalesce(i.practising, 0) AS practising,
       coalesce(i.above_jpt, 0) AS above_jpt,
       i.real_latest_total,
       coalesce(i.real_unpriced, 0) AS real_unpriced,
       i.real_unpriced_years,
       {attrition_columns},
       {indicator_columns}
FROM vp_rows AS p
LEFT JOIN rv_rounds AS r USING (village_code)
LEFT JOIN rv_income AS i USING (village_code)
LEFT JOIN rv_grouped AS g USING (village_code)
{indicator_joins}
