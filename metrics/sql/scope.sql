-- The rows in scope, shared by every metric query (included where a query says {scope}).
-- Parameters: $fiscal_year (BE), $province, $district, $tambon, $villages (list), $occupation,
-- $as_of (date or NULL), $allowed (the grant's province and district codes; NULL is
-- unrestricted, an empty list is nothing). Rows without a date always count.
s_villages AS (
    SELECT *
    FROM villages
    WHERE ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
      AND ($province IS NULL OR province_code = $province)
      AND ($district IS NULL OR district_code = $district)
      AND ($tambon IS NULL OR tambon_code = $tambon)
      AND (len($villages) = 0 OR list_contains($villages, village_code))
      AND ($allowed::VARCHAR[] IS NULL
           OR list_contains($allowed::VARCHAR[], province_code)
           OR list_contains($allowed::VARCHAR[], district_code))
),
s_households AS (
    SELECT h.*
    FROM households AS h
    JOIN s_villages USING (village_code)
    WHERE $occupation IS NULL OR h.occupation = $occupation
),
s_surveys AS (
    SELECT s.*, h.village_code, h.members
    FROM income_surveys AS s
    JOIN s_households AS h USING (household_id)
    WHERE $as_of IS NULL OR s.survey_date <= $as_of
),
s_trainers AS (
    SELECT t.* FROM trainers AS t JOIN s_villages USING (village_code)
),
s_training_days AS (
    SELECT d.*
    FROM training_days AS d
    JOIN s_villages USING (village_code)
    WHERE $as_of IS NULL OR d.date <= $as_of
),
s_attendance AS (
    SELECT a.*
    FROM attendance AS a
    JOIN s_training_days USING (village_code, day)
    JOIN s_households USING (household_id)
),
s_groups AS (
    SELECT g.*
    FROM groups AS g
    JOIN s_villages USING (village_code)
    WHERE ($occupation IS NULL OR g.occupation = $occupation)
      AND ($as_of IS NULL OR g.founded_on IS NULL OR g.founded_on <= $as_of)
),
s_links AS (
    SELECT l.*, g.village_code
    FROM network_links AS l
    JOIN s_groups AS g USING (group_id)
    WHERE $as_of IS NULL OR l.since IS NULL OR l.since <= $as_of
),
s_plans AS (
    SELECT p.* FROM plans AS p JOIN s_villages USING (village_code)
),
-- Baseline and the latest round after baseline (follow_12m > follow_6m > post), per household.
s_baseline AS (
    SELECT household_id, household_income AS baseline_income, survey_date AS baseline_date
    FROM s_surveys WHERE round = 'baseline'
),
s_latest AS (
    SELECT household_id,
           round AS latest_round,
           household_income AS latest_income,
           occupation_income AS latest_occupation_income,
           practising AS latest_practising,
           survey_date AS latest_date
    FROM s_surveys
    WHERE round <> 'baseline'
    QUALIFY row_number() OVER (
        PARTITION BY household_id
        ORDER BY list_position(['post', 'follow_6m', 'follow_12m'], round) DESC
    ) = 1
)
,
-- The จปฐ. income line (baht per person per year) of each village's fiscal year.
s_jpt AS (
    SELECT v.village_code,
           coalesce(
               list_extract($jpt_lines, list_position($jpt_years, v.fiscal_year)),
               $jpt_default
           )::DOUBLE AS jpt_line
    FROM s_villages AS v
),
-- One row per household in scope: baseline, latest later round, change, per person.
s_income AS (
    SELECT h.household_id, h.village_code, h.head_name, h.national_id, h.members, h.occupation,
           b.baseline_income, b.baseline_date,
           l.latest_round, l.latest_income, l.latest_date, l.latest_occupation_income,
           l.latest_practising,
           l.latest_income - b.baseline_income AS change_baht,
           CASE WHEN b.baseline_income > 0
                THEN (l.latest_income - b.baseline_income) / b.baseline_income END AS change_pct,
           b.baseline_income / h.members AS baseline_per_person,
           l.latest_income / h.members AS latest_per_person,
           j.jpt_line,
           l.latest_income / h.members >= j.jpt_line AS latest_above_jpt,
           b.baseline_income / h.members >= j.jpt_line AS baseline_above_jpt
    FROM s_households AS h
    JOIN s_jpt AS j USING (village_code)
    LEFT JOIN s_baseline AS b USING (household_id)
    LEFT JOIN s_latest AS l USING (household_id)
),
-- Counts per village that the stages and several indicators read.
s_village_facts AS (
    SELECT v.village_code,
           coalesce(tr.n, 0) AS trainers,
           coalesce(tr.leads, 0) AS leads,
           coalesce(hh.n, 0) AS households,
           coalesce(d.days, 0) AS days,
           coalesce(d.knowledge, false) AS knowledge,
           coalesce(d.study_visit, false) AS study_visit,
           coalesce(d.practice, false) AS practice,
           coalesce(g.n, 0) AS groups,
           coalesce(l.n, 0) AS links,
           coalesce(f.n, 0) AS followed_up
    FROM s_villages AS v
    LEFT JOIN (
        SELECT village_code, count(*) AS n, count(*) FILTER (WHERE role = 'lead') AS leads
        FROM s_trainers GROUP BY village_code
    ) AS tr USING (village_code)
    LEFT JOIN (SELECT village_code, count(*) AS n FROM s_households GROUP BY village_code) AS hh
        USING (village_code)
    LEFT JOIN (
        SELECT village_code,
               count(DISTINCT day) AS days,
               count(DISTINCT day) FILTER (WHERE day IN (1, 2, 3)) = 3 AS knowledge,
               bool_or(day = 4) AS study_visit,
               bool_or(day = 5) AS practice
        FROM s_training_days GROUP BY village_code
    ) AS d USING (village_code)
    LEFT JOIN (SELECT village_code, count(*) AS n FROM s_groups GROUP BY village_code) AS g
        USING (village_code)
    LEFT JOIN (SELECT village_code, count(*) AS n FROM s_links GROUP BY village_code) AS l
        USING (village_code)
    LEFT JOIN (
        SELECT h.village_code, count(*) AS n
        FROM s_latest JOIN s_households AS h USING (household_id)
        GROUP BY h.village_code
    ) AS f USING (village_code)
),
-- The eight stages of each village, derived from the data (never typed by anyone).
s_village_stages AS (
    SELECT *,
           team::INT + households_done::INT + knowledge::INT + study_visit::INT + practice::INT
               + "group"::INT + network::INT + follow_up::INT AS stages_done
    FROM (
        SELECT *,
               trainers >= $trainers_target AND leads > 0 AS team,
               households >= $households_target AS households_done,
               groups >= 1 AS "group",
               links >= 1 AS network,
               households > 0 AND followed_up = households AS follow_up
        FROM s_village_facts
    )
),
-- Skill match: the household's occupation is one of the skills of a trainer of its village
-- (membership in the list after trimming and ignoring case, not a substring test).
s_skill_match AS (
    SELECT h.household_id, h.village_code, h.occupation,
           EXISTS (
               SELECT 1 FROM s_trainers AS t
               WHERE t.village_code = h.village_code
                 AND list_contains(
                     list_transform(coalesce(t.skills, []::VARCHAR[]), lambda x: lower(trim(x))),
                     lower(trim(h.occupation)))
           ) AS matched
    FROM s_households AS h
    WHERE h.occupation IS NOT NULL AND trim(h.occupation) <> ''
),
-- The 5 ก score of each group: members, committee, rules, fund, activities (one point each).
s_five_k AS (
    SELECT *,
           k_members::INT + k_committee::INT + k_rules::INT + k_fund::INT + k_activities::INT AS score
    FROM (
        SELECT g.group_id, g.village_code, g.group_name, g.occupation, g.founded_on, g.fund_baht,
               coalesce(m.n, 0) AS members,
               coalesce(m.n, 0) >= $group_min_members AS k_members,
               coalesce(g.has_committee, false) AS k_committee,
               coalesce(g.has_rules, false) AS k_rules,
               coalesce(g.fund_baht, 0) > 0 AS k_fund,
               coalesce(g.has_activities, false) AS k_activities
        FROM s_groups AS g
        LEFT JOIN (SELECT group_id, count(*) AS n FROM group_members GROUP BY group_id) AS m
            USING (group_id)
    )
)
