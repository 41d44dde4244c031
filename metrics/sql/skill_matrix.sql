-- Skills against chosen occupations (the same cells as skill_matrix_pairs.sql): for each
-- (occupation, skill), the households choosing that occupation whose village has a trainer
-- with that skill; is_match where the skill is the occupation. At national scale a village's
-- skills as (village, skill) rows are 600,000 rows to make distinct, so each village's skills
-- are one number here instead, a bit per skill, made from the few distinct skill lists the
-- trainers have (91 of them for 584,000 trainers). Up to 128 skills in scope (`vocabulary` says
-- how many): with more, the caller takes skill_matrix_pairs.sql.
WITH {scope},
lists AS (SELECT DISTINCT skills FROM s_trainers),
list_skills AS (
    SELECT skills, trim(skill) AS skill
    FROM (SELECT skills, unnest(skills) AS skill FROM lists)
    WHERE trim(skill) <> ''
),
vocabulary AS (
    SELECT skill, row_number() OVER (ORDER BY skill) - 1 AS bit
    FROM (SELECT DISTINCT skill FROM list_skills)
),
list_masks AS (
    SELECT ls.skills,
           bit_or(CASE WHEN v.bit < 128 THEN 1::UHUGEINT << v.bit::UHUGEINT ELSE 0::UHUGEINT END) AS mask
    FROM list_skills AS ls JOIN vocabulary AS v USING (skill)
    GROUP BY ls.skills
),
village_masks AS (
    SELECT t.village_code, bit_or(m.mask) AS mask
    FROM s_trainers AS t JOIN list_masks AS m ON t.skills IS NOT DISTINCT FROM m.skills
    GROUP BY t.village_code
),
-- households counted per (occupation, village skills): a village's skills multiply cells, not
-- households. The households of s_households (those of the villages in scope, narrowed by the
-- occupation) whose village has skills: village_masks holds villages in scope only, so the
-- households are joined to it alone, once.
by_mask AS (
    SELECT h.occupation, vm.mask, count(*) AS n
    FROM households AS h JOIN village_masks AS vm USING (village_code)
    WHERE ($occupation IS NULL OR h.occupation = $occupation)
      AND h.occupation IS NOT NULL AND trim(h.occupation) <> ''
    GROUP BY h.occupation, vm.mask
),
cells AS (
    SELECT b.occupation, v.skill, sum(b.n)::BIGINT AS households
    FROM by_mask AS b JOIN vocabulary AS v ON v.bit < 128 AND (b.mask >> v.bit::UHUGEINT) & 1 = 1
    GROUP BY b.occupation, v.skill
)
SELECT occupation, skill, households, lower(trim(occupation)) = lower(skill) AS is_match,
       (SELECT count(*) FROM vocabulary) AS vocabulary
FROM cells
ORDER BY occupation, skill
