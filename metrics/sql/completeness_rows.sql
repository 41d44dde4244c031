-- The failing records of one data-quality check ($check) in scope (completeness.sql), in
-- village and key order.
SELECT *
FROM ({sql:completeness})
WHERE check_id = $check
ORDER BY village_code, record_key
