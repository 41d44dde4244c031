-- The 5 ก scorecard: one row per group in scope.
WITH {scope}
SELECT k.group_id, k.group_name, k.village_code, v.village_name, v.district_code, v.district_name,
       v.tambon_name, k.occupation,
       k.members, k.k_members, k.k_committee, k.k_rules, k.k_fund, k.k_activities, k.score,
       k.fund_baht,
       (SELECT count(*) FROM s_links AS l WHERE l.group_id = k.group_id) AS links
FROM s_five_k AS k JOIN s_villages AS v USING (village_code)
ORDER BY k.village_code, k.group_id
