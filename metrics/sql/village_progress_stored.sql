-- village_progress.sql for the villages in scope from the rows the area roll-ups keep at
-- $as_of (metrics/sql/rollup_villages.sql): the same columns in the same order.
WITH {villages_in_scope}
SELECT v.village_code, v.village_name, v.moo, v.tambon_code, v.tambon_name, v.tambon_name_en,
       v.district_code, v.district_name, v.district_name_en, v.province_code, v.province_name,
       v.province_name_en, v.fiscal_year, v.officer_id, v.lat, v.lon,
       r.trainers, r.leads, r.households, r.training_days, r.groups, r.links,
       r.followed_up,
       {stage_flags},
       r.stages_done, r.stages_done / {stage_count} AS progress,
       r.overdue_stages,
       r.status,
       {village_income_increase} AS income_increase_pct
FROM s_villages AS v
JOIN rollup_villages AS r USING (village_code)
WHERE r.as_of = $as_of
ORDER BY v.village_code
