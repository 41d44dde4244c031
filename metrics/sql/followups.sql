-- The follow-up list at $as_of (= $ref_date), most overdue first: plans overdue (s_overdue:
-- due before $as_of, stage not done; item the stage), villages without a lead trainer (due at
-- their 'team' plan, if any), follow-up surveys due (per village and round, due the earliest
-- date among its households; households without a post survey are left to the completeness
-- checks), and the current import warnings in scope (current_warnings_scoped.sql; no due date);
-- each with its village's places and officer, and a warning with its household (if any) and
-- file row. days_overdue = $as_of - due.
-- One query gives the page its first $row_limit items (NULL: all) and, on each, how many there
-- are in all (total): sorted and cut in SQL (a national list has 100,000 items), and only the
-- items kept are joined to their village, officer and household.
WITH {scope},
-- follow_6m is due 6 months after the household's post survey, follow_12m 12 months after;
-- a round is due when its due date is on or before $as_of and it is not recorded by then.
-- A follow_6m no longer counts once the follow_12m is due (the 12-month survey replaces it), so
-- a household owes one round at most (round NULL: none). Read from each household's stored
-- survey dates (s_rounds: one row per household in scope, a column per round's date), never
-- again from the survey rows; a round counts once dated on or before $as_of, as in s_surveys.
-- A household with both follow-ups by then owes none.
surveys_due AS (
    SELECT village_code,
           CASE WHEN NOT has_12m AND due_12m <= $as_of THEN 'follow_12m'
                WHEN NOT has_6m AND due_6m <= $as_of THEN 'follow_6m' END AS round,
           CASE WHEN NOT has_12m AND due_12m <= $as_of THEN due_12m ELSE due_6m END AS due
    FROM (
        SELECT village_code,
               (r_post_date + INTERVAL 6 MONTH)::DATE AS due_6m,
               (r_post_date + INTERVAL 12 MONTH)::DATE AS due_12m,
               coalesce(r_follow_6m_date <= $as_of, false) AS has_6m,
               coalesce(r_follow_12m_date <= $as_of, false) AS has_12m
        FROM s_rounds
        WHERE r_post_date <= $as_of
          AND NOT coalesce(r_follow_6m_date <= $as_of AND r_follow_12m_date <= $as_of, false)
    )
),
items AS (
    SELECT 'overdue_stage' AS kind, village_code, stage AS item, due_date AS due,
           NULL::BIGINT AS households, NULL::VARCHAR AS household_id, NULL::VARCHAR AS source_file,
           NULL::INTEGER AS source_row
    FROM s_overdue
    UNION ALL
    SELECT 'no_lead', f.village_code, 'lead', p.due_date, NULL, NULL, NULL, NULL
    FROM s_village_facts AS f
    -- the village is in scope, so its plans are (plans, not s_plans: read once, by s_overdue)
    LEFT JOIN plans AS p ON p.village_code = f.village_code AND p.stage = 'team'
    WHERE f.leads = 0
    UNION ALL
    SELECT 'survey_due', village_code, round, min(due), count(*), NULL, NULL, NULL
    FROM surveys_due WHERE round IS NOT NULL GROUP BY village_code, round
    UNION ALL
    -- narrowed to the scope like every number: a warning names a village (and household)
    SELECT 'data_quality', w.village_code, w.message, NULL, NULL, w.household_id,
           coalesce(nullif(w.sheet, ''), w.file), w.row_number
    FROM ({sql:current_warnings_scoped}
    ) AS w
),
-- the order of the list (the file row last: two lines alike keep the order of their files)
kept AS (
    SELECT *, $as_of - due AS days_overdue, list_position({followup_kinds}, kind) AS kind_order,
           count(*) OVER () AS total
    FROM items
    ORDER BY days_overdue DESC NULLS LAST, kind_order, village_code NULLS LAST, item,
             household_id NULLS FIRST, source_file NULLS FIRST, source_row NULLS FIRST
    LIMIT $row_limit
)
SELECT i.kind, i.village_code, v.village_name, v.district_name, v.district_name_en, v.tambon_name,
       v.tambon_name_en, i.item, i.due, i.days_overdue, v.officer_id, o.name AS officer_name,
       i.households, i.household_id, h.head_name, i.source_file, i.source_row, i.total
FROM kept AS i
LEFT JOIN s_villages AS v USING (village_code)
LEFT JOIN officers AS o USING (officer_id)
LEFT JOIN (
    SELECT household_id, head_name FROM s_households
    WHERE household_id IN (SELECT household_id FROM kept WHERE household_id IS NOT NULL)
) AS h USING (household_id)
ORDER BY i.days_overdue DESC NULLS LAST, i.kind_order, i.village_code NULLS LAST, i.item,
         i.household_id NULLS FIRST, i.source_file NULLS FIRST, i.source_row NULLS FIRST
