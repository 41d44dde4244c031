-- Training days in scope with their village, for a timeline.
WITH {scope}
SELECT d.village_code, v.village_name, v.tambon_name, v.district_name, d.day, d.date, d.activity
FROM s_training_days AS d JOIN s_villages AS v USING (village_code)
ORDER BY d.village_code, d.day
