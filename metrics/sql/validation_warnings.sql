-- The current warnings of the whole store (current_warnings.sql), for a person who sees it all.
SELECT import_id, file_name, table_name, file, sheet, row_number, column_name, message, village_code,
       household_id
FROM ({sql:current_warnings}
)
ORDER BY import_id, file, sheet, row_number
