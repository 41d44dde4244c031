-- occupations.sql for a scope of every village (no place chosen, no grant to narrow): the
-- occupations of every household and group, in order. The same list, since every household
-- and group belongs to a village of the store (the contract's references, checked at import),
-- without joining 2.4 million households to the villages.
SELECT DISTINCT occupation FROM (
    SELECT occupation FROM households
    UNION ALL
    SELECT occupation FROM groups
)
WHERE occupation IS NOT NULL AND trim(occupation) <> ''
ORDER BY occupation
