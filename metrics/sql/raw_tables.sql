-- The stored rows in scope, one CTE per table of the data contract (data_loaders/contract/schema.py),
-- for the evaluators' workbook: metrics/raw.py selects one table's columns from raw_<table>
-- (the columns, table and key come from the schema, never from input). Each table follows
-- the scope CTEs (scope.sql), so its rows are the ones the pages count: households and groups
-- of the occupation chosen, dated rows on or before $as_of, the grant's areas only.
WITH {scope},
raw_officers AS (
    SELECT * FROM officers WHERE officer_id IN (SELECT officer_id FROM s_villages)
),
raw_villages AS (SELECT * FROM s_villages),
raw_trainers AS (SELECT * FROM s_trainers),
raw_households AS (SELECT * FROM s_households),
raw_income_surveys AS (SELECT * FROM s_surveys),
raw_training_days AS (SELECT * FROM s_training_days),
raw_attendance AS (SELECT * FROM s_attendance),
raw_groups AS (SELECT * FROM s_groups),
raw_group_members AS (
    SELECT m.* FROM group_members AS m JOIN s_groups USING (group_id)
),
raw_network_links AS (SELECT * FROM s_links),
raw_plans AS (SELECT * FROM s_plans),
-- as reports.sql: about a village in scope, or village-less from an officer of one
raw_reports AS (
    SELECT r.*
    FROM reports AS r
    WHERE r.officer_id IN (SELECT officer_id FROM s_villages)
      AND (r.village_code IS NULL OR r.village_code IN (SELECT village_code FROM s_villages))
      AND ($as_of IS NULL OR r.reported_on <= $as_of)
),
raw_roster AS (
    SELECT r.* FROM roster AS r WHERE r.village_code IN (SELECT village_code FROM s_villages)
)
SELECT {columns} FROM raw_{table} ORDER BY {key}
