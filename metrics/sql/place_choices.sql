-- The choices one place filter offers ($level: fiscal_year, province, district, tambon or
-- village) within the places chosen above it and the grant (the villages of
-- scope_villages.sql): each code with its Thai and English names, in code order, at most
-- $limit of them. A few rows for the sidebar, never the country's 118,000 villages.
WITH {villages_in_scope},
named AS (
    SELECT CASE $level
               WHEN 'fiscal_year' THEN fiscal_year::VARCHAR
               WHEN 'province' THEN province_code
               WHEN 'district' THEN district_code
               WHEN 'tambon' THEN tambon_code
               ELSE village_code
           END AS code,
           CASE $level
               WHEN 'fiscal_year' THEN fiscal_year::VARCHAR
               WHEN 'province' THEN province_name
               WHEN 'district' THEN district_name
               WHEN 'tambon' THEN tambon_name
               ELSE village_name
           END AS name,
           CASE $level
               WHEN 'province' THEN province_name_en
               WHEN 'district' THEN district_name_en
               WHEN 'tambon' THEN tambon_name_en
           END AS name_en
    FROM s_villages
)
SELECT code, min(name) AS name, min(name_en) AS name_en
FROM named
WHERE code IS NOT NULL
GROUP BY code
ORDER BY code
LIMIT $limit
