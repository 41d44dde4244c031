-- Trainer coverage per village: team size against the target, a lead, households per trainer.
WITH {scope}
SELECT v.village_code, v.village_name, v.tambon_name, v.district_code, v.district_name,
       f.trainers, $trainers_target AS trainers_target, f.leads, f.leads > 0 AS has_lead,
       f.households, f.households / nullif(f.trainers, 0) AS households_per_trainer,
       f.trainers >= $trainers_target AND f.leads > 0 AS full_team,
       sm.matched_households, sm.households_with_occupation,
       sm.matched_households / nullif(sm.households_with_occupation, 0) AS skill_match_share
FROM s_villages AS v
JOIN s_village_facts AS f USING (village_code)
LEFT JOIN (
    SELECT village_code, count(*) FILTER (WHERE matched) AS matched_households,
           count(*) AS households_with_occupation
    FROM s_skill_match GROUP BY village_code
) AS sm USING (village_code)
ORDER BY v.village_code
