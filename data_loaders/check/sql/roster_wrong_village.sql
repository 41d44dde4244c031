-- Roster rows from the file whose household_id is a target household of another village (a
-- selected household carries its own id; a household of another village cannot be on this
-- village's roster).
SELECT s._row, s.household_id, s.village_code, h.village_code AS household_village
FROM stg_roster AS s
JOIN households AS h USING (household_id)
WHERE h.village_code <> s.village_code
ORDER BY s._row
