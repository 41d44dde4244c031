-- The columns of village_progress.sql that the map reads, for the villages in scope, from the
-- villages' rows the area roll-ups keep at $as_of (metrics/sql/rollup_villages.sql).
WITH {villages_in_scope}
SELECT v.village_code, v.village_name, v.tambon_code, v.tambon_name, v.tambon_name_en,
       v.district_code, v.district_name, v.district_name_en, v.province_code, v.province_name,
       v.province_name_en, v.lat, v.lon, r.households, r.stages_done, r.status
FROM s_villages AS v
JOIN rollup_villages AS r USING (village_code)
WHERE r.as_of = $as_of
ORDER BY v.village_code
