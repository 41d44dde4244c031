-- How many marks each map level would need in scope: villages with coordinates, and the
-- tambons, districts and provinces they lie in.
WITH {scope}
SELECT count(*) AS village,
       count(DISTINCT tambon_code) AS tambon,
       count(DISTINCT district_code) AS district,
       count(DISTINCT province_code) AS province
FROM s_villages
WHERE lat IS NOT NULL AND lon IS NOT NULL
