-- The places among $codes (province, district, tambon or village codes, any mix): each with
-- its level and its Thai and English names. For captions and for checking codes in a link,
-- without reading every village.
SELECT DISTINCT level, code, name, name_en
FROM (
    SELECT 'province' AS level, province_code AS code, province_name AS name, province_name_en AS name_en
    FROM villages WHERE list_contains($codes, province_code)
    UNION ALL
    SELECT 'district', district_code, district_name, district_name_en
    FROM villages WHERE list_contains($codes, district_code)
    UNION ALL
    SELECT 'tambon', tambon_code, tambon_name, tambon_name_en
    FROM villages WHERE list_contains($codes, tambon_code)
    UNION ALL
    SELECT 'village', village_code, village_name, NULL
    FROM villages WHERE list_contains($codes, village_code)
)
ORDER BY level, code
