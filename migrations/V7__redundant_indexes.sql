-- Indexes every load pays for and no query needs. Each of the first three is the leading column of
-- a composite index that serves the same lookups (the canned views, the ON DELETE CASCADE from
-- reports): indicators(indicator_code) of indicators_code_year, targets(indicator_code) of
-- targets_code_year, sections(report_id) of sections_report_span. No canned view filters or joins
-- on sections.part, which is not a foreign key either.
DROP INDEX IF EXISTS indicators_code;
DROP INDEX IF EXISTS targets_code;
DROP INDEX IF EXISTS sections_report_id;
DROP INDEX IF EXISTS sections_part;
