-- Officers' monitoring reports in scope, as a query over the scope CTEs (put it inside a query
-- that starts with them): those about a village in scope, and village-less reports of officers
-- who own a village in scope; dated on or before $as_of if given. With each report's month.
-- The one statement of "reports in scope": reports.sql, reports_by_month.sql and
-- officer_rollup.sql read it.
SELECT r.report_id, r.officer_id, r.village_code, r.reported_on,
       date_trunc('month', r.reported_on)::DATE AS month, r.channel, r.note
FROM reports AS r
WHERE r.officer_id IN (SELECT officer_id FROM s_villages)
  AND (r.village_code IS NULL OR r.village_code IN (SELECT village_code FROM s_villages))
  AND ($as_of IS NULL OR r.reported_on <= $as_of)
