-- The per-household charts' rows (metrics/income.py, income_chart_rows): only the columns they
-- draw, so a national draw reads a few columns of the stored facts, and no name or ID at all.
-- pick: household_pick_sample.sql or household_pick_sample_stored.sql, the households drawn.
WITH {scope},
picked AS (
    SELECT household_id, village_code, change_pct, baseline_per_person, latest_per_person
    FROM s_income
    {pick}
)
SELECT * FROM picked
ORDER BY village_code, household_id
