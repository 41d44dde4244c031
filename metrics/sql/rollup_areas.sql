-- The roll-up rows of one $level that make up a scope (the dimensions as in scope_villages.sql;
-- a grant is read at the district level, where its province and district codes apply).
SELECT *
FROM rollup_areas
WHERE as_of = $as_of
  AND level = $level
  AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
  AND ($province IS NULL OR province_code = $province)
  AND ($district IS NULL OR district_code = $district)
  AND ($tambon IS NULL OR tambon_code = $tambon)
  AND ($allowed::VARCHAR[] IS NULL
       OR list_contains($allowed::VARCHAR[], province_code)
       OR list_contains($allowed::VARCHAR[], district_code))
