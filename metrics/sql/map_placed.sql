-- The scope's villages with what the map needs of them, each with a point. The rows are those
-- of map_villages.sql (or map_villages_stored.sql) for the scope, put in by metrics/maps.py; the tambon points (data_loaders/reference/tambon_points.csv) come as three
-- lists of the same length: $point_codes, $point_lats and $point_lons. own_lat and own_lon are
-- a village's own coordinates; lat and lon are those, else (both together, never one of each)
-- its tambon's point, and at_tambon marks the second kind.
SELECT v.village_code, v.village_name, v.tambon_code, v.tambon_name, v.tambon_name_en,
       v.district_code, v.district_name, v.district_name_en,
       v.province_code, v.province_name, v.province_name_en,
       v.households, v.stages_done, v.status,
       v.lat AS own_lat, v.lon AS own_lon,
       CASE WHEN v.lat IS NULL OR v.lon IS NULL THEN p.lat ELSE v.lat END AS lat,
       CASE WHEN v.lat IS NULL OR v.lon IS NULL THEN p.lon ELSE v.lon END AS lon,
       (v.lat IS NULL OR v.lon IS NULL) AND p.lat IS NOT NULL AS at_tambon
FROM ({rows}) AS v
LEFT JOIN (
    SELECT unnest($point_codes::VARCHAR[]) AS tambon_code,
           unnest($point_lats::DOUBLE[]) AS lat,
           unnest($point_lons::DOUBLE[]) AS lon
) AS p ON p.tambon_code = v.tambon_code
