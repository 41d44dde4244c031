-- Warnings stored at import (latest import of each file name), narrowed to the villages in
-- scope. A warning about the file as a whole (no village) is shown in every scope.
-- Needs import_problems.village_code (the village of the row the warning is about).
WITH {scope},
latest AS (
    SELECT file_name, max(import_id) AS import_id FROM import_log GROUP BY file_name
)
SELECT p.import_id, l.file_name, p.table_name, p.file, p.sheet, p.row_number, p.column_name, p.message
FROM import_problems AS p
JOIN latest AS l USING (import_id)
WHERE p.level = 'warning'
  AND (p.village_code IS NULL OR p.village_code IN (SELECT village_code FROM s_villages))
ORDER BY p.import_id, p.file, p.sheet, p.row_number
