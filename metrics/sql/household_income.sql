-- Income change per household in scope, with the place names for tables and roll-ups.
-- picked: which households, by a clause on s_income that metrics/income.py puts in: nothing for
-- all of them, else household_pick_first.sql or household_pick_sample.sql, the few a page shows.
-- They are picked before the names are joined, s_income read once: a national scope joins and
-- returns a few thousand rows, not 2.4 million.
WITH {scope},
picked AS (
    SELECT * FROM s_income
    {pick}
)
SELECT i.household_id, i.village_code, v.village_name, v.tambon_code, v.tambon_name,
       v.tambon_name_en, v.district_code, v.district_name, v.district_name_en,
       v.province_code, v.province_name, v.province_name_en, v.fiscal_year,
       i.head_name, i.national_id, i.members, i.occupation,
       i.baseline_income, i.baseline_date, i.latest_round, i.latest_income, i.latest_date,
       i.change_baht, i.change_pct, i.baseline_per_person, i.latest_per_person, i.jpt_line,
       i.baseline_above_jpt, i.latest_above_jpt, i.latest_practising AS practising,
       i.latest_occupation_income AS occupation_income
FROM picked AS i
JOIN s_villages AS v USING (village_code)
ORDER BY i.village_code, i.household_id
