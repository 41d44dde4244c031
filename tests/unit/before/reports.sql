-- Officers' monitoring reports in scope: those about a village in scope, and village-less
-- reports of officers who own a village in scope; dated on or before $as_of if given.
WITH {scope},
s_officers AS (
    SELECT DISTINCT officer_id FROM s_villages
)
SELECT r.report_id, r.officer_id, o.name AS officer_name, r.village_code, r.reported_on,
       date_trunc('month', r.reported_on)::DATE AS month, r.channel, r.note
FROM reports AS r
JOIN s_officers USING (officer_id)
LEFT JOIN officers AS o USING (officer_id)
WHERE (r.village_code IS NULL OR r.village_code IN (SELECT village_code FROM s_villages))
  AND ($as_of IS NULL OR r.reported_on <= $as_of)
ORDER BY r.reported_on, r.report_id
