-- Data-quality checks in scope, one row per failing record (failing_records.sql), in check,
-- village and key order.
WITH {scope}
SELECT * FROM ({sql:failing_records}
)
ORDER BY 1, 4, 3
