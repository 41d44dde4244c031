-- Officers' monitoring reports in scope (reports_in_scope.sql), with the officer's name.
WITH {scope}
SELECT r.report_id, r.officer_id, o.name AS officer_name, r.village_code, r.reported_on, r.month,
       r.channel, r.note
FROM ({sql:reports_in_scope}
) AS r
LEFT JOIN officers AS o USING (officer_id)
ORDER BY r.reported_on, r.report_id
