-- The programme funnel in scope: villages → trainers → households → trained → practising →
-- in a group → linked to a network. "Trained" = attended at least one training day;
-- "practising" = the latest survey after baseline says yes.
WITH {scope},
grouped AS (
    SELECT DISTINCT m.household_id, g.group_id
    FROM group_members AS m JOIN s_groups AS g USING (group_id)
    JOIN s_households USING (household_id)
)
SELECT
    (SELECT count(*) FROM s_villages) AS villages,
    (SELECT count(*) FROM s_trainers) AS trainers,
    (SELECT count(*) FROM s_households) AS households,
    (SELECT count(*) FROM s_rounds WHERE trained) AS trained,
    (SELECT count(*) FROM s_latest WHERE latest_practising) AS practising,
    (SELECT count(DISTINCT household_id) FROM grouped) AS in_group,
    (SELECT count(DISTINCT household_id) FROM grouped
      WHERE group_id IN (SELECT group_id FROM s_links)) AS linked
