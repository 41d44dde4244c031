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
-- the households of each village at each month it reached, counted in one pass over one row per
-- household: its state on the village's date at month m (households_as_of.sql's rules, one set
-- of columns per month, data_loaders/store/facts.py household_state) gives target households,
-- those with a survey after baseline by then (the village facts' followed_up), those whose
-- latest such survey says practising, and the baseline and latest income of those with both
-- (the income increase is a ratio of sums, so it adds up over villages). A month the village
-- has not reached is computed too, and never read.
c_village_dates AS (
    SELECT village_code, {date_columns}
    FROM c_cells
    GROUP BY village_code
),
c_household_counts AS (
    SELECT village_code,
           count(*) AS households_n,
           {month_counts}
    FROM (
        SELECT p.village_code,
               {month_states}
        FROM (
            SELECT h.*, d.* EXCLUDE (village_code)
            FROM (SELECT {household_columns} FROM fact_households WHERE {in_cells}) AS h
            JOIN c_village_dates AS d USING (village_code)
        ) AS p
    )
    GROUP BY village_code
),
-- one row per village and month reached, its state on its date (the rules of villages_as_of.sql:
-- data_loaders/store/facts.py village_state, and followed_up from c_household_counts), with
-- its households' counts at that month
c_villages AS (
    SELECT p.*,
           {village_state},
           {month_pick}
    FROM (
        SELECT f.*, c.fiscal_year, c.months, c.cohort_date
        FROM {stored_villages} AS f
        JOIN c_cells AS c USING (village_code)
    ) AS p
    LEFT JOIN c_household_counts AS h USING (village_code)
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
       sum(followed_up) / nullif(sum(households_n), 0) AS surveyed_share,
       {stage_shares}
FROM c_stages
GROUP BY fiscal_year, months
ORDER BY fiscal_year, months
