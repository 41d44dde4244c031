-- Survey rows from the file after baseline that are dated before the household's village
-- held its first training day.
WITH first_day AS (
    SELECT village_code, min(date) AS first_date FROM training_days GROUP BY village_code
)
SELECT s._row, s.survey_date, f.first_date, h.village_code
FROM stg_income_surveys AS s
JOIN households AS h USING (household_id)
JOIN first_day AS f USING (village_code)
WHERE s.round <> 'baseline' AND s.survey_date < f.first_date
ORDER BY s._row
