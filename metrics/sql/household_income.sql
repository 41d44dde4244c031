-- Income change per household in scope, with the place names for tables and roll-ups.
-- {where}: nothing, or a filter on i.household_id put in by metrics/income.py.
WITH {scope}
SELECT i.household_id, i.village_code, v.village_name, v.tambon_code, v.tambon_name,
       v.tambon_name_en, v.district_code, v.district_name, v.district_name_en,
       v.province_code, v.province_name, v.province_name_en, v.fiscal_year,
       i.head_name, i.national_id, i.members, i.occupation,
       i.baseline_income, i.baseline_date, i.latest_round, i.latest_income, i.latest_date,
       i.change_baht, i.change_pct, i.baseline_per_person, i.latest_per_person, i.jpt_line,
       i.baseline_above_jpt, i.latest_above_jpt, i.latest_practising AS practising,
       i.latest_occupation_income AS occupation_income
FROM s_income AS i
JOIN s_villages AS v USING (village_code)
{where}
ORDER BY i.village_code, i.household_id
