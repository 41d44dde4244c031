-- Target villages in scope whose team has no lead (ปราชญ์), with their team size and their
-- tambon and district names (Thai and English), in code order. The team is counted once, at
-- import (fact_villages.trainers and .leads, data_loaders/store/sql/facts/villages.sql); a village
-- without stored facts is counted from its trainers by the same rule. Trainers have no date
-- and no occupation, so neither an as-of date nor an occupation changes the answer.
WITH {villages_in_scope},
missing AS (
    SELECT village_code FROM s_villages
    WHERE village_code NOT IN (SELECT village_code FROM fact_villages)
),
teams AS (
    SELECT village_code, trainers, leads
    FROM fact_villages
    WHERE village_code IN (SELECT village_code FROM s_villages)
    UNION ALL
    SELECT m.village_code, count(t.trainer_id) AS trainers,
           count(t.trainer_id) FILTER (WHERE t.role = 'lead') AS leads
    FROM missing AS m
    LEFT JOIN (SELECT * FROM trainers WHERE village_code IN (SELECT village_code FROM missing)) AS t
        USING (village_code)
    GROUP BY m.village_code
)
SELECT v.village_code, v.village_name, v.tambon_name, v.tambon_name_en,
       v.district_name, v.district_name_en, t.trainers
FROM s_villages AS v
JOIN teams AS t USING (village_code)
WHERE t.leads = 0
ORDER BY v.village_code
