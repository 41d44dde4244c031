-- Skills against chosen occupations: for each (occupation, skill), the households choosing
-- that occupation whose village has a trainer with that skill. Diagonal-like cells
-- (skill = occupation) are the matches.
WITH {scope},
village_skills AS (
    SELECT DISTINCT village_code, trim(skill) AS skill
    FROM (SELECT village_code, unnest(skills) AS skill FROM s_trainers)
    WHERE trim(skill) <> ''
),
-- households counted per (village, occupation) first: a village's skills multiply rows, not households
occupations AS (
    SELECT village_code, occupation, count(*) AS n
    FROM s_households
    WHERE occupation IS NOT NULL AND trim(occupation) <> ''
    GROUP BY village_code, occupation
),
cells AS (
    SELECT o.occupation, vs.skill, sum(o.n)::BIGINT AS households
    FROM occupations AS o
    JOIN village_skills AS vs USING (village_code)
    GROUP BY o.occupation, vs.skill
)
-- whether a cell is a match is worked out per cell, not per village's row (lower() of Thai
-- text, once for each of a million joined rows at national scale, was most of the time)
SELECT occupation, skill, households, lower(trim(occupation)) = lower(skill) AS is_match
FROM cells
ORDER BY occupation, skill
