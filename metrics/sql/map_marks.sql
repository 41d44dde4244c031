-- What the map draws: villages, or one mark per tambon, district or province holding the
-- villages with a point in scope, at the mean of their points (map_placed.sql: village marks
-- at the villages' own coordinates, aggregates with those that lack them at their tambon's
-- point). Parameters: the scope's, $level ('village', 'tambon', 'district' or 'province') and
-- $max_objects.
WITH vp AS (
    SELECT * REPLACE (
               CASE WHEN $level = 'village' THEN own_lat ELSE lat END AS lat,
               CASE WHEN $level = 'village' THEN own_lon ELSE lon END AS lon)
    FROM ({sql:map_placed})
),
placed AS (
    SELECT * FROM vp
    WHERE lat IS NOT NULL AND lon IS NOT NULL
),
keyed AS (
    SELECT *,
           CASE $level
               WHEN 'village' THEN village_code WHEN 'tambon' THEN tambon_code
               WHEN 'district' THEN district_code ELSE province_code
           END AS mark_code,
           CASE $level
               WHEN 'village' THEN village_name WHEN 'tambon' THEN tambon_name
               WHEN 'district' THEN district_name ELSE province_name
           END AS mark_name,
           CASE $level
               WHEN 'village' THEN village_name WHEN 'tambon' THEN tambon_name_en
               WHEN 'district' THEN district_name_en ELSE province_name_en
           END AS mark_name_en
    FROM placed
)
SELECT mark_code,
       any_value(mark_name) AS mark_name,
       any_value(mark_name_en) AS mark_name_en,
       avg(lat) AS lat,
       avg(lon) AS lon,
       count(*) AS villages,
       sum(households) AS households,
       count(*) FILTER (WHERE status = 'complete') / count(*) AS complete_share,
       count(*) FILTER (WHERE status = 'in_progress') / count(*) AS in_progress_share,
       count(*) FILTER (WHERE status = 'overdue') / count(*) AS overdue_share,
       count(*) FILTER (WHERE status = 'not_started') / count(*) AS not_started_share,
       avg(stages_done) AS stages_done,
       sum(stages_done) / ({stage_count} * count(*)) AS progress
FROM keyed
GROUP BY mark_code
ORDER BY villages DESC, mark_code
LIMIT $max_objects
