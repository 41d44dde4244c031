-- The default as-of date from the stored facts (metrics/changes.py, default_as_of): the newest
-- dated row behind the facts of the villages in scope (fact_villages.last_dated: surveys,
-- training days, group foundings, link starts), and whether a village in scope has no stored
-- facts (then latest_date.sql answers from the rows), how many villages are in scope (none: no
-- date at all), and the newest report of all (from the column's statistics: when it is not
-- after the facts' date, no report can move it). One pass over the villages.
WITH {villages_in_scope}
SELECT max(f.last_dated) AS last_dated,
       coalesce(bool_or(f.village_code IS NULL), false) AS missing,
       count(*) AS villages,
       (SELECT max(reported_on) FROM reports) AS newest_report
FROM s_villages AS v
LEFT JOIN fact_villages AS f USING (village_code)
