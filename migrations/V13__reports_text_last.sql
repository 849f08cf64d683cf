-- A report's text as the last column of its row. SQLite keeps a row's columns in their order and
-- spills a long value onto overflow pages: a column after the text (kind, load_run_id, which V9
-- and V1 put there) is read by walking the text's pages first. Every view that prefers one kind of
-- report to another reads kind, for each fact it weighs: the refresh of the attainment rows of
-- 40,000 reports took 3.6 to 4.0 s in the sqlite3 shell with the text last against 4.6 to 5.5 s.
-- The table is rebuilt as SQLite's documentation says (a new table, its rows copied with their
-- ids, the old one dropped, the new one renamed, its indexes and triggers made again): the rows,
-- the facts pointing at them and the stale marks stay as they were.
--
-- Dropping a table a foreign key points at deletes its rows first, and the facts with them
-- (ON DELETE CASCADE), unless foreign keys are off: gwr runs its migrations with them off. A run
-- with them on stops here, before anything is changed (the CHECK fails).
CREATE TEMP TABLE v13_foreign_keys_off (enforced INTEGER CHECK (enforced = 0));
INSERT INTO temp.v13_foreign_keys_off SELECT foreign_keys FROM pragma_foreign_keys;
DROP TABLE temp.v13_foreign_keys_off;

-- The canned views read reports; they are dropped here and installed again from sql/ when the
-- warehouse is opened.
DROP VIEW IF EXISTS v_reports;
DROP VIEW IF EXISTS v_indicators;
DROP VIEW IF EXISTS v_indicator_panel;
DROP VIEW IF EXISTS v_indicator_panel_computed;
DROP VIEW IF EXISTS v_targets;
DROP VIEW IF EXISTS v_target_attainment;
DROP VIEW IF EXISTS v_target_attainment_computed;
DROP VIEW IF EXISTS v_projects;
DROP VIEW IF EXISTS v_town_rankings;
DROP VIEW IF EXISTS v_town_rankings_computed;
DROP VIEW IF EXISTS v_term_frequency;

CREATE TABLE reports_v13 (
    id             INTEGER PRIMARY KEY,
    town_id        INTEGER NOT NULL REFERENCES towns(id),
    title          TEXT,
    review_year    INTEGER,
    plan_year      INTEGER,
    delivered_on   TEXT,
    published_on   TEXT,
    written_on     TEXT,
    meeting        TEXT,
    speaker        TEXT,
    speaker_title  TEXT,
    index_number   TEXT,
    publisher      TEXT,
    source_site    TEXT,
    source_path    TEXT NOT NULL,
    source_index   INTEGER NOT NULL,
    encoding       TEXT NOT NULL,
    content_sha256 TEXT NOT NULL UNIQUE,
    char_count     INTEGER NOT NULL,
    complete       INTEGER NOT NULL CHECK (complete IN (0, 1)),
    load_run_id    INTEGER NOT NULL REFERENCES load_runs(id),
    kind           TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('government_work_report', 'work_summary_and_plan', 'half_year_report', 'work_plan',
                        'news_coverage', 'other')),
    body           TEXT NOT NULL
);
INSERT INTO reports_v13 (id, town_id, title, review_year, plan_year, delivered_on, published_on, written_on,
        meeting, speaker, speaker_title, index_number, publisher, source_site, source_path, source_index,
        encoding, content_sha256, char_count, complete, load_run_id, kind, body)
    SELECT id, town_id, title, review_year, plan_year, delivered_on, published_on, written_on,
        meeting, speaker, speaker_title, index_number, publisher, source_site, source_path, source_index,
        encoding, content_sha256, char_count, complete, load_run_id, kind, body
    FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v13 RENAME TO reports;

CREATE INDEX reports_town_id ON reports(town_id);
CREATE INDEX reports_load_run_id ON reports(load_run_id);
CREATE INDEX reports_source ON reports(source_path, source_index);
CREATE INDEX reports_review_year ON reports(review_year);
CREATE INDEX reports_plan_year ON reports(plan_year);
CREATE INDEX reports_town_review_year ON reports(town_id, review_year);

-- The triggers of V12 and V11, as they were.
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
CREATE TRIGGER reports_terms_pending AFTER INSERT ON reports
WHEN EXISTS (SELECT 1 FROM policy_terms_source)
BEGIN
    INSERT INTO report_terms_pending (report_id) VALUES (NEW.id) ON CONFLICT (report_id) DO NOTHING;
END;
