-- Failing records per data-quality check in scope (the checks of completeness.sql), counted in
-- one pass over the households' stored facts and one over the villages: every check, 0 included.
WITH {scope},
households AS (
    SELECT count(*) FILTER (WHERE has_baseline IS NOT TRUE) AS household_without_baseline,
           count(*) FILTER (WHERE latest_round IS NULL) AS household_without_later_survey,
           count(*) FILTER (WHERE occupation IS NULL OR trim(occupation) = '') AS household_without_occupation
    FROM s_rounds
),
villages AS (
    SELECT count(*) FILTER (WHERE lat IS NULL OR lon IS NULL) AS village_without_coordinates
    FROM s_villages
)
UNPIVOT (SELECT * FROM households, villages) ON COLUMNS(*) INTO NAME check_id VALUE records
