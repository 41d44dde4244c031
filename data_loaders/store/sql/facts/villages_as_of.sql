-- The state of each village on `as_of` (NULL: with every row), from its row of villages.sql
-- (`pivot`) and its households' states (`rounds`, households_as_of.sql on the same date); the
-- rules over the training days, groups and links are in data_loaders/store/facts.py (village_state):
-- - days: training days dated by then; knowledge: days 1-3 all held, study visit day 4,
--   practice day 5;
-- - groups and links that had begun by then (undated ones always count);
-- - followed_up: households with a later round by then; attended: their days attended.
SELECT p.*,
       {village_state},
       coalesce(f.n, 0) AS followed_up,
       coalesce(f.attended, 0) AS attended
FROM {pivot} AS p
LEFT JOIN (
    SELECT village_code,
           count(*) FILTER (WHERE latest_round IS NOT NULL) AS n,
           sum(attended_days) AS attended
    FROM {rounds} GROUP BY village_code
) AS f USING (village_code)
