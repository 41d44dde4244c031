-- The groups of the network graph (metrics/networks.py, network_graph): the groups in scope
-- (the rows of five_k.sql, in its order) with their village's name, without their 5 ก score,
-- which the graph does not draw.
WITH {scope}
SELECT g.group_id, g.group_name, g.village_code, v.village_name
FROM s_groups AS g JOIN s_villages AS v USING (village_code)
ORDER BY g.village_code, g.group_id
