-- Targeting audit ("households with the lowest income first"), one row per village in scope
-- with a roster year not after its fiscal year: from its latest such year, by income per member
-- (annual_income / members, baht per person per year). A roster household is selected when its
-- household_id is a target household (households) of the same village; k = selected households
-- in that year. selected_in_poorest: selected with income per member at most the k-th lowest of
-- the village; selected_above_line: selected above the จปฐ. line of the village's fiscal year
-- (inclusion error); eligible_not_selected: below the line and not selected (exclusion error).
-- Worst first: most selected outside the poorest k, then most inclusion, then exclusion errors.
WITH {scope},
r AS (
    SELECT r.village_code, r.roster_year, r.household_id, r.annual_income / r.members AS per_member,
           h.household_id IS NOT NULL AS selected,
           coalesce(list_extract($jpt_lines, list_position($jpt_years, v.fiscal_year)),
                    $jpt_default)::DOUBLE AS line
    FROM roster AS r
    JOIN s_villages AS v USING (village_code)
    LEFT JOIN households AS h ON h.household_id = r.household_id AND h.village_code = r.village_code
    WHERE r.roster_year <= v.fiscal_year
),
latest AS (
    SELECT r.*,
           count(*) FILTER (WHERE r.selected) OVER (PARTITION BY r.village_code) AS k,
           row_number() OVER (PARTITION BY r.village_code ORDER BY r.per_member, r.household_id) AS rank
    FROM r
    JOIN (SELECT village_code, max(roster_year) AS roster_year FROM r GROUP BY village_code) AS y
        USING (village_code, roster_year)
),
cut AS (
    SELECT village_code, max(per_member) FILTER (WHERE rank <= k) AS kth_lowest
    FROM latest
    GROUP BY village_code
)
SELECT * FROM (
SELECT l.village_code, v.village_name, v.district_code, v.district_name, v.district_name_en,
       any_value(l.roster_year) AS roster_year,
       count(*) AS roster_households,
       count(*) FILTER (WHERE l.selected) AS selected,
       count(*) FILTER (WHERE l.selected AND l.per_member <= c.kth_lowest) AS selected_in_poorest,
       count(*) FILTER (WHERE l.selected AND l.per_member > l.line) AS selected_above_line,
       count(*) FILTER (WHERE NOT l.selected AND l.per_member < l.line) AS eligible_not_selected,
       any_value(l.line) AS poverty_line
FROM latest AS l
JOIN cut AS c USING (village_code)
JOIN s_villages AS v USING (village_code)
GROUP BY l.village_code, v.village_name, v.district_code, v.district_name, v.district_name_en
)
ORDER BY selected - selected_in_poorest DESC, selected_above_line DESC, eligible_not_selected DESC,
         village_code
