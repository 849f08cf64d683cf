-- The marks of stale towns (V8) and of reports whose term counts are pending (V11), kept so that the
-- statement storing a report needs no statement journal, with the same marks as before:
-- - The triggers mark with ON CONFLICT DO NOTHING where V8 asked NOT EXISTS of the table they insert
--   into: SQLite runs an INSERT that selects from its own table through a temporary table, built for
--   every report stored. DO NOTHING holds whatever conflict policy the statement that fires the
--   trigger has (an upsert's clause is not overridden, as INSERT OR IGNORE is).
-- - The two tables are keyed WITHOUT ROWID: an insert that gives a rowid checks that it is an
--   integer, a check that may abort the statement, and SQLite then journals every page a statement
--   that fires the trigger touches (the report's row and its indexes), so that it can undo it alone.
--   The writer stores a report with INSERT OR FAIL and a batch undoes a failing file.
DROP TRIGGER reports_mark_town_inserted;
DROP TRIGGER reports_mark_town_deleted;
DROP TRIGGER reports_mark_town_updated;
DROP TRIGGER towns_mark_updated;
DROP TRIGGER reports_terms_pending;

CREATE TEMP TABLE stale_towns_kept AS SELECT town_id FROM stale_towns;
DROP TABLE stale_towns;
CREATE TABLE stale_towns (
    town_id INTEGER PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO stale_towns (town_id) SELECT town_id FROM temp.stale_towns_kept WHERE town_id IS NOT NULL;
DROP TABLE temp.stale_towns_kept;

CREATE TEMP TABLE report_terms_pending_kept AS SELECT report_id FROM report_terms_pending;
DROP TABLE report_terms_pending;
CREATE TABLE report_terms_pending (
    report_id INTEGER PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO report_terms_pending (report_id)
    SELECT report_id FROM temp.report_terms_pending_kept WHERE report_id IS NOT NULL;
DROP TABLE temp.report_terms_pending_kept;

CREATE TRIGGER reports_mark_town_inserted AFTER INSERT ON reports
BEGIN
    INSERT INTO stale_towns (town_id) SELECT NEW.town_id WHERE NEW.town_id IS NOT NULL
        ON CONFLICT (town_id) DO NOTHING;
END;
CREATE TRIGGER reports_mark_town_deleted AFTER DELETE ON reports
BEGIN
    INSERT INTO stale_towns (town_id) SELECT OLD.town_id WHERE OLD.town_id IS NOT NULL
        ON CONFLICT (town_id) DO NOTHING;
END;
CREATE TRIGGER reports_mark_town_updated AFTER UPDATE ON reports
BEGIN
    INSERT INTO stale_towns (town_id) SELECT OLD.town_id WHERE OLD.town_id IS NOT NULL
        ON CONFLICT (town_id) DO NOTHING;
    INSERT INTO stale_towns (town_id) SELECT NEW.town_id WHERE NEW.town_id IS NOT NULL
        ON CONFLICT (town_id) DO NOTHING;
END;
CREATE TRIGGER towns_mark_updated AFTER UPDATE ON towns
BEGIN
    INSERT INTO stale_towns (town_id) SELECT NEW.id WHERE NEW.id IS NOT NULL
        ON CONFLICT (town_id) DO NOTHING;
END;
CREATE TRIGGER reports_terms_pending AFTER INSERT ON reports
WHEN EXISTS (SELECT 1 FROM policy_terms_source)
BEGIN
    INSERT INTO report_terms_pending (report_id) VALUES (NEW.id) ON CONFLICT (report_id) DO NOTHING;
END;
