-- Whether the area roll-ups hold $as_of for the villages of $fiscal_year (NULL: every year),
-- (compared with $previous when given), built for the store's latest import with the settings in force ($settings_key)
-- and, when $prices_key is given, the price index in force.
SELECT count(*) > 0
FROM rollup_dates
WHERE as_of = $as_of
  AND (fiscal_year IS NULL OR fiscal_year IS NOT DISTINCT FROM $fiscal_year)
  AND built_for IS NOT DISTINCT FROM (SELECT max(import_id) FROM import_log)
  AND ($previous IS NULL OR previous = $previous)
  AND settings_key = $settings_key
  AND ($prices_key IS NULL OR prices_key = $prices_key)
