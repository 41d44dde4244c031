-- Trainers in scope (the rows of trainers.sql).
WITH {scope}
SELECT count(*) AS trainers FROM s_trainers
