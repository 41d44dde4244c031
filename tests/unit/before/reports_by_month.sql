-- Reports in scope (reports.sql) per month and channel, for stacked bars (a few hundred rows
-- even at national scope, where per-officer months are a million).
SELECT month, channel, count(*) AS reports
FROM ({sql:reports})
GROUP BY month, channel
ORDER BY month, channel
