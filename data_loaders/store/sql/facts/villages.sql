-- One row per village: its trainers (and lead trainers) and households, the date of each
-- training day (day_<n>_date), and the dates its groups were founded and its network links
-- began (group_dates; link_dates, the later of the link's start and its group's founding: a
-- link counts once both have happened). Undated groups and links are NULL in the lists and
-- always count. The village's state at any date (villages_as_of: days held, stages' counts) is
-- read from this row and the households' rows, never again from the training days, groups and
-- links. The import stores it with the state on the newest date; metrics/sql/scope.sql derives
-- an earlier date's state from the same row, and runs this SQL over the rows in scope where an
-- occupation narrows the households and groups.
-- Sources: `villages`, `trainers`, `households`, `training_days`, `groups`,
-- `links` (with the village_code and founded_on of their group).
SELECT v.village_code,
       coalesce(tr.n, 0) AS trainers,
       coalesce(tr.leads, 0) AS leads,
       coalesce(hh.n, 0) AS households,
       d.* EXCLUDE (village_code),
       coalesce(g.dates, []::DATE[]) AS group_dates,
       coalesce(l.dates, []::DATE[]) AS link_dates
FROM {villages} AS v
LEFT JOIN (
    SELECT village_code, count(*) AS n, count(*) FILTER (WHERE role = 'lead') AS leads
    FROM {trainers} GROUP BY village_code
) AS tr USING (village_code)
LEFT JOIN (SELECT village_code, count(*) AS n FROM {households} GROUP BY village_code) AS hh
    USING (village_code)
LEFT JOIN (
    SELECT village_code,
           {day_pivot}
    FROM {training_days} GROUP BY village_code
) AS d USING (village_code)
LEFT JOIN (SELECT village_code, list(founded_on) AS dates FROM {groups} GROUP BY village_code) AS g
    USING (village_code)
LEFT JOIN (
    SELECT village_code, list(greatest(since, founded_on)) AS dates FROM {links} GROUP BY village_code
) AS l USING (village_code)
