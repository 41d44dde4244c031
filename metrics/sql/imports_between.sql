-- Imports made since the previous meeting: after its date (Bangkok time), up to now. The as-of
-- date does not bound them: it is the date the data speaks of, and the import that brings the
-- data is made after it (often days after, so bounding by it always showed 0). The log is
-- store-wide.
SELECT import_id, imported_at, file_name, warnings
FROM import_log
WHERE CAST(imported_at + INTERVAL 7 HOUR AS DATE) > $previous
ORDER BY import_id
