-- Income change in nominal and in constant prices over the households of the income indicator
-- (s_income WHERE has_both). Each later income is deflated to the prices of the calendar year of
-- its household's baseline survey: latest × CPI(baseline year) ÷ CPI(latest year), the index
-- from $cpi_years (CE) and $cpi_values (latest_real: LATEST_REAL of metrics/evaluation.py,
-- which the area roll-ups sum per village too). In the same pass, missing_years: the calendar years of
-- those baseline and latest surveys that the index lacks, oldest first; the caller refuses real
-- income when there are any (a NULL index leaves real_increase meaningless, never used).
WITH {scope},
deflated AS (
    SELECT baseline_income, latest_income, year(baseline_date) AS baseline_year,
           year(latest_date) AS latest_year,
           {latest_real} AS latest_real
    FROM s_income
    WHERE has_both
)
SELECT count(*) AS households,
       (sum(latest_income) - sum(baseline_income)) / nullif(sum(baseline_income), 0) AS nominal_increase,
       (sum(latest_real) - sum(baseline_income)) / nullif(sum(baseline_income), 0) AS real_increase,
       list_sort(list_distinct(
           coalesce(list(baseline_year) FILTER (WHERE NOT list_contains($cpi_years, baseline_year)), [])
           || coalesce(list(latest_year) FILTER (WHERE NOT list_contains($cpi_years, latest_year)), [])
       )) AS missing_years
FROM deflated
