-- Follow-up attrition: per survey round after baseline ($rounds, the stored codes), every
-- target household in scope (due yet or not), whether it has a survey of that round (on or
-- before the as-of date), and the mean baseline income (baht/year) of those surveyed (retained)
-- and of those not (lost). {group_columns} is empty for the whole scope, or the district or
-- village columns (with a trailing comma) for the breakdowns.
WITH {scope},
base AS (
    SELECT household_id, household_income AS baseline_income FROM s_surveys WHERE round = 'baseline'
),
done AS (
    SELECT DISTINCT household_id, round FROM s_surveys WHERE round <> 'baseline'
),
grid AS (
    SELECT h.household_id, h.village_code, v.village_name, v.district_code, v.district_name,
           v.district_name_en, r.round, d.household_id IS NOT NULL AS surveyed, b.baseline_income
    FROM s_households AS h
    JOIN s_villages AS v USING (village_code)
    CROSS JOIN (SELECT unnest($rounds::VARCHAR[]) AS round) AS r
    LEFT JOIN done AS d ON d.household_id = h.household_id AND d.round = r.round
    LEFT JOIN base AS b ON b.household_id = h.household_id
)
SELECT {group_columns} round,
       count(*) AS target,
       count(*) FILTER (WHERE surveyed) AS surveyed,
       1 - count(*) FILTER (WHERE surveyed) / count(*) AS missing_share,
       avg(baseline_income) FILTER (WHERE surveyed) AS baseline_mean_retained,
       avg(baseline_income) FILTER (WHERE NOT surveyed) AS baseline_mean_lost
FROM grid
GROUP BY ALL
ORDER BY ALL
