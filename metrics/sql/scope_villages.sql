-- The target villages in scope (the first of the scope CTEs, also used alone by
-- scope_cuts.sql). Dimensions: metrics/model.py (DIMENSIONS).
s_villages AS (
    SELECT *
    FROM villages
    WHERE ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
      AND ($province IS NULL OR province_code = $province)
      AND ($district IS NULL OR district_code = $district)
      AND ($tambon IS NULL OR tambon_code = $tambon)
      AND (len($villages) = 0 OR list_contains($villages, village_code))
      AND ($allowed::VARCHAR[] IS NULL
           OR list_contains($allowed::VARCHAR[], province_code)
           OR list_contains($allowed::VARCHAR[], district_code))
)
