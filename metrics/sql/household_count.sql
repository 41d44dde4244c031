-- Target households in scope (the rows of household_income.sql).
WITH {scope}
SELECT count(*) AS households FROM s_income
