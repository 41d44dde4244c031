-- One view per contract table, in canonical form: English codes, ISO dates, BE fiscal
-- year, yes/no, blanks as NULL (written as empty cells), money in whole baht.

CREATE OR REPLACE TEMP VIEW out_officers AS
SELECT DISTINCT ON (officer_id)
    officer_id,
    pick({FIRST_NAMES}, hash(officer_id), 'first') || ' ' || pick({SURNAME_HEADS}, hash(officer_id), 'head')
        || pick({SURNAME_TAILS}, hash(officer_id), 'tail') AS name,
    CASE WHEN u(officer_id, 'position?') < 0.05 THEN NULL ELSE pick({POSITIONS}, officer_id, 'position') END
        AS position,
    district_code
FROM nat_village
ORDER BY officer_id;

CREATE OR REPLACE TEMP VIEW out_villages AS
SELECT
    village_code, village_name, moo, tambon_name, district_name, province_name,
    printf('%.5f', lat) AS lat, printf('%.5f', lon) AS lon, fiscal_year, officer_id
FROM nat_village
ORDER BY g;

CREATE OR REPLACE TEMP VIEW out_trainers AS
WITH t AS (
    SELECT
        v.g, v.village_code, v.occ_main, v.occ_main_idx, n.range AS n, v.g * 5 + n.range AS tg,
        u(v.g, 'mismatch') < 0.03 AS mismatch,
        u(v.g, 'nolead') < 0.01 AS no_lead
    FROM nat_village AS v CROSS JOIN range(1, 6) AS n
    WHERE n.range <= CASE WHEN u(v.g, 'team') < 0.01 THEN 3 WHEN u(v.g, 'team') < 0.04 THEN 4 ELSE 5 END
),
s AS (
    SELECT
        *,
        n = 1 AND NOT no_lead AS lead,
        NOT mismatch AND (n = 1 OR u(tg, 'main?') < 0.5) AS knows_main,
        between_int(tg, 'nskills', 1, 3) AS n_skills,
        between_int(tg, 'skill0', 0, 5) AS skill0
    FROM t
)
SELECT
    'T' || village_code || lpad(CAST(n AS VARCHAR), 2, '0') AS trainer_id,
    pick({FIRST_NAMES}, tg, 'first') || ' ' || pick({SURNAME_HEADS}, tg, 'head') || pick({SURNAME_TAILS}, tg, 'tail')
        AS name,
    village_code,
    CASE WHEN lead THEN 'lead' ELSE 'team' END AS role,
    array_to_string(
        CASE WHEN knows_main THEN [occ_main] ELSE [] END
        || [{OCCUPATIONS}[(occ_main_idx + 1 + skill0 + k) % 7 + 1]
            FOR k IN range(n_skills - CASE WHEN knows_main THEN 1 ELSE 0 END)],
        ';') AS skills,
    CASE WHEN u(tg, 'phone?') < 0.85 THEN '080-000-' || lpad(CAST(between_int(tg, 'phone', 0, 9999) AS VARCHAR), 4, '0') END
        AS phone
FROM s
ORDER BY g, n;

CREATE OR REPLACE TEMP VIEW out_households AS
SELECT
    household_id, village_code, head_name,
    CASE WHEN u(hg, 'id?') < 0.98 THEN national_id_full END AS national_id,
    CASE
        WHEN u(hg, 'members') < 2 / 13 THEN 2 WHEN u(hg, 'members') < 6 / 13 THEN 3
        WHEN u(hg, 'members') < 10 / 13 THEN 4 WHEN u(hg, 'members') < 12 / 13 THEN 5 ELSE 6
    END AS members,
    occupation
FROM nat_household
ORDER BY hg;

