-- Which facts the villages in scope can read (see metrics/scope.py, variant()): whether $as_of
-- cuts the stored state of one of them (it comes before the village's newest dated row), and
-- whether one of them has no stored facts at all.
WITH {villages_in_scope}
SELECT coalesce(bool_or($as_of IS NOT NULL AND f.last_dated > $as_of), false) AS cuts,
       coalesce(bool_or(f.village_code IS NULL), false) AS missing
FROM s_villages AS v
LEFT JOIN fact_villages AS f USING (village_code)
