-- The current import warnings in scope (current_warnings_scoped.sql: the latest import of each
-- file, each warning once, narrowed like the numbers) summarised by kind, the check that raised
-- them: how many, about how many villages and households, from which files, and the newest
-- import among them. The kind is read from the message (the KIND_CASE of
-- metrics/import_state.py); the most frequent first, at most $kinds kinds.
WITH {scope},
current_rows AS (
    SELECT *, {warning_kind} AS kind
    FROM ({sql:current_warnings_scoped}
    )
)
SELECT kind,
       count(*) AS warnings,
       count(DISTINCT village_code) AS villages,
       count(DISTINCT household_id) AS households,
       list(DISTINCT file_name ORDER BY file_name) AS files,
       max(import_id) AS import_id
FROM current_rows
GROUP BY kind
ORDER BY warnings DESC, kind
LIMIT $kinds
