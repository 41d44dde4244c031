-- What changed between two stage states (stage_state.sql at the previous meeting, `stages_before`,
-- and at the as-of date, `stages_now`): stages done now and not before, and plans overdue now
-- and not before, in village and stage order.
SELECT 'stages_completed' AS change, n.village_code, n.stage, NULL::DATE AS due
FROM stages_now AS n
LEFT JOIN stages_before AS b USING (village_code, stage)
WHERE n.done AND NOT coalesce(b.done, false)
UNION ALL
SELECT 'newly_overdue', n.village_code, n.stage, n.due
FROM stages_now AS n
LEFT JOIN stages_before AS b USING (village_code, stage)
WHERE n.overdue AND NOT coalesce(b.overdue, false)
ORDER BY change, village_code, list_position({stage_list}, stage)
