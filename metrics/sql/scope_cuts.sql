-- Which facts the villages in scope can read (see metrics/scope.py, variant()): whether $as_of
-- cuts the stored state of one of them (it comes before the village's newest dated row: the
-- date filter skips, by zone maps, every row group whose newest row is older), and whether the
-- store may hold a village without facts. An import writes the facts of every village it
-- covers, from the villages table (data_loaders/store/facts.py), so as many facts as villages
-- means none is missing; otherwise scope_missing.sql looks at the villages in scope.
WITH {villages_in_scope}
SELECT EXISTS (
           SELECT 1 FROM fact_villages AS f
           WHERE $as_of IS NOT NULL AND f.last_dated > $as_of
             AND f.village_code IN (SELECT village_code FROM s_villages)
       ) AS cuts,
       (SELECT count(*) FROM villages) <> (SELECT count(*) FROM fact_villages) AS may_miss
