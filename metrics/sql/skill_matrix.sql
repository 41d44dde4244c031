-- Skills against chosen occupations: for each (occupation, skill), the households choosing
-- that occupation whose village has a trainer with that skill. Diagonal-like cells
-- (skill = occupation) are the matches.
WITH {scope},
village_skills AS (
    SELECT DISTINCT village_code, trim(skill) AS skill
    FROM (SELECT village_code, unnest(skills) AS skill FROM s_trainers)
    WHERE trim(skill) <> ''
)
SELECT h.occupation, vs.skill, count(*) AS households,
       lower(trim(h.occupation)) = lower(vs.skill) AS is_match
FROM s_households AS h
JOIN village_skills AS vs USING (village_code)
WHERE h.occupation IS NOT NULL AND trim(h.occupation) <> ''
GROUP BY ALL
ORDER BY h.occupation, vs.skill
