-- Trainers in scope (the rows of trainers.sql).
WITH {villages_in_scope}
SELECT count(*) AS trainers
FROM trainers
WHERE village_code IN (SELECT village_code FROM s_villages)
