-- How many villages, tambons, districts and provinces the scope holds (cheap: villages only).
WITH {scope}
SELECT count(*) AS village,
       count(DISTINCT tambon_code) AS tambon,
       count(DISTINCT district_code) AS district,
       count(DISTINCT province_code) AS province
FROM s_villages
