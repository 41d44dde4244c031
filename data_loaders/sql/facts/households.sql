-- One row per household: its baseline and its "latest later round" (the latest survey round
-- after baseline, by the contract's round order), and whether its occupation is one of the
-- skills of a trainer of its village. The one definition of these rules: the import
-- materialises it into fact_households over the whole store, and metrics/sql/scope.sql runs it
-- over the rows in scope when an as-of date narrows the surveys.
-- Sources (subqueries or CTE names): {villages} (village_code, fiscal_year), {households}
-- (of those villages), {surveys} (income_surveys rows of those households), {trainers},
-- {attendance} (attendance rows whose training day is in the sources).
-- The village's fiscal year and the household's own columns ride along, so pages filter, sum
-- and list one table of households without joining (names and IDs are masked on the way out,
-- as everywhere).
WITH per_household AS (
    SELECT household_id,
           bool_or(round = 'baseline') AS has_baseline,
           any_value({household_income: household_income, survey_date: survey_date})
               FILTER (WHERE round = 'baseline') AS baseline,
           -- a struct, so a later round with a blank income still wins over an earlier one
           arg_max({round: round, household_income: household_income,
                    occupation_income: occupation_income, practising: practising,
                    survey_date: survey_date},
                   list_position({round_order}, round))
               FILTER (WHERE round <> 'baseline') AS latest,
           max(survey_date) AS last_survey_date,
           count(DISTINCT round) AS rounds_present
    FROM {surveys}
    GROUP BY household_id
),
village_skills AS (
    SELECT village_code, list(DISTINCT lower(trim(skill))) AS skills
    FROM (SELECT village_code, unnest(skills) AS skill FROM {trainers})
    GROUP BY village_code
)
SELECT h.household_id,
       h.village_code,
       v.fiscal_year,
       h.members,
       h.occupation,
       h.head_name,
       h.national_id,
       -- attendance rows saying attended, and trained: attended at least one training day
       coalesce(a.n, 0) AS attended_days,
       coalesce(a.n, 0) > 0 AS trained,
       r.last_survey_date,
       coalesce(r.rounds_present, 0) AS rounds_present,
       coalesce(r.has_baseline, false) AS has_baseline,
       r.baseline.household_income AS baseline_income,
       r.baseline.survey_date AS baseline_date,
       r.latest.round AS latest_round,
       r.latest.household_income AS latest_income,
       r.latest.occupation_income AS latest_occupation_income,
       r.latest.practising AS latest_practising,
       r.latest.survey_date AS latest_date,
       -- skill match: membership in the trimmed, case-folded skills of the village's trainers
       -- (not a substring test); NULL when the household has no occupation
       CASE WHEN h.occupation IS NOT NULL AND trim(h.occupation) <> '' THEN
           coalesce(list_contains(k.skills, lower(trim(h.occupation))), false)
       END AS skill_matched
FROM {households} AS h
JOIN {villages} AS v USING (village_code)
LEFT JOIN per_household AS r USING (household_id)
LEFT JOIN village_skills AS k USING (village_code)
LEFT JOIN (SELECT household_id, count(*) AS n FROM {attendance} WHERE attended GROUP BY household_id) AS a
    USING (household_id)
