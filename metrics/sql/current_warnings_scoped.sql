-- The current warnings (current_warnings.sql) in scope, as a query over the scope CTEs (put it
-- inside a query that starts with the scope CTEs): those about a village in scope. A warning about no
-- village in particular (an unknown column, an officer's row) belongs to the whole store: it
-- shows only at all areas, to a person whose grant is not limited to areas. Every text line that
-- comes from an import goes through this one filter.
SELECT w.*
FROM ({sql:current_warnings}
) AS w
WHERE w.village_code IN (SELECT village_code FROM s_villages)
   OR (w.village_code IS NULL AND $allowed::VARCHAR[] IS NULL AND $province IS NULL
       AND $district IS NULL AND $tambon IS NULL AND len($villages) = 0)
