-- One row per household: what it is (village, fiscal year, members, occupation, name and ID),
-- each survey round in columns of its own (r_<round>_date, _income, _occupation_income,
-- _practising: the contract has one survey per household and round), the date of each training
-- day it attended (attended_<day>: the contract has one row per village and day), and whether
-- its occupation is one of the skills of a trainer of its village.
-- Dated rows are kept as columns so that the household's state at any date (households_as_of:
-- baseline, latest later round, days attended) is read from this one row, never again from
-- the surveys: the import stores it with the state on the newest date, and a page that looks
-- at an earlier date (the previous meeting) derives that state from the same row.
-- Sources (subqueries or CTE names): `villages` (village_code, fiscal_year), `households`
-- (of those villages), `surveys` (income_surveys rows of those households), `trainers`,
-- `training_days`, `attendance` (attendance rows of those training days and households).
-- Names and IDs ride along so pages list one table of households without joining; they are
-- masked on the way out, as everywhere.
WITH per_household AS (
    SELECT household_id,
           {round_pivot}
    FROM {surveys}
    GROUP BY household_id
),
attended AS (
    SELECT a.household_id,
           {attended_pivot}
    FROM {attendance} AS a
    JOIN {training_days} AS d USING (village_code, day)
    WHERE a.attended
    GROUP BY a.household_id
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
       r.* EXCLUDE (household_id),
       a.* EXCLUDE (household_id),
       -- skill match: membership in the trimmed, case-folded skills of the village's trainers
       -- (not a substring test); NULL when the household has no occupation
       CASE WHEN h.occupation IS NOT NULL AND trim(h.occupation) <> '' THEN
           coalesce(list_contains(k.skills, lower(trim(h.occupation))), false)
       END AS skill_matched
FROM {households} AS h
JOIN {villages} AS v USING (village_code)
LEFT JOIN per_household AS r USING (household_id)
LEFT JOIN village_skills AS k USING (village_code)
LEFT JOIN attended AS a USING (household_id)
