-- Income change in nominal and in constant prices over the households of the income indicator
-- (s_income WHERE has_both). Each later income is deflated to the prices of the calendar year of
-- its household's baseline survey: latest × CPI(baseline year) ÷ CPI(latest year), the index
-- from $cpi_years (CE) and $cpi_values. The caller refuses first any year the series lacks
-- (evaluation_cpi_missing.sql), so a NULL index never reaches a sum.
WITH {scope},
deflated AS (
    SELECT baseline_income, latest_income,
           latest_income * list_extract($cpi_values, list_position($cpi_years, year(baseline_date)))
               / list_extract($cpi_values, list_position($cpi_years, year(latest_date))) AS latest_real
    FROM s_income
    WHERE has_both
)
SELECT count(*) AS households,
       (sum(latest_income) - sum(baseline_income)) / nullif(sum(baseline_income), 0) AS nominal_increase,
       (sum(latest_real) - sum(baseline_income)) / nullif(sum(baseline_income), 0) AS real_increase
FROM deflated
