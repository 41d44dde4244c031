-- Per network type: the links in scope (the rows of links.sql: each link's group is in scope,
-- and so is the group's village), the groups they link and their sales (baht/year; 0 when
-- none is given), most links first. Summed in SQL: at national scale the 238,000 links are
-- never read into Python to be counted. (network is required by the contract: never NULL.)
WITH {scope}
SELECT network, count(*) AS links, count(DISTINCT group_id) AS groups,
       coalesce(sum(sales_baht), 0) AS sales_baht
FROM s_links
GROUP BY network
ORDER BY links DESC, network
