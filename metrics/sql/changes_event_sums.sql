-- "Since last meeting"'s events from the rows of changes_event_rows.sql (the CTE `events`):
-- each new group and link, and the surveys and training days of the period added up (0 when
-- none).
SELECT kind, key, detail, n
FROM events
WHERE kind IN ('group', 'link')
UNION ALL
SELECT k.kind, NULL, NULL, coalesce(sum(e.n), 0)::BIGINT
FROM (VALUES ('survey'), ('training_day')) AS k (kind)
LEFT JOIN events AS e USING (kind)
GROUP BY k.kind
ORDER BY kind, key, detail
