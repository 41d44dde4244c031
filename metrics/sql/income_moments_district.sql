-- The moments of income_moments.sql per district in scope: over each district's households with
-- both a baseline and a later survey, n, means and (population) covariances.
WITH {scope}
SELECT v.district_code,
       count(*) AS n,
       avg(i.baseline_income) AS mean_base,
       avg(i.latest_income) AS mean_latest,
       var_pop(i.baseline_income) AS var_base,
       var_pop(i.latest_income) AS var_latest,
       covar_pop(i.baseline_income, i.latest_income) AS cov
FROM s_income AS i JOIN s_villages AS v USING (village_code)
WHERE i.has_both
GROUP BY v.district_code
ORDER BY v.district_code
