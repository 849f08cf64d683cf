-- The indexes on an indicator code and a year hold the coded rows only: nine indicators in ten and
-- five targets in six have no catalog code, and a lookup by code (`indicator_code = ?`, `IN (...)`,
-- a range) implies one, so SQLite still uses these indexes for it. A load then no longer files
-- every uncoded row into them (at 40,000 reports, writing the indicators in batches as the load
-- does: 6.7 to 6.9 s against 9.0 to 9.2 s in the sqlite3 shell).
-- The computing views scan the facts rather than reading the coded ones through these indexes (a
-- lookup of each row by its id costs more than the scan); they say so with a unary + (sql/).
DROP INDEX IF EXISTS indicators_code_year;
CREATE INDEX indicators_code_year ON indicators(indicator_code, period_year) WHERE indicator_code IS NOT NULL;
DROP INDEX IF EXISTS targets_code_year;
CREATE INDEX targets_code_year ON targets(indicator_code, target_year) WHERE indicator_code IS NOT NULL;
DROP INDEX IF EXISTS target_attainment_code_year;
CREATE INDEX target_attainment_code_year ON target_attainment(indicator_code, target_year)
    WHERE indicator_code IS NOT NULL;
