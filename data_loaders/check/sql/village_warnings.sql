-- Whole-village warnings on the state an import would produce, for the villages it covers:
-- those short of the households stage or the team stage ({households_done}, {team_done}: the
-- stage rules of data_loaders/facts.py). $households_target: target households per village;
-- $trainers_target: trainers per team.
WITH hh AS (
    SELECT village_code, count(*) AS n FROM households GROUP BY village_code
), tr AS (
    SELECT village_code, count(*) AS n, count(*) FILTER (WHERE role = 'lead') AS leads
    FROM trainers GROUP BY village_code
), counts AS (
    SELECT
        c.village_code,
        coalesce(hh.n, 0) AS households,
        coalesce(tr.n, 0) AS trainers,
        coalesce(tr.leads, 0) AS leads
    FROM covered_villages AS c
    JOIN villages AS v USING (village_code)
    LEFT JOIN hh USING (village_code)
    LEFT JOIN tr USING (village_code)
), judged AS (
    SELECT *, NOT ({households_done}) AS few_households, NOT ({team_done}) AS few_trainers
    FROM counts
)
SELECT village_code, households, trainers, leads, few_households, few_trainers
FROM judged
WHERE few_households OR few_trainers
ORDER BY village_code
