-- The gazetteer (data/gazetteer/divisions.tsv): every province, city, county and township with its
-- national division code, so that towns.admin_code can be joined to its county, city and province
-- and to other data keyed by the same codes. Filled by the loader, not by this migration.

CREATE TABLE divisions (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    parent_code TEXT REFERENCES divisions(code),
    level       TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
    name        TEXT NOT NULL
);
CREATE INDEX divisions_parent_code ON divisions(parent_code);
CREATE INDEX divisions_name ON divisions(name);

-- Which gazetteer file the divisions table holds: the loader refills it only when this changes.
CREATE TABLE divisions_source (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    source    TEXT NOT NULL,
    bytes     INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    loaded_at TEXT NOT NULL
);
