-- The tables behind the canned views: the data dictionary (what every public table, view and
-- column means, in the database itself), the policy-term list v_term_frequency counts, and the
-- indexes the views join and filter on that V1 did not have.

CREATE TABLE data_dictionary (
    id          INTEGER PRIMARY KEY,
    -- The table or view described.
    object      TEXT NOT NULL,
    object_type TEXT NOT NULL CHECK (object_type IN ('table', 'view')),
    -- NULL for the row describing the object itself.
    column_name TEXT,
    data_type   TEXT,
    unit        TEXT,
    description TEXT NOT NULL
);
CREATE UNIQUE INDEX data_dictionary_object_column ON data_dictionary(object, coalesce(column_name, ''));

CREATE TABLE policy_terms (
    id     INTEGER PRIMARY KEY,
    term   TEXT NOT NULL UNIQUE,
    family TEXT NOT NULL,
    -- The term in English, for readers of the data who do not read Chinese.
    gloss  TEXT NOT NULL
);
CREATE INDEX policy_terms_family ON policy_terms(family);

-- v_indicator_panel and v_target_attainment match facts on (code, year); the rankings partition
-- towns by province; attainment walks a town's reports by year.
CREATE INDEX indicators_code_year ON indicators(indicator_code, period_year);
CREATE INDEX targets_code_year ON targets(indicator_code, target_year);
CREATE INDEX reports_town_review_year ON reports(town_id, review_year);
CREATE INDEX sections_report_span ON sections(report_id, char_start);
