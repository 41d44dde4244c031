-- The import log as it stands: the latest import of each file name (importing a file again
-- replaces its rows and its warnings), newest first, with how many times that file was imported;
-- at most $limit files.
SELECT l.import_id, l.imported_at, l.file_name, l.sha256, l.rows_json, l.warnings, n.imports
FROM import_log AS l
JOIN (
    SELECT file_name, max(import_id) AS import_id, count(*) AS imports FROM import_log GROUP BY file_name
) AS n USING (file_name, import_id)
ORDER BY l.import_id DESC
LIMIT $limit
