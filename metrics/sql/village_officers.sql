-- The villages in scope with their places and responsible officer (พัฒนากร).
WITH {scope}
SELECT v.village_code, v.village_name, v.district_name, v.tambon_name, v.officer_id,
       o.name AS officer_name
FROM s_villages AS v
LEFT JOIN officers AS o USING (officer_id)
ORDER BY v.village_code
