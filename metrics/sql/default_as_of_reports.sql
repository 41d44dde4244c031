-- The newest report date after $after (NULL: any) among the reports latest_date.sql counts
-- (by an officer of a village in scope, about no village or a village in scope), looked for in
-- the $probe newest dated reports only (the reports are read newest first, never all grouped).
-- `probed` says how many were looked at: when the probe is full and none of them counts, the
-- caller asks again with a probe of every report. Exact either way: if one of the newest
-- $probe counts, no report that counts is newer than the newest of those.
WITH {villages_in_scope},
newest AS (
    SELECT officer_id, village_code, reported_on
    FROM reports
    WHERE reported_on IS NOT NULL AND ($after IS NULL OR reported_on > $after)
    ORDER BY reported_on DESC
    LIMIT $probe
)
SELECT max(reported_on) FILTER (
           WHERE officer_id IN (SELECT officer_id FROM s_villages)
             AND (village_code IS NULL OR village_code IN (SELECT village_code FROM s_villages))
       ) AS latest,
       count(*) AS probed
FROM newest
