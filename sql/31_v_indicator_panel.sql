CREATE VIEW v_indicator_panel AS
-- Grain: one row per town x year x indicator_code: the one full-year figure a researcher would cite.
-- The rows are stored in the table indicator_panel, computed by v_indicator_panel_computed (where the
-- rule for choosing among several figures is written) and refreshed by gwr when a load ends, for
-- the towns whose reports it added, replaced or removed.
-- The stored columns, then the first day of the year (year_start) for the time axis of Grafana or
-- Superset.
SELECT
    *,
    (SELECT CAST(CASE WHEN year IS NOT NULL
            THEN printf('%04d-01-01', year) END AS TEXT)
        UNION ALL SELECT as_text FROM view_column_types WHERE 0) AS year_start
FROM indicator_panel;
