-- The stages each village in scope has done, and its overdue plans, at $ref_date (the as-of
-- date): one row per (village, stage) that is done or overdue. "Since last meeting" takes it at
-- two dates and compares them (metrics/sql/stage_changes.sql). The stages and their rules are
-- declared once, in metrics/model.py; overdue is the rule of village_progress.sql.
WITH {scope}
SELECT d.village_code, d.stage, d.done,
       coalesce(NOT d.done AND p.due_date < $ref_date, false) AS overdue,
       p.due_date AS due
FROM (
    SELECT s.village_code, unnest({stage_list}) AS stage, unnest([{stage_select}]) AS done
    FROM s_village_stages AS s
) AS d
LEFT JOIN s_plans AS p USING (village_code, stage)
WHERE d.done OR p.due_date < $ref_date
