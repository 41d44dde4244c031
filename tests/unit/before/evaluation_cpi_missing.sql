-- The calendar years (CE) of the baseline and latest surveys behind real income (the households
-- of the income indicator) that the price index ($cpi_years) lacks, oldest first.
WITH {scope},
years AS (
    SELECT year(baseline_date) AS year FROM s_income WHERE has_both
    UNION
    SELECT year(latest_date) FROM s_income WHERE has_both
)
SELECT year FROM years WHERE NOT list_contains($cpi_years, year) ORDER BY year
