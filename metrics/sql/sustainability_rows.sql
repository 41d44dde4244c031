-- The surveys that sustainability.sql compares, after the scope CTEs (sust_rows): of the
-- households in scope with every round by the as-of date (their facts' rounds_present), each
-- round's survey values from their facts (r_<round>_<field>: data_loaders/store/facts.py),
-- with the village. The area roll-ups add up sust_cohort per village (metrics/income.py).
sust_cohort AS (
    SELECT * FROM s_rounds WHERE {sustained}
),
sust_rows AS (
    {round_unpivot}
)
