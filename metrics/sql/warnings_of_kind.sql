-- The first $first current warnings in scope (current_warnings_scoped.sql) of one kind ($kind,
-- as warning_summary.sql reads it), in the order of the full list.
WITH {scope}
SELECT import_id, file_name, table_name, file, sheet, row_number, column_name, message, village_code,
       household_id
FROM ({sql:current_warnings_scoped}
)
WHERE {warning_kind} = $kind
ORDER BY import_id, file, sheet, row_number
LIMIT $first
