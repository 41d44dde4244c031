-- The import warnings in force: the one definition of "current warnings", read by the
-- Indicators page, the follow-up list and the pack. A warning is current when it comes from the
-- latest import of its file name (importing a file again replaces its warnings), and it is
-- listed once: the same warning about the same village, household, table and column, stored by
-- more than one import (the same data imported under another name), keeps only its latest.
SELECT p.import_id, l.file_name, p.table_name, p.file, p.sheet, p.row_number, p.column_name,
       p.message, p.village_code, p.household_id
FROM import_problems AS p
JOIN (SELECT file_name, max(import_id) AS import_id FROM import_log GROUP BY file_name) AS l
    USING (import_id)
WHERE p.level = 'warning'
QUALIFY row_number() OVER (
    PARTITION BY p.table_name, p.village_code, p.household_id, p.column_name, p.message
    ORDER BY p.import_id DESC, p.row_number
) = 1
