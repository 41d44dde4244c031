-- Network links in scope with their group and village.
WITH {scope}
SELECT l.link_id, l.group_id, g.group_name, l.village_code, v.village_name, v.district_code,
       l.network, l.partner_name, l.since, l.sales_baht
FROM s_links AS l
JOIN s_groups AS g USING (group_id)
JOIN s_villages AS v ON v.village_code = l.village_code
ORDER BY l.village_code, l.group_id, l.link_id
