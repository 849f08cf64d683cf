-- The warehouse's first schema: every table of the warehouse contract, with foreign keys and the
-- indexes the canned views join and filter on. Types are INTEGER, REAL and TEXT only.

CREATE TABLE load_runs (
    id                INTEGER PRIMARY KEY,
    started_at        TEXT NOT NULL,
    finished_at       TEXT,
    tool_version      TEXT NOT NULL,
    files_seen        INTEGER NOT NULL DEFAULT 0,
    reports_loaded    INTEGER NOT NULL DEFAULT 0,
    reports_unchanged INTEGER NOT NULL DEFAULT 0,
    reports_replaced  INTEGER NOT NULL DEFAULT 0,
    reports_duplicate INTEGER NOT NULL DEFAULT 0,
    files_failed      INTEGER NOT NULL DEFAULT 0,
    arguments         TEXT
);

CREATE TABLE load_errors (
    id          INTEGER PRIMARY KEY,
    load_run_id INTEGER NOT NULL REFERENCES load_runs(id) ON DELETE CASCADE,
    source_path TEXT NOT NULL,
    reason      TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX load_errors_load_run_id ON load_errors(load_run_id);

CREATE TABLE towns (
    id          INTEGER PRIMARY KEY,
    -- What makes a town row unique: its admin code when resolved, else its name and the
    -- candidates it could be.
    town_key    TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    admin_code  TEXT,
    county      TEXT,
    city        TEXT,
    province    TEXT,
    resolution  TEXT NOT NULL CHECK (resolution IN ('unique', 'context', 'ambiguous', 'unknown')),
    evidence    TEXT,
    candidates  TEXT
);
CREATE INDEX towns_admin_code ON towns(admin_code);
CREATE INDEX towns_province ON towns(province);

CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    town_id        INTEGER NOT NULL REFERENCES towns(id),
    kind           TEXT NOT NULL CHECK (kind IN ('government_work_report', 'work_summary_and_plan', 'other')),
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
    body           TEXT NOT NULL,
    load_run_id    INTEGER NOT NULL REFERENCES load_runs(id)
);
CREATE INDEX reports_town_id ON reports(town_id);
CREATE INDEX reports_load_run_id ON reports(load_run_id);
CREATE INDEX reports_source ON reports(source_path, source_index);
CREATE INDEX reports_review_year ON reports(review_year);
CREATE INDEX reports_plan_year ON reports(plan_year);

CREATE TABLE sections (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    level      INTEGER NOT NULL,
    ordinal    INTEGER NOT NULL,
    marker     TEXT NOT NULL,
    title      TEXT NOT NULL,
    part       TEXT NOT NULL CHECK (part IN ('preamble', 'review', 'problems', 'plan', 'self_building', 'closing', 'other')),
    inline     INTEGER NOT NULL DEFAULT 0 CHECK (inline IN (0, 1)),
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL
);
CREATE INDEX sections_report_id ON sections(report_id);
CREATE INDEX sections_parent_id ON sections(parent_id);
CREATE INDEX sections_part ON sections(part);

CREATE TABLE indicator_catalog (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    unit_kind TEXT NOT NULL,
    category  TEXT NOT NULL,
    -- The Chinese names that map to this code, as a JSON array.
    aliases   TEXT NOT NULL
);

CREATE TABLE indicators (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id       INTEGER REFERENCES sections(id) ON DELETE SET NULL,
    name             TEXT NOT NULL,
    indicator_code   TEXT REFERENCES indicator_catalog(code),
    period_year      INTEGER,
    month_from       INTEGER,
    month_to         INTEGER,
    value            REAL,
    value_min        REAL,
    value_max        REAL,
    unit             TEXT NOT NULL,
    value_base       REAL,
    unit_base        TEXT,
    growth_pct       REAL,
    growth_multiple  REAL,
    change_pp        REAL,
    qualifier        TEXT,
    estimated        INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),
    quote            TEXT NOT NULL,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL
);
CREATE INDEX indicators_report_id ON indicators(report_id);
CREATE INDEX indicators_section_id ON indicators(section_id);
CREATE INDEX indicators_code ON indicators(indicator_code);
CREATE INDEX indicators_period_year ON indicators(period_year);

CREATE TABLE targets (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id     INTEGER REFERENCES sections(id) ON DELETE SET NULL,
    name           TEXT NOT NULL,
    indicator_code TEXT REFERENCES indicator_catalog(code),
    target_year    INTEGER,
    value          REAL,
    value_min      REAL,
    value_max      REAL,
    unit           TEXT,
    value_base     REAL,
    unit_base      TEXT,
    growth_pct     REAL,
    comparator     TEXT NOT NULL CHECK (comparator IN ('>=', '~', '=', '>', 'qualitative')),
    cue            TEXT,
    quote          TEXT NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL
);
CREATE INDEX targets_report_id ON targets(report_id);
CREATE INDEX targets_section_id ON targets(section_id);
CREATE INDEX targets_code ON targets(indicator_code);
CREATE INDEX targets_target_year ON targets(target_year);

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id      INTEGER REFERENCES sections(id) ON DELETE SET NULL,
    name            TEXT NOT NULL,
    status          TEXT,
    investment      REAL,
    investment_unit TEXT,
    investment_yuan REAL,
    quote           TEXT NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL
);
CREATE INDEX projects_report_id ON projects(report_id);
CREATE INDEX projects_section_id ON projects(section_id);
