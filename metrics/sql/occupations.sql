-- Occupations chosen by households and groups of the villages in scope (their places and the
-- grant; the occupation and as-of filters are not applied: every choice of the area is
-- offered), in order. Only the villages CTE: no household state is derived for a list of names.
WITH {villages_in_scope}
SELECT DISTINCT occupation FROM (
    SELECT h.occupation FROM households AS h WHERE h.village_code IN (SELECT village_code FROM s_villages)
    UNION ALL
    SELECT g.occupation FROM groups AS g WHERE g.village_code IN (SELECT village_code FROM s_villages)
)
WHERE occupation IS NOT NULL AND trim(occupation) <> ''
ORDER BY occupation
