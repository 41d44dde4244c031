-- Per data-quality check in scope (failing_records.sql): how many records fail, and the first
-- $first of them in village and key order (a top-n per check, never a sort of every failing
-- record), in one pass. Checks with none failing are absent.
WITH {scope}
SELECT check_id, count(*) AS records,
       min_by({'table_name': table_name, 'record_key': record_key, 'village_code': village_code},
              (village_code, record_key), $first) AS first_rows
FROM ({sql:failing_records}
)
GROUP BY check_id
