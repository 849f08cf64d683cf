-- Files as the loader now knows them. A file's name (source_path) is its path from the folder that
-- was loaded; its location is its full canonical path, so that the same folder loaded from another
-- working folder, or under another spelling, is the same set of files, and a name held by another
-- file that still exists is never taken over. A file refused as a whole keeps its row (no reports,
-- the reason in refusal): unchanged, it is not read again.
ALTER TABLE source_files ADD COLUMN location TEXT;
ALTER TABLE source_files ADD COLUMN refusal TEXT;
CREATE INDEX source_files_location ON source_files(location);

-- Every report each file holds, by position, including those whose text is stored once under
-- another file (duplicates): when a file's text changes or the file is gone, a report another file
-- still holds moves to that file instead of disappearing.
CREATE TABLE file_reports (
    source_path    TEXT NOT NULL,
    source_index   INTEGER NOT NULL,
    content_sha256 TEXT NOT NULL,
    PRIMARY KEY (source_path, source_index)
);
CREATE INDEX file_reports_content ON file_reports(content_sha256);
INSERT OR IGNORE INTO file_reports (source_path, source_index, content_sha256)
    SELECT source_path, source_index, content_sha256 FROM reports WHERE source_path IS NOT NULL;

-- How a run ended: finished, interrupted (Ctrl-C, what was stored is kept) or died (killed or
-- crashed; marked by the next run). Runs before this migration that never finished died.
ALTER TABLE load_runs ADD COLUMN outcome TEXT;
ALTER TABLE load_runs ADD COLUMN files_pruned INTEGER NOT NULL DEFAULT 0;
UPDATE load_runs SET outcome = CASE WHEN finished_at IS NULL THEN 'died' ELSE 'finished' END;

-- The kind of report each chosen figure comes from (the views prefer a primary document over news
-- coverage). The stored rows are recomputed with it: every town is marked stale.
ALTER TABLE indicator_panel ADD COLUMN source_kind TEXT;
ALTER TABLE target_attainment ADD COLUMN source_kind TEXT;
ALTER TABLE town_rankings ADD COLUMN source_kind TEXT;
INSERT INTO stale_towns (town_id) SELECT id FROM towns WHERE id NOT IN (SELECT town_id FROM stale_towns);
