-- Target villages in scope (a cheap check before a page draws anything).
WITH {scope}
SELECT count(*) AS villages FROM s_villages
