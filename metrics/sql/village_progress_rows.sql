-- The rows of village_progress.sql as CTEs after the scope CTEs (vp_rows: one row per village
-- in scope), so the area roll-ups (metrics/rollups.py) build on the same rules.
vp_overdue AS (
    SELECT village_code,
           list(stage ORDER BY list_position({stage_list}, stage)) AS overdue_stages
    FROM s_overdue
    GROUP BY village_code
),
vp_income AS (
    SELECT village_code,
           {income_increase} AS income_increase_pct
    FROM s_income
    WHERE has_both
    GROUP BY village_code
),
vp_rows AS (
SELECT v.village_code, v.village_name, v.moo, v.tambon_code, v.tambon_name, v.tambon_name_en,
       v.district_code, v.district_name, v.district_name_en, v.province_code, v.province_name,
       v.province_name_en, v.fiscal_year, v.officer_id, v.lat, v.lon,
       s.trainers, s.leads, s.households, s.days AS training_days, s.groups, s.links,
       s.followed_up,
       {stage_select},
       s.stages_done, s.stages_done / {stage_count} AS progress,
       coalesce(o.overdue_stages, []::VARCHAR[]) AS overdue_stages,
       {status_case} AS status,
       i.income_increase_pct
FROM s_villages AS v
JOIN s_village_stages AS s USING (village_code)
LEFT JOIN vp_overdue AS o USING (village_code)
LEFT JOIN vp_income AS i USING (village_code)
)
