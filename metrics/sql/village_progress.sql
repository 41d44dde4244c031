-- Progress per village: the eight derived stages, stages done / 8, overdue stages (a plan due
-- before $ref_date whose stage is not done) and a status. Overdue takes precedence.
WITH {scope},
plan_status AS (
    SELECT p.village_code, p.stage, p.due_date,
           CASE p.stage
               WHEN 'team' THEN s.team
               WHEN 'households' THEN s.households_done
               WHEN 'knowledge' THEN s.knowledge
               WHEN 'study_visit' THEN s.study_visit
               WHEN 'practice' THEN s.practice
               WHEN 'group' THEN s."group"
               WHEN 'network' THEN s.network
               WHEN 'follow_up' THEN s.follow_up
           END AS done
    FROM s_plans AS p JOIN s_village_stages AS s USING (village_code)
),
overdue AS (
    SELECT village_code,
           list(stage ORDER BY list_position(
               ['team', 'households', 'knowledge', 'study_visit', 'practice', 'group', 'network', 'follow_up'],
               stage)) AS overdue_stages
    FROM plan_status
    WHERE due_date < $ref_date AND NOT done
    GROUP BY village_code
),
income AS (
    SELECT village_code,
           (sum(latest_income) - sum(baseline_income))
               / nullif(sum(baseline_income), 0) AS income_increase_pct
    FROM s_income
    WHERE baseline_income IS NOT NULL AND latest_income IS NOT NULL
    GROUP BY village_code
)
SELECT v.village_code, v.village_name, v.moo, v.tambon_code, v.tambon_name, v.tambon_name_en,
       v.district_code, v.district_name, v.district_name_en, v.province_code, v.province_name,
       v.province_name_en, v.fiscal_year, v.officer_id, v.lat, v.lon,
       s.trainers, s.leads, s.households, s.days AS training_days, s.groups, s.links,
       s.followed_up,
       s.team, s.households_done AS households_stage, s.knowledge, s.study_visit, s.practice,
       s."group" AS group_stage, s.network, s.follow_up,
       s.stages_done, s.stages_done / 8 AS progress,
       coalesce(o.overdue_stages, []::VARCHAR[]) AS overdue_stages,
       CASE
           WHEN o.overdue_stages IS NOT NULL THEN 'overdue'
           WHEN s.stages_done = 8 THEN 'complete'
           WHEN s.stages_done = 0 THEN 'not_started'
           ELSE 'in_progress'
       END AS status,
       i.income_increase_pct
FROM s_villages AS v
JOIN s_village_stages AS s USING (village_code)
LEFT JOIN overdue AS o USING (village_code)
LEFT JOIN income AS i USING (village_code)
ORDER BY v.village_code
