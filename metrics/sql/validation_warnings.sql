-- Warnings stored at import, from the latest import of each file name (a re-import of the same
-- file replaces, not doubles, its warnings).
WITH latest AS (
    SELECT file_name, max(import_id) AS import_id FROM import_log GROUP BY file_name
)
SELECT p.import_id, l.file_name, p.table_name, p.file, p.sheet, p.row_number, p.column_name, p.message
FROM import_problems AS p
JOIN latest AS l USING (import_id)
WHERE p.level = 'warning'
ORDER BY p.import_id, p.file, p.sheet, p.row_number
