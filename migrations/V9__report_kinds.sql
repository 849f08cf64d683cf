-- Six report kinds instead of three: half-year reports, plans alone and news items about a report
-- or a session load as what they are (the contract's "Report kinds").
-- SQLite cannot change a CHECK in place: the column is added anew with the wider CHECK, filled,
-- and put in the old one's place. The canned views read reports.kind; they are dropped here and
-- installed again from sql/ when the warehouse is opened.
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

ALTER TABLE reports ADD COLUMN kind_v9 TEXT NOT NULL DEFAULT 'other'
    CHECK (kind_v9 IN ('government_work_report', 'work_summary_and_plan', 'half_year_report', 'work_plan',
                       'news_coverage', 'other'));
-- Filling the new column touches every report but changes none of their figures: the towns that
-- were stale before stay so, no other.
CREATE TEMP TABLE stale_before_v9 AS SELECT town_id FROM stale_towns;
UPDATE reports SET kind_v9 = kind;
DELETE FROM stale_towns WHERE town_id NOT IN (SELECT town_id FROM stale_before_v9);
DROP TABLE stale_before_v9;
ALTER TABLE reports DROP COLUMN kind;
ALTER TABLE reports RENAME COLUMN kind_v9 TO kind;
