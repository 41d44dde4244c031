-- latest_date.sql read from the stored facts (when they hold every village in scope and no
-- occupation narrows the rows): each village's newest dated row, and the report dates.
WITH {scope}
SELECT greatest(
    (SELECT max(last_dated) FROM fact_villages
      WHERE village_code IN (SELECT village_code FROM s_villages)),
    (SELECT max(r.reported_on) FROM reports AS r
      WHERE r.officer_id IN (SELECT officer_id FROM s_villages)
        AND (r.village_code IS NULL OR r.village_code IN (SELECT village_code FROM s_villages)))
) AS latest
