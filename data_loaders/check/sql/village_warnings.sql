-- Whole-village warnings on the state an import would produce, for the villages it covers.
-- $households_target: target households per village; $trainers_target: trainers per team.
WITH hh AS (
    SELECT village_code, count(*) AS n FROM households GROUP BY village_code
), tr AS (
    SELECT village_code, count(*) AS n, count(*) FILTER (WHERE role = 'lead') AS leads
    FROM trainers GROUP BY village_code
)
SELECT
    c.village_code,
    coalesce(hh.n, 0) AS households,
    coalesce(tr.n, 0) AS trainers,
    coalesce(tr.leads, 0) AS leads
FROM covered_villages AS c
JOIN villages AS v USING (village_code)
LEFT JOIN hh USING (village_code)
LEFT JOIN tr USING (village_code)
WHERE coalesce(hh.n, 0) < $households_target
   OR coalesce(tr.n, 0) < $trainers_target
   OR coalesce(tr.leads, 0) = 0
ORDER BY c.village_code
