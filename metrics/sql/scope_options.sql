-- Every village with its place codes and names: the choices the filters cascade through.
SELECT village_code, village_name, fiscal_year, province_code, province_name, province_name_en,
       district_code, district_name, district_name_en, tambon_code, tambon_name, tambon_name_en
FROM villages
ORDER BY province_code, district_code, tambon_code, village_code
