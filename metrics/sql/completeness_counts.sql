-- Failing records per data-quality check in scope (completeness.sql); checks with none absent.
SELECT check_id, count(*) AS records
FROM ({sql:completeness})
GROUP BY check_id
