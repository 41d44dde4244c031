-- Imports made in (previous, as_of] (by the UTC date of import); the log is store-wide.
SELECT import_id, imported_at, file_name, warnings
FROM import_log
WHERE imported_at::DATE > $previous AND imported_at::DATE <= $as_of
ORDER BY import_id
