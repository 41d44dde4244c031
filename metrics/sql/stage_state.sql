-- The stages each village in scope has done, and its overdue plans, at $ref_date (the as-of
-- date): one row per (village, stage) that is done or overdue. "Since last meeting" takes it at
-- two dates and compares them (metrics/sql/stage_changes.sql). The stages and their rules are
-- declared once, in metrics/model.py; overdue is s_overdue of scope.sql.
WITH {scope}
SELECT village_code, stage, coalesce(d.done, false) AS done, o.due_date IS NOT NULL AS overdue,
       o.due_date AS due
FROM (
    SELECT s.village_code, unnest({stage_list}) AS stage, unnest([{stage_select}]) AS done
    FROM s_village_stages AS s
) AS d
FULL JOIN s_overdue AS o USING (village_code, stage)
WHERE d.done OR o.due_date IS NOT NULL
