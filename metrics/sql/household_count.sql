-- Target households in scope: the rows of household_income.sql (s_income has one row per
-- household in s_households), counted without computing the income columns.
WITH {scope}
SELECT count(*) AS households FROM s_households
