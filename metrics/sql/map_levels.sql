-- How many marks each map level would need: villages with coordinates in vp_frame (the
-- village_progress rows of the scope), and the tambons, districts and provinces they lie in.
SELECT count(*) AS village,
       count(DISTINCT tambon_code) AS tambon,
       count(DISTINCT district_code) AS district,
       count(DISTINCT province_code) AS province
FROM vp_frame
WHERE lat IS NOT NULL AND lon IS NOT NULL
