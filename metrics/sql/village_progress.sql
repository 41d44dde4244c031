-- Progress per village: the derived stages (metrics/model.py), stages done / all, overdue stages
-- (s_overdue: a plan due before $ref_date whose stage is not done) and a status. Overdue takes
-- precedence.
WITH {scope},
{sql:village_progress_rows}
SELECT * FROM vp_rows ORDER BY village_code
