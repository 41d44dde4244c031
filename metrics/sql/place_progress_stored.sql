-- place_progress.sql and district_progress.sql from the area roll-ups (the areas placeholder:
-- the roll-up rows of a scope at the level grouped by, or finer): villages, mean progress,
-- villages overdue and complete, and those with a group.
SELECT {level_codes},
       sum(villages)::BIGINT AS villages,
       sum(stages_done) / {stage_count} / sum(villages) AS mean_progress,
       sum(overdue)::BIGINT AS overdue,
       sum(overdue) / sum(villages) AS overdue_share,
       sum(complete) / sum(villages) AS complete_share,
       sum(with_group)::BIGINT AS villages_with_group
FROM {areas}
GROUP BY ALL
HAVING sum(villages) > 0
ORDER BY ALL
