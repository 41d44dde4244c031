-- Cohorts by fiscal year, aligned on months since training (metrics/cohorts.py).
-- A village's cohort is its fiscal year; its clock starts at its first training day, the
-- earliest dated row of its training days (a village with none is in no cohort). At month m
-- its as-of date is that day plus m calendar months, and it has reached m when that date is
-- not after $as_of. Every value at m is computed as if the as-of date were each village's
-- own. That state depends on the village's own rows only, so the import keeps it, by the same
-- "as of" rules as every page (data_loaders/store/facts.py: fact_villages.first_day and the
-- <column>_m<months> columns; undated rows always count): here it is only picked and counted.
-- Parameters: the scope's ($fiscal_year, $province, $district, $tambon, $villages, $allowed),
-- $as_of (a date), $months (a list of whole months), the settings' $trainers_target and
-- $households_target (two of the stages).
WITH {villages_in_scope},
-- one row per village and month it reached: its trainers, leads and households (no date
-- changes them) and its state at that month, named as in the village facts
c_villages AS (
    SELECT v.fiscal_year, m.months, f.trainers, f.leads, f.households,
           {month_pick}
    FROM s_villages AS v
    JOIN fact_villages AS f USING (village_code)
    CROSS JOIN (SELECT unnest($months::INTEGER[]) AS months) AS m
    WHERE f.first_day IS NOT NULL AND {month_date} <= $as_of
),
c_stages AS (
    SELECT *, {stage_columns}
    FROM c_villages
)
SELECT fiscal_year, months,
       count(*) AS villages,
       -- the catalogue's practising_share: over households with a survey after baseline by then
       sum(practising) / nullif(sum(followed_up), 0) AS practising_share,
       -- the catalogue's income_increase_pct: (Σ latest − Σ baseline) ÷ Σ baseline over the
       -- households with both by then
       (sum(latest_both) - sum(baseline_both)) / nullif(sum(baseline_both), 0) AS income_increase_pct,
       -- the catalogue's villages_with_group_share: villages with a group begun by their date
       -- (undated groups count) over the villages
       count(*) FILTER (WHERE groups >= 1) / count(*) AS villages_with_group_share,
       -- households with a survey after baseline by then over target households
       sum(followed_up) / nullif(sum(households), 0) AS surveyed_share,
       {stage_shares}
FROM c_stages
GROUP BY fiscal_year, months
ORDER BY fiscal_year, months
