-- Reports in scope (reports.sql) per officer, month and channel, for stacked bars.
SELECT officer_id, month, channel, count(*) AS reports
FROM ({sql:reports})
GROUP BY officer_id, month, channel
ORDER BY officer_id, month, channel
