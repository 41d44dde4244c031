-- What the household rates are counted over: target households, those surveyed after baseline,
-- those with both a baseline and a later survey; and target villages.
WITH {scope}
SELECT (SELECT count(*) FROM s_households) AS households,
       (SELECT count(*) FROM s_latest) AS surveyed_after,
       (SELECT count(*) FROM s_income WHERE has_both) AS both_rounds,
       (SELECT count(*) FROM s_villages) AS villages
