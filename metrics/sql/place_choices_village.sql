-- place_choices.sql at the village level: the village code is the villages table's key (one row
-- per village), so nothing to group: the first $limit villages in scope in code order, read as
-- a top-N (at national scale the sidebar asks for 2,001 of 118,000 villages).
WITH {villages_in_scope}
SELECT village_code AS code, village_name AS name, NULL::VARCHAR AS name_en
FROM s_villages
ORDER BY village_code
LIMIT $limit
