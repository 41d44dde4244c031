-- The households behind the comparison (difference in differences): per village in scope, y1 is
-- its latest roster year not after its fiscal year and y2 its latest after it; one row per
-- household on both rosters (same village and household_id) with its change in annual_income
-- (baht/year) from y1 to y2 and whether it is a selected (target) household of that village.
WITH {scope},
r AS (
    SELECT r.village_code, r.roster_year, r.household_id, r.annual_income, v.fiscal_year,
           h.household_id IS NOT NULL AS selected
    FROM roster AS r
    JOIN s_villages AS v USING (village_code)
    LEFT JOIN households AS h ON h.household_id = r.household_id AND h.village_code = r.village_code
),
years AS (
    SELECT village_code,
           max(roster_year) FILTER (WHERE roster_year <= fiscal_year) AS y1,
           max(roster_year) FILTER (WHERE roster_year > fiscal_year) AS y2
    FROM r
    GROUP BY village_code
)
SELECT a.village_code, a.household_id, a.selected, b.annual_income - a.annual_income AS change
FROM years AS y
JOIN r AS a ON a.village_code = y.village_code AND a.roster_year = y.y1
JOIN r AS b ON b.village_code = y.village_code AND b.roster_year = y.y2 AND b.household_id = a.household_id
ORDER BY a.village_code, a.household_id
