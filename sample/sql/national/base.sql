-- The national set's base tables (one row per tambon, village, household, group).
-- Parameters come from macros set by sample/national.py: n_years(), n_villages(),
-- first_year() (BE), per_officer(), nat_seed(); u(key, salt) is uniform in [0, 1).

CREATE OR REPLACE TEMP TABLE nat_tambon AS
SELECT
    *,
    row_number() OVER (ORDER BY hash(tambon_code, 'tambon', nat_seed()), tambon_code) - 1 AS t_idx,
    count(*) OVER () AS n_t
FROM nat_tambon_src;

-- Village g (0-based over all years) lies in tambon g mod T, หมู่ g div T + 1.
CREATE OR REPLACE TEMP TABLE nat_village AS
WITH g AS (
    SELECT range AS g FROM range(n_years() * n_villages())
),
placed AS (
    SELECT
        g.g,
        first_year() + g.g // n_villages() AS fiscal_year,
        first_year() + g.g // n_villages() - {BE_OFFSET} AS ce_year,
        t.*,
        CAST(g.g // t.n_t + 1 AS INTEGER) AS moo
    FROM g JOIN nat_tambon AS t ON t.t_idx = g.g % t.n_t
),
planned AS (
    SELECT
        *,
        tambon_code || lpad(CAST(moo AS VARCHAR), 2, '0') AS village_code,
        CAST(floor(u(g, 'occ1') * 7) AS INTEGER) AS occ_main_idx,
        -- first Monday on or after 6 February, plus 0–12 weeks, plus 0–1 day
        make_date(ce_year, 2, 6) + CAST((8 - isodow(make_date(ce_year, 2, 6))) % 7 AS INTEGER)
            + CAST(7 * between_int(g, 'week', 0, 12) + between_int(g, 'shift', 0, 1) AS INTEGER) AS day1,
        CASE WHEN u(g, 'short') < 0.01 THEN 3 WHEN u(g, 'short') < 0.02 THEN 4 ELSE 5 END AS n_days
    FROM placed
)
SELECT
    g, fiscal_year, ce_year, village_code, moo, tambon_code, tambon_name, district_code, district_name,
    province_code, province_name,
    'บ้านสมมุติ' || pick({VILLAGE_STEMS}, g, 'stem') || pick({VILLAGE_TAILS}, g, 'tail') AS village_name,
    CASE WHEN lat IS NOT NULL THEN round(lat + 0.06 * u(g, 'lat') - 0.03, 5) END AS lat,
    CASE WHEN lon IS NOT NULL THEN round(lon + 0.06 * u(g, 'lon') - 0.03, 5) END AS lon,
    'P' || district_code || lpad(CAST(
        (row_number() OVER (PARTITION BY district_code, fiscal_year ORDER BY village_code) - 1) // per_officer() + 1
        AS VARCHAR), 3, '0') AS officer_id,
    occ_main_idx,
    {OCCUPATIONS}[occ_main_idx + 1] AS occ_main,
    CASE WHEN u(g, 'occ2?') < 0.6
        THEN {OCCUPATIONS}[(occ_main_idx + 1 + between_int(g, 'occ2', 0, 5)) % 7 + 1] END AS occ_second,
    day1,
    day1 + 1 AS day2,
    day1 + 2 AS day3,
    day1 + CAST(7 + between_int(g, 'd4', 0, 2) AS INTEGER) AS day4,
    day1 + CAST(7 + between_int(g, 'd4', 0, 2) + CASE WHEN u(g, 'd5') < 0.5 THEN 1 ELSE 7 END AS INTEGER) AS day5,
    n_days,
    n_days = 5 AS complete
FROM planned;

CREATE OR REPLACE TEMP TABLE nat_village_plus AS
SELECT
    *,
    CASE n_days WHEN 3 THEN day3 WHEN 4 THEN day4 ELSE day5 END AS last_day,
    complete AND u(g, 'f6') < 0.985 AS has_f6,
    complete AND u(g, 'f12') < 0.975 AS has_f12,
    day1 - CAST(between_int(g, 'base', 10, 28) AS INTEGER) AS baseline_start
FROM nat_village;

CREATE OR REPLACE TEMP TABLE nat_household AS
WITH h AS (
    SELECT v.*, n.range AS n, v.g * 20 + n.range - 1 AS hg
    FROM nat_village_plus AS v CROSS JOIN range(1, 21) AS n
),
ids AS (
    SELECT
        *,
        pick(['1', '1', '1', '3', '3', '3', '5', '8'], hg, 'id0')
            || lpad(CAST((CAST(hg AS HUGEINT) * 31415926537 + hash(nat_seed(), 'ids') % 100000000000)
                % 100000000000 AS VARCHAR), 11, '0') AS id12
    FROM h
)
SELECT
    *,
    'H' || village_code || lpad(CAST(n AS VARCHAR), 2, '0') AS household_id,
    id12 || CAST((11 - list_sum([CAST(substr(id12, i + 1, 1) AS INTEGER) * (13 - i) FOR i IN range(12)]) % 11) % 10
        AS VARCHAR) AS national_id_full,
    pick({FIRST_NAMES}, hg, 'first') || ' ' || pick({SURNAME_HEADS}, hg, 'head') || pick({SURNAME_TAILS}, hg, 'tail')
        AS head_name,
    CASE
        WHEN u(hg, 'occ') < 0.005 THEN NULL
        WHEN occ_second IS NULL OR u(hg, 'occ2') < 0.6 THEN occ_main
        ELSE occ_second
    END AS occupation,
    u(hg, 'kind') AS kind_u
FROM ids;

CREATE OR REPLACE TEMP TABLE nat_group AS
SELECT
    v.*,
    k.range AS group_n,
    'G' || v.village_code || '-' || k.range AS group_id,
    CASE WHEN k.range = 1 THEN v.occ_main ELSE v.occ_second END AS group_occupation,
    u(v.g * 2 + k.range, 'maturity') AS maturity,
    v.g * 2 + k.range AS gg
FROM nat_village_plus AS v CROSS JOIN range(1, 3) AS k
WHERE v.complete
  AND u(v.g, 'group?') < 0.9
  AND (k.range = 1 OR (v.occ_second IS NOT NULL AND u(v.g, 'group2') < 0.4));

CREATE OR REPLACE TEMP TABLE nat_group_plus AS
SELECT
    *,
    CASE WHEN u(gg, 'founded?') < 0.85 THEN day5 + CAST(between_int(gg, 'founded', 10, 75) AS INTEGER) END AS founded_on,
    CASE WHEN u(gg, 'small') < 0.02 THEN between_int(gg, 'size', 3, 4) ELSE between_int(gg, 'size', 5, 15) END
        AS size,
    CASE
        WHEN u(gg, 'links') < 0.15 THEN 0 WHEN u(gg, 'links') < 0.40 THEN 1 WHEN u(gg, 'links') < 0.70 THEN 2
        WHEN u(gg, 'links') < 0.90 THEN 3 ELSE 4
    END AS n_links
FROM nat_group;
