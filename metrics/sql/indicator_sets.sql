-- The sets the indicators of metrics/catalogue.toml count over (unit_set), one row per unit in
-- scope, after the scope CTEs of scope.sql. Every indicator's numerator, denominator and rows
-- are conditions and values on one of these (metrics/rows.py generates both from them).
-- u_households: every target household in scope (s_income) with its skill match.
u_households AS (
    SELECT i.*, r.fiscal_year, r.skill_matched
    FROM s_income AS i
    JOIN s_rounds AS r USING (household_id)
),
-- u_villages: every target village in scope with its stages and counts, and the groups,
-- target households and trainers in scope counted from the rows themselves.
u_villages AS (
    SELECT v.village_code, v.village_name, v.fiscal_year,
           s.* EXCLUDE (village_code),
           coalesce(g.n, 0) AS groups_in_scope,
           coalesce(h.n, 0) AS household_count,
           coalesce(t.n, 0) AS trainer_count
    FROM s_villages AS v
    LEFT JOIN s_village_stages AS s USING (village_code)
    LEFT JOIN (SELECT village_code, count(*) AS n FROM s_groups GROUP BY village_code) AS g
        USING (village_code)
    LEFT JOIN (SELECT village_code, count(*) AS n FROM s_households GROUP BY village_code) AS h
        USING (village_code)
    LEFT JOIN (SELECT village_code, count(*) AS n FROM s_trainers GROUP BY village_code) AS t
        USING (village_code)
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
