-- income_moments.sql (and, grouped by district, income_moments_district.sql) from the area
-- roll-ups: n, means and population (co)variances from the sums the villages keep of the
-- households with both a baseline and a later survey (Σb, Σl, Σb², Σl², Σbl).
WITH sums AS (
    SELECT {group_by}
           sum(households_with_change) AS n,
           sum(baseline_total) AS b,
           sum(latest_total) AS l,
           sum(baseline_squares) AS bb,
           sum(latest_squares) AS ll,
           sum(income_products) AS bl
    FROM {areas}
    GROUP BY ALL
)
SELECT {group_by}
       coalesce(n, 0)::BIGINT AS n,
       b / nullif(n, 0) AS mean_base,
       l / nullif(n, 0) AS mean_latest,
       bb / nullif(n, 0) - (b / nullif(n, 0)) ^ 2 AS var_base,
       ll / nullif(n, 0) - (l / nullif(n, 0)) ^ 2 AS var_latest,
       bl / nullif(n, 0) - (b / nullif(n, 0)) * (l / nullif(n, 0)) AS cov
FROM sums
{having}
ORDER BY ALL
