-- What the map draws: villages, or one mark per tambon, district or province holding the
-- villages with coordinates in scope, at the mean of their points. vp_frame holds the
-- village_progress rows of the scope (metrics/sql/village_progress.sql). Parameters:
-- $level ('village', 'tambon', 'district' or 'province') and $max_objects.
WITH vp AS (
    SELECT * FROM vp_frame
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
    FROM vp
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
