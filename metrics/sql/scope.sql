-- The rows in scope, shared by every metric query (included where a query says {scope}).
-- Parameters: $fiscal_year (BE), $province, $district, $tambon, $villages (list), $occupation,
-- $as_of (date or NULL), $allowed (the grant's province and district codes; NULL is
-- unrestricted, an empty list is nothing). Rows without a date always count.
{villages_in_scope},
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
    SELECT l.*, g.village_code, g.founded_on
    FROM network_links AS l
    JOIN s_groups AS g USING (group_id)
    WHERE $as_of IS NULL OR l.since IS NULL OR l.since <= $as_of
),
s_plans AS (
    SELECT p.* FROM plans AS p JOIN s_villages USING (village_code)
),
-- The villages in scope by the facts stored for them: s_fresh, whose stored state applies (no
-- as-of date, or one on or after their newest dated row); s_cut, whose state on the as-of date
-- is derived from their stored rows; s_missing, without stored facts, computed over their rows.
s_fresh AS (
    SELECT f.village_code
    FROM fact_villages AS f
    WHERE f.village_code IN (SELECT village_code FROM s_villages)
      AND ($as_of IS NULL OR f.last_dated IS NULL OR f.last_dated <= $as_of)
),
s_cut AS (
    SELECT f.village_code
    FROM fact_villages AS f
    WHERE f.village_code IN (SELECT village_code FROM s_villages)
      AND $as_of IS NOT NULL AND f.last_dated > $as_of
),
s_missing AS (
    SELECT village_code FROM s_villages
    WHERE village_code NOT IN (SELECT village_code FROM fact_villages)
),
-- One row per household in scope (s_households): its village's fiscal year, members, occupation,
-- baseline, latest later round, days attended and skill match (data_loaders/store/sql/facts/
-- households*.sql: the stored state where it applies, the state on the as-of date derived from
-- the stored row where the date cuts it, the same SQL over the rows in scope where no facts are
-- stored).
s_rounds AS (
{household_facts}
),
s_baseline AS (
    SELECT household_id, baseline_income, baseline_date FROM s_rounds WHERE has_baseline
),
s_latest AS (
    SELECT household_id, latest_round, latest_income, latest_occupation_income, latest_practising,
           latest_date
    FROM s_rounds
    WHERE latest_round IS NOT NULL
),
-- One row per household in scope: baseline, latest later round, whether it has both (has_both:
-- the households every income change is counted over), change, per person, the จปฐ. income
-- line (baht per person per year) of its village's fiscal year, and its skill match.
s_income AS (
    SELECT household_id, village_code, head_name, national_id, members, occupation,
           baseline_income, baseline_date,
           {has_both} AS has_both,
           latest_round, latest_income, latest_date, latest_occupation_income, latest_practising,
           skill_matched,
           latest_income - baseline_income AS change_baht,
           CASE WHEN baseline_income > 0
                THEN (latest_income - baseline_income) / baseline_income END AS change_pct,
           baseline_income / members AS baseline_per_person,
           latest_income / members AS latest_per_person,
           jpt_line,
           latest_income / members >= jpt_line AS latest_above_jpt,
           baseline_income / members >= jpt_line AS baseline_above_jpt
    FROM (
        SELECT *,
               coalesce(list_extract($jpt_lines, list_position($jpt_years, fiscal_year)),
                        $jpt_default)::DOUBLE AS jpt_line
        FROM s_rounds
    )
),
-- Counts per village that the stages and several indicators read (data_loaders/store/sql/facts/
-- villages*.sql, in the same three ways; over the rows in scope when an occupation narrows them).
s_village_facts AS (
{village_facts}
),
-- The eight stages of each village, derived from the data (never typed by anyone); the rules
-- are declared once, in metrics/model.py (STAGES).
s_village_stages AS (
    SELECT *, {stages_done} AS stages_done
    FROM (
        SELECT *,
           {stage_columns}
        FROM s_village_facts
    )
),
-- Plans overdue on $ref_date (the as-of date, else today): due before it, their stage not done.
-- The one statement of "overdue": progress, since last meeting and the follow-up list read it.
s_overdue AS (
    SELECT p.village_code, p.stage, p.due_date
    FROM s_plans AS p JOIN s_village_stages AS s USING (village_code)
    WHERE p.due_date < $ref_date AND NOT ({stage_done_case})
),
-- Skill match: the household's occupation is one of the skills of a trainer of its village.
s_skill_match AS (
    SELECT household_id, village_code, occupation, skill_matched AS matched
    FROM s_rounds
    WHERE skill_matched IS NOT NULL
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
