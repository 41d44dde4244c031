-- The current warnings in scope (current_warnings_scoped.sql), for the Indicators page's list.
WITH {scope}
SELECT import_id, file_name, table_name, file, sheet, row_number, column_name, message, village_code,
       household_id
FROM ({sql:current_warnings_scoped}
)
ORDER BY import_id, file, sheet, row_number
