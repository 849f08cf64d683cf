CREATE VIEW v_reports AS
-- Grain: one row per report.
-- The report's metadata beside its town (name and, where resolved, county, city, province) and the
-- number of sections, indicators, targets and projects extracted from it. Counts are 0, never NULL.
-- Column types (every view): BI tools read a view column's declared type, but SQLite before 3.42
-- (Metabase's bundled 3.25, the stock 3.40 shell) declares one only for a column read straight from
-- a table, not for an expression, even a CAST. It does declare one for a scalar subquery, taken from
-- its last SELECT's column. So a computed column is written
--   (SELECT CAST(expr AS INTEGER) UNION ALL SELECT as_integer FROM view_column_types WHERE 0)
-- where view_column_types is an empty table with the typed columns as_integer, as_real and as_text:
-- the value is expr's (the first row), the declared type is as_integer's, in PRAGMA table_info and
-- in sqlite3_column_decltype of a query on the view alike; the second arm returns no row. A subquery per
-- column keeps the view a plain SELECT that queries on it can flatten (a UNION ALL around the whole
-- view would make count(*) compute every column of every row).
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
        (SELECT CAST(coalesce(sc.n, 0) AS INTEGER)
            UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS section_count,
        (SELECT CAST(coalesce(ic.n, 0) AS INTEGER)
            UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS indicator_count,
        (SELECT CAST(coalesce(tc.n, 0) AS INTEGER)
            UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS target_count,
        (SELECT CAST(coalesce(pc.n, 0) AS INTEGER)
            UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS project_count,
        r.load_run_id,
        -- The first day of the year reviewed, for a time axis.
        (SELECT CAST(CASE WHEN r.review_year IS NOT NULL
                THEN printf('%04d-01-01', r.review_year) END AS TEXT)
            UNION ALL SELECT as_text FROM view_column_types WHERE 0) AS review_year_start
    FROM reports AS r
    JOIN towns AS t ON t.id = r.town_id
    LEFT JOIN section_counts AS sc ON sc.report_id = r.id
    LEFT JOIN indicator_counts AS ic ON ic.report_id = r.id
    LEFT JOIN target_counts AS tc ON tc.report_id = r.id
    LEFT JOIN project_counts AS pc ON pc.report_id = r.id
)
SELECT * FROM final;
