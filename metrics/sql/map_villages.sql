-- The rows of village_progress.sql for the map (metrics/maps.py): the same rows, in no order.
WITH {scope},
{sql:village_progress_rows}
SELECT * FROM vp_rows
