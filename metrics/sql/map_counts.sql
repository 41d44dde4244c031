-- What the map chooses its level by and its legend counts (metrics/maps.py), in one pass over
-- the scope's villages (map_placed.sql): all of them and how many are in each status; those
-- with a point of their own; those placed at either point and the tambons, districts and
-- provinces they lie in; and how many of those are at their tambon's point.
WITH vp AS ({sql:map_placed})
SELECT count(*) AS villages,
       histogram(status) AS statuses,
       count(*) FILTER (WHERE own_lat IS NOT NULL AND own_lon IS NOT NULL) AS own_village,
       count(*) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL) AS placed_village,
       count(DISTINCT tambon_code) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL) AS placed_tambon,
       count(DISTINCT district_code) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL) AS placed_district,
       count(DISTINCT province_code) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL) AS placed_province,
       count(*) FILTER (WHERE at_tambon) AS at_tambon
FROM vp
