-- How often each report uses each policy term (data/terms.toml), counted once when the report is
-- loaded, in its folded text: v_term_frequency reads these rows instead of scanning every body on
-- every query. Only the terms a report uses have a row. The unique index serves lookups by report.
CREATE TABLE report_terms (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    term        TEXT NOT NULL,
    occurrences INTEGER NOT NULL CHECK (occurrences > 0),
    UNIQUE (report_id, term)
);
CREATE INDEX report_terms_term ON report_terms(term);

-- The term list the rows of report_terms were counted for (one row, the terms one per line, in
-- list order). When data/terms.toml changes, opening the warehouse counts every stored report
-- again; a warehouse loaded before this table existed has no row, so its reports are counted on
-- the first open.
CREATE TABLE report_terms_list (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    terms TEXT NOT NULL
);
