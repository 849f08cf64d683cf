-- Files already loaded, by path, with the hash of their bytes: a re-run skips a file whose bytes
-- are unchanged without reading its reports again.
CREATE TABLE source_files (
    id            INTEGER PRIMARY KEY,
    source_path   TEXT NOT NULL UNIQUE,
    byte_count    INTEGER NOT NULL,
    bytes_sha256  TEXT NOT NULL,
    report_count  INTEGER NOT NULL,
    load_run_id   INTEGER NOT NULL REFERENCES load_runs(id)
);
CREATE INDEX source_files_load_run_id ON source_files(load_run_id);
