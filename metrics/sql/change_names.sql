-- Names for the rows of a "since last meeting" report (metrics/changes.py, change_table): the
-- groups in $group_ids with their village, and the villages in $village_codes or of those
-- groups, with their district and tambon in Thai and English. Looked up by code, so a national
-- report names its few changes without reading every village.
WITH named_groups AS (
    SELECT group_id, group_name, village_code FROM groups WHERE list_contains($group_ids, group_id)
)
SELECT v.village_code, v.village_name, v.district_name, v.district_name_en, v.tambon_name,
       v.tambon_name_en, g.group_id, g.group_name
FROM villages AS v
LEFT JOIN named_groups AS g USING (village_code)
WHERE list_contains($village_codes, v.village_code) OR g.group_id IS NOT NULL
