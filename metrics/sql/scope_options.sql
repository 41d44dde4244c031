-- Every village the grant allows ($allowed: province and district codes; NULL is unrestricted),
-- with its place codes and names: the choices the filters cascade through.
SELECT village_code, village_name, fiscal_year, province_code, province_name, province_name_en,
       district_code, district_name, district_name_en, tambon_code, tambon_name, tambon_name_en
FROM villages
WHERE $allowed::VARCHAR[] IS NULL
   OR list_contains($allowed::VARCHAR[], province_code)
   OR list_contains($allowed::VARCHAR[], district_code)
ORDER BY province_code, district_code, tambon_code, village_code
