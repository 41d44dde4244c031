-- Data-quality checks in scope, one row per failing record: check id, table, key, village; a
-- query over the scope CTEs (put it inside a query that starts with them). The households'
-- checks read their stored facts (s_rounds: one row per household in scope, with its baseline
-- and latest later round on the as-of date), never the survey rows. The one statement of each
-- check: completeness.sql lists the records, completeness_overview.sql counts them.
SELECT 'household_without_baseline' AS check_id, 'households' AS table_name,
       household_id AS record_key, village_code
FROM s_rounds
WHERE has_baseline IS NOT TRUE
UNION ALL
SELECT 'household_without_later_survey', 'households', household_id, village_code
FROM s_rounds
WHERE latest_round IS NULL
UNION ALL
SELECT 'household_without_occupation', 'households', household_id, village_code
FROM s_rounds
WHERE occupation IS NULL OR trim(occupation) = ''
UNION ALL
SELECT 'village_without_coordinates', 'villages', v.village_code, v.village_code
FROM s_villages AS v
WHERE v.lat IS NULL OR v.lon IS NULL
