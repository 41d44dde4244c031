-- Reports in scope (reports_in_scope.sql) per month and channel, for stacked bars (a few hundred
-- rows even at national scope, where per-officer months are a million).
WITH {scope}
SELECT month, channel, count(*) AS reports
FROM ({sql:reports_in_scope}
)
GROUP BY month, channel
ORDER BY month, channel
