-- The sums the bootstrap of (Σ latest − Σ baseline) ÷ Σ baseline needs, over households in
-- scope with both a baseline and a later survey: n, means, and (population) covariances.
WITH {scope}
SELECT count(*) AS n,
       avg(baseline_income) AS mean_base,
       avg(latest_income) AS mean_latest,
       var_pop(baseline_income) AS var_base,
       var_pop(latest_income) AS var_latest,
       covar_pop(baseline_income, latest_income) AS cov
FROM s_income
WHERE has_both
