-- changes_events.sql from the rows the area roll-ups keep per village and pair of dates.
WITH {villages_in_scope},
events AS (
    SELECT e.kind, e.village_code, e.key, e.detail, e.n
    FROM rollup_events AS e
    JOIN s_villages USING (village_code)
    WHERE e.as_of = $as_of AND e.previous = $previous
)
{sql:changes_event_sums}
