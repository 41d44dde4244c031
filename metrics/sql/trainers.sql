-- Trainers in scope (names and phones are masked by the caller unless revealed).
WITH {scope}
SELECT t.trainer_id, t.name, t.village_code, v.village_name, t.role, t.skills, t.phone
FROM s_trainers AS t JOIN s_villages AS v USING (village_code)
ORDER BY t.village_code, t.role, t.trainer_id
