-- Whether $as_of cuts the stored facts of a village in scope: it comes before the village's
-- newest dated row, or the village has no stored facts (see metrics/scope.py, variant()).
WITH {villages_in_scope}
SELECT count(*) > 0 AS cuts
FROM s_villages AS v
LEFT JOIN fact_villages AS f USING (village_code)
WHERE f.village_code IS NULL OR ($as_of IS NOT NULL AND f.last_dated > $as_of)
