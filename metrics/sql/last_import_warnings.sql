-- Data-quality warnings stored by the latest import (store-wide; they carry file and row, not
-- a village).
SELECT p.import_id, l.imported_at, p.file, p.sheet, p.row_number, p.column_name, p.message
FROM import_problems AS p
JOIN import_log AS l USING (import_id)
WHERE p.level = 'warning'
  AND p.import_id = (SELECT max(import_id) FROM import_log)
ORDER BY p.file, p.sheet, p.row_number, p.column_name
