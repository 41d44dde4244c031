-- Dated events in (previous, as_of] for "since last meeting", run with the scope at $as_of
-- (changes_event_rows.sql, added up by changes_event_sums.sql).
WITH {scope},
events AS (
{sql:changes_event_rows}
)
{sql:changes_event_sums}
