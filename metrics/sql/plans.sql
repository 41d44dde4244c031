-- Plans (village, stage, due date) of the villages in scope.
WITH {scope}
SELECT village_code, stage, due_date FROM s_plans ORDER BY village_code, stage
