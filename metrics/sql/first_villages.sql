-- The first $n target villages in scope by code (what a per-village chart draws at most).
WITH {scope}
SELECT village_code FROM s_villages ORDER BY village_code LIMIT $n
