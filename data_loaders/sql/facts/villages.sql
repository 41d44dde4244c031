-- Counts per village that the eight stages and several indicators read. The one definition:
-- the import materialises it into fact_villages over the whole store, and metrics/sql/scope.sql
-- runs it over the rows in scope when an occupation or an as-of date narrows them.
-- Sources: {villages}, {trainers}, {households}, {training_days}, {groups},
-- {links} (with the village_code of their group), {rounds} (the per-household facts of
-- households.sql over the same sources: followed-up households and attendance come from it).
SELECT v.village_code,
       coalesce(tr.n, 0) AS trainers,
       coalesce(tr.leads, 0) AS leads,
       coalesce(hh.n, 0) AS households,
       coalesce(d.days, 0) AS days,
       coalesce(d.knowledge, false) AS knowledge,
       coalesce(d.study_visit, false) AS study_visit,
       coalesce(d.practice, false) AS practice,
       coalesce(g.n, 0) AS groups,
       coalesce(l.n, 0) AS links,
       coalesce(f.n, 0) AS followed_up,
       coalesce(f.attended, 0) AS attended
FROM {villages} AS v
LEFT JOIN (
    SELECT village_code, count(*) AS n, count(*) FILTER (WHERE role = 'lead') AS leads
    FROM {trainers} GROUP BY village_code
) AS tr USING (village_code)
LEFT JOIN (SELECT village_code, count(*) AS n FROM {households} GROUP BY village_code) AS hh
    USING (village_code)
LEFT JOIN (
    SELECT village_code,
           count(DISTINCT day) AS days,
           count(DISTINCT day) FILTER (WHERE day IN (1, 2, 3)) = 3 AS knowledge,
           bool_or(day = 4) AS study_visit,
           bool_or(day = 5) AS practice
    FROM {training_days} GROUP BY village_code
) AS d USING (village_code)
LEFT JOIN (SELECT village_code, count(*) AS n FROM {groups} GROUP BY village_code) AS g
    USING (village_code)
LEFT JOIN (SELECT village_code, count(*) AS n FROM {links} GROUP BY village_code) AS l
    USING (village_code)
LEFT JOIN (
    SELECT village_code,
           count(*) FILTER (WHERE latest_round IS NOT NULL) AS n,
           sum(attended_days) AS attended
    FROM {rounds} GROUP BY village_code
) AS f USING (village_code)
