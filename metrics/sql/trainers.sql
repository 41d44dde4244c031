-- Trainers in scope (names and phones are masked by the caller unless revealed), by village,
-- role and id; the first $limit of them (NULL: all), cut before their village names are
-- joined, so a national list of 300 reads 300 names, not 584,000. Trainers have no date and
-- no occupation: the villages in scope are all the scope they need.
WITH {villages_in_scope},
listed AS (
    SELECT * FROM trainers
    WHERE village_code IN (SELECT village_code FROM s_villages)
    ORDER BY village_code, role, trainer_id
    LIMIT $limit
)
SELECT t.trainer_id, t.name, t.village_code, v.village_name, t.role, t.skills, t.phone
FROM listed AS t JOIN s_villages AS v USING (village_code)
ORDER BY t.village_code, t.role, t.trainer_id
