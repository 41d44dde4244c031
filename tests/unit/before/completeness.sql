-- Data-quality checks in scope, one row per failing record: check id, table, key, village.
WITH {scope}
SELECT 'household_without_baseline' AS check_id, 'households' AS table_name,
       h.household_id AS record_key, h.village_code
FROM s_households AS h
WHERE NOT EXISTS (SELECT 1 FROM s_baseline AS b WHERE b.household_id = h.household_id)
UNION ALL
SELECT 'household_without_later_survey', 'households', h.household_id, h.village_code
FROM s_households AS h
WHERE NOT EXISTS (SELECT 1 FROM s_latest AS l WHERE l.household_id = h.household_id)
UNION ALL
SELECT 'household_without_occupation', 'households', h.household_id, h.village_code
FROM s_households AS h
WHERE h.occupation IS NULL OR trim(h.occupation) = ''
UNION ALL
SELECT 'village_without_coordinates', 'villages', v.village_code, v.village_code
FROM s_villages AS v
WHERE v.lat IS NULL OR v.lon IS NULL
ORDER BY 1, 4, 3
