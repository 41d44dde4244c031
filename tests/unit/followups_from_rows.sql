-- The follow-up list as it was derived before (kept for tests/unit/test_followups_page.py): each
-- household's survey rounds counted again from the survey rows (s_surveys), the whole list
-- joined to its places before it is sorted, and counted by a query of its own. The one change:
-- the file row as the last sort keys (source_file, source_row), which metrics/sql/followups.sql
-- adds so that two lines alike in every other key keep one order.
-- The follow-up list at $as_of (= $ref_date), most overdue first: plans overdue (s_overdue:
-- due before $as_of, stage not done; item the stage), villages without a lead trainer (due at
-- their 'team' plan, if any), follow-up surveys due (per village and round, due the earliest
-- date among its households; households without a post survey are left to the completeness
-- checks), and the current import warnings in scope (current_warnings_scoped.sql; no due date);
-- each with its village's places and officer, and a warning with its household (if any) and
-- file row. days_overdue = $as_of - due. Sorted and cut in SQL: a national list has 100,000 items.
WITH {scope},
-- follow_6m is due 6 months after the household's post survey, follow_12m 12 months after;
-- a round is due when its due date is on or before $as_of and it is not recorded by then.
-- A follow_6m no longer counts once the follow_12m is due (the 12-month survey replaces it).
per_household AS (
    SELECT household_id, village_code,
           max(survey_date) FILTER (WHERE round = 'post') AS post_date,
           bool_or(round = 'follow_6m') AS has_6m,
           bool_or(round = 'follow_12m') AS has_12m
    FROM s_surveys
    GROUP BY household_id, village_code
),
due AS (
    SELECT household_id, village_code,
           (post_date + INTERVAL 6 MONTH)::DATE AS due_6m,
           (post_date + INTERVAL 12 MONTH)::DATE AS due_12m,
           has_6m, has_12m
    FROM per_household
    WHERE post_date IS NOT NULL
),
surveys_due AS (
    SELECT village_code, 'follow_12m' AS round, due_12m AS due
    FROM due WHERE NOT has_12m AND due_12m <= $as_of
    UNION ALL
    SELECT village_code, 'follow_6m', due_6m
    FROM due WHERE NOT has_6m AND due_6m <= $as_of AND NOT (NOT has_12m AND due_12m <= $as_of)
),
items AS (
    SELECT 'overdue_stage' AS kind, village_code, stage AS item, due_date AS due,
           NULL::BIGINT AS households, NULL::VARCHAR AS household_id, NULL::VARCHAR AS source_file,
           NULL::INTEGER AS source_row
    FROM s_overdue
    UNION ALL
    SELECT 'no_lead', f.village_code, 'lead', p.due_date, NULL, NULL, NULL, NULL
    FROM s_village_facts AS f
    LEFT JOIN s_plans AS p ON p.village_code = f.village_code AND p.stage = 'team'
    WHERE f.leads = 0
    UNION ALL
    SELECT 'survey_due', village_code, round, min(due), count(*), NULL, NULL, NULL
    FROM surveys_due GROUP BY village_code, round
    UNION ALL
    -- narrowed to the scope like every number: a warning names a village (and household)
    SELECT 'data_quality', w.village_code, w.message, NULL, NULL, w.household_id,
           coalesce(nullif(w.sheet, ''), w.file), w.row_number
    FROM ({sql:current_warnings_scoped}
    ) AS w
)
SELECT i.kind, i.village_code, v.village_name, v.district_name, v.district_name_en, v.tambon_name,
       v.tambon_name_en, i.item, i.due,
       $as_of - i.due AS days_overdue, v.officer_id, o.name AS officer_name, i.households,
       i.household_id, h.head_name, i.source_file, i.source_row
FROM items AS i
LEFT JOIN s_villages AS v USING (village_code)
LEFT JOIN officers AS o USING (officer_id)
LEFT JOIN (SELECT household_id, head_name FROM s_households) AS h USING (household_id)
ORDER BY days_overdue DESC NULLS LAST,
         list_position({followup_kinds}, i.kind),
         i.village_code NULLS LAST,
         i.item,
         i.household_id NULLS FIRST,
         i.source_file NULLS FIRST,
         i.source_row NULLS FIRST
