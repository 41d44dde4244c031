-- Whether a village in scope has no stored facts (scope_cuts.sql says when to ask).
WITH {villages_in_scope}
SELECT EXISTS (
    SELECT 1 FROM s_villages WHERE village_code NOT IN (SELECT village_code FROM fact_villages)
) AS missing
