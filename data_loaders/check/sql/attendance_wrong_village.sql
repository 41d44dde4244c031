-- Attendance rows from the file whose household belongs to another village.
SELECT s._row, s.household_id, s.village_code, h.village_code AS household_village
FROM stg_attendance AS s
JOIN households AS h USING (household_id)
WHERE h.village_code <> s.village_code
ORDER BY s._row
