-- The state of each household on `as_of` (NULL: with every row), from its row of
-- households.sql (`pivot`): the rules are generated from the contract's rounds and training
-- days in data_loaders/store/facts.py (household_state):
-- - baseline: the baseline survey, if dated on or before `as_of`;
-- - the latest later round: of the later rounds dated on or before `as_of`, the last in the
--   contract's round order (follow_12m > follow_6m > post), its income, occupation income,
--   practising and date, even when its income is blank;
-- - rounds present and the newest survey date, among the rounds dated by then;
-- - days attended: the household's attended training days dated by then; trained: one or more.
SELECT p.*,
       {household_state}
FROM {pivot} AS p