-- Income chain per household: rise (78%), fall (14%), stop after training (4%) or later (4%).
CREATE OR REPLACE TEMP VIEW out_income_surveys AS
WITH k AS (
    SELECT
        hg, household_id, complete, has_f6, has_f12, baseline_start, last_day,
        CASE WHEN kind_u < 0.78 THEN 'rise' WHEN kind_u < 0.92 THEN 'fall' WHEN kind_u < 0.96 THEN 'stop_post'
            ELSE 'stop_later' END AS kind,
        60000 + 500 * between_int(hg, 'base', 0, 140) AS inc_b
    FROM nat_household
),
chain AS (
    SELECT
        *,
        round(greatest(inc_b, 40000) * (0.9 + 0.1 * u(hg, 'stopinc')) / 100) * 100 AS inc_stop,
        round(inc_b * CASE WHEN kind = 'fall' THEN 0.86 + 0.12 * u(hg, 'fp') ELSE 1.02 + 0.23 * u(hg, 'fp') END
            / 100) * 100 AS inc_p_go
    FROM k
),
chain2 AS (
    SELECT
        *,
        CASE WHEN kind = 'stop_post' THEN inc_stop ELSE inc_p_go END AS inc_p,
        round(inc_p_go * CASE WHEN kind = 'fall' THEN 0.95 + 0.09 * u(hg, 'f6') ELSE 0.98 + 0.12 * u(hg, 'f6') END
            / 100) * 100 AS inc_6_go
    FROM chain
),
chain3 AS (
    SELECT
        *,
        CASE WHEN kind LIKE 'stop%' THEN inc_stop ELSE inc_6_go END AS inc_6,
        CASE WHEN kind LIKE 'stop%' THEN inc_stop
            ELSE round(inc_6_go * CASE WHEN kind = 'fall' THEN 0.95 + 0.09 * u(hg, 'f12')
                ELSE 0.98 + 0.12 * u(hg, 'f12') END / 100) * 100 END AS inc_12
    FROM chain2
),
rows AS (
    SELECT hg, 1 AS r, household_id, 'baseline' AS round, baseline_start AS start, inc_b AS income,
        CASE WHEN u(hg, 'bocc') < 0.8 THEN NULL ELSE 0 END AS occ, NULL AS practising
    FROM chain3
    UNION ALL
    SELECT hg, 2, household_id, 'post', last_day + CAST(between_int(hg // 20, 'post', 60, 88) AS INTEGER), inc_p,
        CASE WHEN kind = 'stop_post' THEN 0 ELSE 3000 + 500 * between_int(hg, 'occ_p', 0, 54) END,
        kind <> 'stop_post'
    FROM chain3 WHERE complete
    UNION ALL
    SELECT hg, 3, household_id, 'follow_6m', last_day + CAST(between_int(hg // 20, 'f6d', 176, 194) AS INTEGER),
        inc_6, CASE WHEN kind LIKE 'stop%' THEN 0 ELSE 3000 + 500 * between_int(hg, 'occ_6', 0, 54) END,
        kind NOT LIKE 'stop%'
    FROM chain3 WHERE has_f6
    UNION ALL
    SELECT hg, 4, household_id, 'follow_12m', last_day + CAST(between_int(hg // 20, 'f12d', 358, 369) AS INTEGER),
        inc_12, CASE WHEN kind LIKE 'stop%' THEN 0 ELSE 3000 + 500 * between_int(hg, 'occ_12', 0, 54) END,
        kind NOT LIKE 'stop%'
    FROM chain3 WHERE has_f12
)
SELECT
    household_id, round,
    start + CAST(between_int(hg * 4 + r, 'sday', 0, 3) AS INTEGER) AS survey_date,
    CAST(income AS BIGINT) AS household_income,
    CAST(CASE WHEN occ IS NOT NULL THEN least(occ, income) END AS BIGINT) AS occupation_income,
    CASE WHEN practising THEN 'yes' WHEN NOT practising THEN 'no' END AS practising
FROM rows
ORDER BY hg, r;

CREATE OR REPLACE TEMP VIEW nat_training_day AS
SELECT
    v.g, v.village_code, d.range AS day,
    CASE d.range WHEN 1 THEN v.day1 WHEN 2 THEN v.day2 WHEN 3 THEN v.day3 WHEN 4 THEN v.day4 ELSE v.day5 END AS date,
    CASE WHEN d.range <= 3 THEN 'knowledge' WHEN d.range = 4 THEN 'study_visit' ELSE 'home_practice' END AS activity
FROM nat_village AS v CROSS JOIN range(1, 6) AS d
WHERE d.range <= v.n_days;

CREATE OR REPLACE TEMP VIEW out_training_days AS
SELECT village_code, day, date, activity FROM nat_training_day ORDER BY g, day;

CREATE OR REPLACE TEMP VIEW out_attendance AS
SELECT
    h.village_code, d.day, h.household_id,
    CASE WHEN u(h.hg * 8 + d.day, 'came') < 0.78 + 0.22 * u(h.hg, 'keen') THEN 'yes' ELSE 'no' END AS attended
FROM nat_household AS h JOIN nat_training_day AS d ON d.g = h.g
ORDER BY h.g, d.day, h.hg;

CREATE OR REPLACE TEMP VIEW out_groups AS
SELECT
    group_id, village_code,
    'กลุ่ม' || group_occupation || village_name AS group_name,
    group_occupation AS occupation,
    founded_on,
    CASE WHEN u(gg, 'committee') < 0.55 + 0.45 * maturity THEN 'yes' ELSE 'no' END AS has_committee,
    CASE WHEN u(gg, 'rules') < 0.30 + 0.60 * maturity THEN 'yes' ELSE 'no' END AS has_rules,
    CASE WHEN u(gg, 'fund?') < 0.25 + 0.6 * maturity THEN 2000 + 500 * between_int(gg, 'fund', 0, 96) ELSE 0 END
        AS fund_baht,
    CASE WHEN u(gg, 'activities') < 0.40 + 0.55 * maturity THEN 'yes' ELSE 'no' END AS has_activities
FROM nat_group_plus
ORDER BY gg;

-- Group 1 takes households 1..size, group 2 households 21-size..20 of the village.
CREATE OR REPLACE TEMP VIEW out_group_members AS
SELECT g.group_id, 'H' || g.village_code || lpad(CAST(m.n AS VARCHAR), 2, '0') AS household_id
FROM nat_group_plus AS g
CROSS JOIN (SELECT range AS n FROM range(1, 21)) AS m
WHERE (g.group_n = 1 AND m.n <= g.size) OR (g.group_n = 2 AND m.n > 20 - g.size)
ORDER BY g.gg, m.n;

CREATE OR REPLACE TEMP VIEW out_network_links AS
WITH l AS (
    SELECT
        g.*, k.range AS k,
        {NETWORKS}[(CASE WHEN u(g.gg, 'net0?') < 0.5 THEN 0 ELSE between_int(g.gg, 'net0', 0, 8) END + k.range) % 9 + 1]
            AS network,
        g.gg * 4 + k.range AS lg
    FROM nat_group_plus AS g CROSS JOIN range(0, 4) AS k
    WHERE k.range < g.n_links
)
SELECT
    'L' || substr(group_id, 2) || '-' || (k + 1) AS link_id,
    group_id,
    network,
    CASE network
        WHEN 'otop' THEN 'ศูนย์จำหน่ายสินค้า OTOP ' || district_name
        WHEN 'market' THEN 'ตลาดประชารัฐตำบล' || tambon_name
        WHEN 'village_fund' THEN 'กองทุนหมู่บ้าน' || village_name
        WHEN 'baac' THEN 'ธ.ก.ส. สาขา' || district_name
        WHEN 'savings_group' THEN 'กลุ่มออมทรัพย์เพื่อการผลิต' || village_name
        WHEN 'local_gov' THEN 'องค์การบริหารส่วนตำบล' || tambon_name
        WHEN 'women_network' THEN 'เครือข่ายพัฒนาบทบาทสตรี ' || district_name
        WHEN 'private' THEN 'บริษัท ตัวอย่างเทรดดิ้ง จำกัด'
        ELSE 'ศูนย์เรียนรู้ชุมชนตำบล' || tambon_name
    END AS partner_name,
    CASE WHEN u(lg, 'since?') < 0.8
        THEN coalesce(founded_on, day5) + CAST(between_int(lg, 'since', 7, 120) AS INTEGER) END AS since,
    CASE
        WHEN network IN ('market', 'otop') AND u(lg, 'sales?') < 0.85 THEN 1000 * between_int(lg, 'sales', 5, 200)
        WHEN network = 'private' AND u(lg, 'sales?') < 0.5 THEN 1000 * between_int(lg, 'sales', 10, 150)
        WHEN network NOT IN ('market', 'otop', 'private') AND u(lg, 'sales?') < 0.3 THEN 0
    END AS sales_baht
FROM l
ORDER BY gg, k;

CREATE OR REPLACE TEMP VIEW out_plans AS
WITH s AS (
    SELECT v.*, st.i, st.stage
    FROM nat_village AS v
    CROSS JOIN (
        SELECT unnest(range(1, len(l) + 1)) AS i, unnest(l) AS stage FROM (SELECT {STAGES} AS l)
    ) AS st
)
SELECT
    village_code, stage,
    CASE stage
        WHEN 'team' THEN make_date(ce_year, 1, CAST(between_int(g, 'team', 10, 20) AS INTEGER))
        WHEN 'households' THEN make_date(ce_year, 1, CAST(between_int(g, 'hh', 21, 31) AS INTEGER))
        WHEN 'knowledge' THEN least(greatest(last_day(day3), make_date(ce_year, 4, 30)), make_date(ce_year, 6, 30))
        WHEN 'study_visit' THEN least(greatest(last_day(day4), make_date(ce_year, 4, 30)), make_date(ce_year, 6, 30))
        WHEN 'practice' THEN least(greatest(last_day(day5 + 14), make_date(ce_year, 5, 31)), make_date(ce_year, 6, 30))
        WHEN 'group' THEN CASE WHEN day5 <= make_date(ce_year, 4, 15) THEN make_date(ce_year, 6, 30)
            ELSE make_date(ce_year, 7, 31) END
        WHEN 'network' THEN make_date(ce_year, 8, 31)
        ELSE make_date(ce_year, 9, 30)
    END AS due_date
FROM s
ORDER BY g, i;

-- 3–7 reports per officer a month, February to September, 80% naming one of its villages.
CREATE OR REPLACE TEMP VIEW out_reports AS
WITH own AS (
    SELECT
        officer_id, fiscal_year, village_code,
        row_number() OVER (PARTITION BY officer_id, fiscal_year ORDER BY village_code) - 1 AS r,
        count(*) OVER (PARTITION BY officer_id, fiscal_year) AS n_own
    FROM nat_village
),
officer_year AS (
    SELECT DISTINCT o.officer_id, y.fiscal_year, y.fiscal_year - {BE_OFFSET} AS ce_year
    FROM out_officers AS o CROSS JOIN (SELECT DISTINCT fiscal_year FROM nat_village) AS y
),
drafts AS (
    SELECT
        oy.officer_id, oy.fiscal_year, m.month, s.seq,
        hash(oy.officer_id, oy.fiscal_year, m.month, s.seq) AS rk,
        make_date(oy.ce_year, m.month, 1) AS first_of_month
    FROM officer_year AS oy
    CROSS JOIN (SELECT range AS month FROM range(2, 10)) AS m
    CROSS JOIN (SELECT range AS seq FROM range(1, 8)) AS s
    WHERE s.seq <= between_int(hash(oy.officer_id, oy.fiscal_year, m.month), 'n', 3, 7)
),
dated AS (
    SELECT
        *,
        first_of_month + CAST(between_int(rk, 'day', 0, 25) AS INTEGER) AS d0,
        CASE WHEN u(rk, 'channel') < 0.40 THEN 'line' WHEN u(rk, 'channel') < 0.62 THEN 'photo'
            WHEN u(rk, 'channel') < 0.80 THEN 'document' WHEN u(rk, 'channel') < 0.92 THEN 'visit'
            ELSE 'meeting' END AS channel
    FROM drafts
),
placed AS (
    SELECT
        d.*,
        d.d0 + CASE isodow(d.d0) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS reported_on
    FROM dated AS d
)
SELECT
    'R' || p.fiscal_year || lpad(CAST(row_number() OVER (
        PARTITION BY p.fiscal_year ORDER BY p.reported_on, p.officer_id, p.month, p.seq) AS VARCHAR), 6, '0')
        AS report_id,
    p.officer_id,
    o.village_code,
    p.reported_on,
    p.channel,
    CASE WHEN u(p.rk, 'note?') < 0.6 THEN CASE p.channel
        WHEN 'line' THEN 'ส่งความก้าวหน้าในกลุ่มไลน์อำเภอ'
        WHEN 'photo' THEN 'ภาพการอบรมถ่ายทอดความรู้'
        WHEN 'document' THEN 'รายงานผลการดำเนินงานประจำเดือน'
        WHEN 'visit' THEN 'ลงพื้นที่ติดตามครัวเรือน'
        ELSE 'ประชุมประจำเดือน กบอ.' END END AS note
FROM placed AS p
LEFT JOIN own AS o
    ON o.officer_id = p.officer_id AND o.fiscal_year = p.fiscal_year
   AND u(p.rk, 'village?') < 0.8
   AND o.r = CAST(floor(u(p.rk, 'village') * o.n_own) AS BIGINT)
ORDER BY p.fiscal_year, report_id;

-- The optional household roster (จปฐ.) is not generated at national scale: an empty table, so
-- the national set loads like an old workbook without it.
CREATE OR REPLACE TEMP VIEW out_roster AS
SELECT NULL::VARCHAR AS village_code, NULL::INTEGER AS roster_year, NULL::VARCHAR AS household_id,
       NULL::INTEGER AS members, NULL::DOUBLE AS annual_income
WHERE false;
