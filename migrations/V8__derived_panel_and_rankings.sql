-- v_indicator_panel, v_town_rankings and v_target_attainment read these tables, refreshed by gwr
-- when a load ends: at national scale (tens of thousands of reports) computing the panel's choice,
-- the rankings' windows and the attainment pairs on every query takes seconds, and BI tools query
-- them again and again. The rows are what the *_computed views (sql/) give; the columns are theirs,
-- in their order. They hold no facts of their own and carry no foreign keys: a
-- refresh rebuilds them from the fact tables.
CREATE TABLE indicator_panel (
    town_id            INTEGER,
    town               TEXT,
    county             TEXT,
    city               TEXT,
    province           TEXT,
    year               INTEGER,
    indicator_code     TEXT,
    indicator_name_zh  TEXT,
    indicator_name_en  TEXT,
    indicator_category TEXT,
    value              REAL,
    unit               TEXT,
    value_base         REAL,
    unit_base          TEXT,
    growth_pct         REAL,
    qualifier          TEXT,
    estimated          INTEGER,
    indicator_id       INTEGER,
    report_id          INTEGER,
    report_review_year INTEGER,
    quote              TEXT,
    candidate_count    INTEGER,
    distinct_values    INTEGER
);
CREATE INDEX indicator_panel_town ON indicator_panel(town_id, year);
CREATE INDEX indicator_panel_code_year ON indicator_panel(indicator_code, year);

CREATE TABLE town_rankings (
    town_id                  INTEGER,
    town                     TEXT,
    county                   TEXT,
    city                     TEXT,
    province                 TEXT,
    year                     INTEGER,
    indicator_code           TEXT,
    indicator_name_zh        TEXT,
    indicator_name_en        TEXT,
    value_base               REAL,
    unit_base                TEXT,
    growth_pct               REAL,
    growth_source            TEXT,
    value_rank_in_province   INTEGER,
    value_towns_in_province  INTEGER,
    value_rank_overall       INTEGER,
    value_towns_overall      INTEGER,
    growth_rank_in_province  INTEGER,
    growth_towns_in_province INTEGER,
    growth_rank_overall      INTEGER,
    growth_towns_overall     INTEGER,
    report_id                INTEGER,
    indicator_id             INTEGER
);
CREATE INDEX town_rankings_town ON town_rankings(town_id, year);
CREATE INDEX town_rankings_code_year ON town_rankings(indicator_code, year);

CREATE TABLE target_attainment (
    target_id           INTEGER,
    report_id           INTEGER,
    town_id             INTEGER,
    town                TEXT,
    county              TEXT,
    city                TEXT,
    province            TEXT,
    target_year         INTEGER,
    name                TEXT,
    indicator_code      TEXT,
    indicator_name_zh   TEXT,
    comparator          TEXT,
    target_value_base   REAL,
    target_unit_base    TEXT,
    target_growth_pct   REAL,
    target_quote        TEXT,
    next_report_id      INTEGER,
    level_indicator_id  INTEGER,
    actual_value_base   REAL,
    actual_level_quote  TEXT,
    growth_indicator_id INTEGER,
    actual_growth_pct   REAL,
    actual_growth_quote TEXT,
    level_status        TEXT,
    growth_status       TEXT,
    status              TEXT,
    unknown_reason      TEXT
);
CREATE INDEX target_attainment_town ON target_attainment(town_id, target_year);
CREATE INDEX target_attainment_code_year ON target_attainment(indicator_code, target_year);

-- Towns whose stored rows are out of date. Triggers mark a town in the same transaction that adds,
-- removes or moves one of its reports, or changes the town itself, so a load killed halfway leaves
-- the marks beside the reports it committed, and the next open refreshes them. (NOT EXISTS rather
-- than INSERT OR IGNORE: a trigger takes the conflict policy of the statement that fires it, and the
-- writer's upserts would turn an ignored duplicate into an error.)
CREATE TABLE stale_towns (
    town_id INTEGER PRIMARY KEY
);
CREATE TRIGGER reports_mark_town_inserted AFTER INSERT ON reports
BEGIN
    INSERT INTO stale_towns (town_id) SELECT NEW.town_id
        WHERE NEW.town_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stale_towns WHERE town_id = NEW.town_id);
END;
CREATE TRIGGER reports_mark_town_deleted AFTER DELETE ON reports
BEGIN
    INSERT INTO stale_towns (town_id) SELECT OLD.town_id
        WHERE OLD.town_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stale_towns WHERE town_id = OLD.town_id);
END;
CREATE TRIGGER reports_mark_town_updated AFTER UPDATE ON reports
BEGIN
    INSERT INTO stale_towns (town_id) SELECT OLD.town_id
        WHERE OLD.town_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stale_towns WHERE town_id = OLD.town_id);
    INSERT INTO stale_towns (town_id) SELECT NEW.town_id
        WHERE NEW.town_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stale_towns WHERE town_id = NEW.town_id);
END;
CREATE TRIGGER towns_mark_updated AFTER UPDATE ON towns
BEGIN
    INSERT INTO stale_towns (town_id) SELECT NEW.id
        WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stale_towns WHERE town_id = NEW.id);
END;

-- A warehouse loaded before this migration: every town is out of date.
INSERT INTO stale_towns (town_id) SELECT id FROM towns;
