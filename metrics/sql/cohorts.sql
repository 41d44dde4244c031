-- Cohorts by fiscal year, aligned on months since training (metrics/cohorts.py).
-- A village's cohort is its fiscal year; its clock starts at its first training day, the
-- earliest dated row of its training days (a village with none is in no cohort). At month m
-- its as-of date is that day plus m calendar months, and it has reached m when that date is
-- not after $as_of. Every value at m is computed as if the as-of date were each village's
-- own: the households' and villages' state on it is derived from their stored facts by the
-- same "as of" rules as every page (data_loaders/store/sql/facts/*_as_of.sql; undated rows
-- always count).
-- Parameters: the scope's ($fiscal_year, $province, $district, $tambon, $villages, $allowed),
-- $as_of (a date), $months (a list of whole months), the settings' $trainers_target and
-- $households_target (two of the stages).
WITH {villages_in_scope},
c_cells AS (
    SELECT village_code, fiscal_year, months, cohort_date
    FROM (
        SELECT v.village_code, v.fiscal_year, m.months,
               (s.first_day + to_months(m.months))::DATE AS cohort_date
        FROM s_villages AS v
        JOIN (SELECT village_code, {first_day} AS first_day FROM fact_villages) AS s
            USING (village_code)
        CROSS JOIN (SELECT unnest($months::INTEGER[]) AS months) AS m
        WHERE s.first_day IS NOT NULL
    )
    WHERE cohort_date <= $as_of
),
-- one row per household of a village and month it has reached, its state on the village's date
c_rounds AS (
{cohort_households}
),
-- one row per village and month reached, its state on its date
c_villages AS (
{cohort_villages}
),
c_stages AS (
    SELECT *, {stage_columns}
    FROM c_villages
),
c_village_values AS (
    SELECT fiscal_year, months,
           count(*) AS villages,
           -- the catalogue's villages_with_group_share: villages with a group begun by their
           -- date (undated groups count) over the villages
           count(*) FILTER (WHERE groups >= 1) / count(*) AS villages_with_group_share,
           {stage_shares}
    FROM c_stages
    GROUP BY fiscal_year, months
),
c_household_values AS (
    SELECT fiscal_year, months,
           -- the catalogue's practising_share: over households with a later round by then
           count(*) FILTER (WHERE latest_round IS NOT NULL AND latest_practising)
               / nullif(count(*) FILTER (WHERE latest_round IS NOT NULL), 0) AS practising_share,
           -- the catalogue's income_increase_pct (metrics/model.py INCOME_INCREASE)
           {income_increase} AS income_increase_pct,
           -- households with a survey after baseline by then over target households
           count(*) FILTER (WHERE latest_round IS NOT NULL) / nullif(count(*), 0) AS surveyed_share
    FROM (
        SELECT *, baseline_income IS NOT NULL AND latest_income IS NOT NULL AS has_both
        FROM c_rounds
    )
    GROUP BY fiscal_year, months
)
SELECT v.fiscal_year, v.months, v.villages,
       h.practising_share, h.income_increase_pct, v.villages_with_group_share, h.surveyed_share,
       v.* EXCLUDE (fiscal_year, months, villages, villages_with_group_share)
FROM c_village_values AS v
LEFT JOIN c_household_values AS h USING (fiscal_year, months)
ORDER BY v.fiscal_year, v.months
