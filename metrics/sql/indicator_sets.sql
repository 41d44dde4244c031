-- The sets the indicators of metrics/catalogue.toml count over (unit_set), one row per unit in
-- scope, after the scope CTEs of scope.sql. Every indicator's numerator, denominator and rows
-- are conditions and values on one of these (metrics/indicators.py generates the counts,
-- metrics/rows.py the rows, from the same expressions). They are the scope CTEs themselves, so
-- the counts read no more than before.
-- u_households: every target household in scope (s_income: one row per s_households row).
u_households AS (
    SELECT * FROM s_income
),
-- u_villages: every target village in scope with its counts and stages (s_village_stages: the
-- stored facts where they apply, else the same SQL over the rows in scope): trainers, leads,
-- households, days, attended, groups, the stages and stages_done.
u_villages AS (
    SELECT * FROM s_village_stages
),
-- u_groups: every occupational group in scope with its 5 ก score and its links to OTOP or a
-- market.
u_groups AS (
    SELECT k.*, coalesce(m.n, 0) AS market_links
    FROM s_five_k AS k
    LEFT JOIN (
        SELECT group_id, count(*) AS n FROM s_links WHERE network IN ('otop', 'market') GROUP BY group_id
    ) AS m USING (group_id)
)
