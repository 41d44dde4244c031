-- sustainability.sql from the area roll-ups: each round's sums over the villages in scope
-- (metrics/income.py puts in one SELECT per round over the areas placeholder).
SELECT *
FROM (
{rounds}
)
ORDER BY round_order
