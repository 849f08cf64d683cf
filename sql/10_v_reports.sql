CREATE VIEW v_reports AS
-- Grain: one row per report.
-- The report's metadata beside its town (name and, where resolved, county, city, province) and the
-- number of sections, indicators, targets and projects extracted from it. Counts are 0, never NULL.
-- Column types (every view): a computed column is written CAST(expr AS INTEGER|REAL|TEXT) AS name.
-- BI tools read a view column's declared type, which SQLite before 3.42 (Metabase's bundled 3.25,
-- the stock 3.40 shell) gives only to a column read straight from a table or a scalar subquery:
-- gwr installs each such CAST in a typing form that declares the CAST's own type
-- (src/store/typing.rs says how).
WITH
section_counts AS (
    SELECT report_id, count(*) AS n FROM sections GROUP BY report_id
),
indicator_counts AS (
    SELECT report_id, count(*) AS n FROM indicators GROUP BY report_id
),
target_counts AS (
    SELECT report_id, count(*) AS n FROM targets GROUP BY report_id
),
project_counts AS (
    SELECT report_id, count(*) AS n FROM projects GROUP BY report_id
),
final AS (
    SELECT
        r.id AS report_id,
        r.town_id,
        t.name AS town,
        t.admin_code,
        t.county,
        t.city,
        t.province,
        t.resolution AS town_resolution,
        r.kind,
        r.title,
        r.review_year,
        r.plan_year,
        r.delivered_on,
        r.published_on,
        r.meeting,
        r.speaker,
        r.speaker_title,
        r.source_path,
        r.source_index,
        r.char_count,
        r.complete,
        CAST(coalesce(sc.n, 0) AS INTEGER) AS section_count,
        CAST(coalesce(ic.n, 0) AS INTEGER) AS indicator_count,
        CAST(coalesce(tc.n, 0) AS INTEGER) AS target_count,
        CAST(coalesce(pc.n, 0) AS INTEGER) AS project_count,
        r.load_run_id,
        -- The first day of the year reviewed, for a time axis.
        CAST(CASE WHEN r.review_year IS NOT NULL
                THEN printf('%04d-01-01', r.review_year) END AS TEXT) AS review_year_start
    FROM reports AS r
    JOIN towns AS t ON t.id = r.town_id
    LEFT JOIN section_counts AS sc ON sc.report_id = r.id
    LEFT JOIN indicator_counts AS ic ON ic.report_id = r.id
    LEFT JOIN target_counts AS tc ON tc.report_id = r.id
    LEFT JOIN project_counts AS pc ON pc.report_id = r.id
)
SELECT * FROM final;
