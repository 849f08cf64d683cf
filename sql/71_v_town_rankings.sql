CREATE VIEW v_town_rankings AS
-- Grain: one row per town x year x indicator_code x unit_base, from v_indicator_panel, ranked within
-- province and overall by level and by growth. The rows are stored in the table town_rankings,
-- computed by v_town_rankings_computed (where the ranking rules are written) and rebuilt by gwr when
-- a load that changed the panel ends.
-- The stored columns, then the first day of the year (year_start) for the time axis of Grafana or
-- Superset.
SELECT
    *,
    (SELECT CAST(CASE WHEN year IS NOT NULL
            THEN printf('%04d-01-01', year) END AS TEXT)
        UNION ALL SELECT as_text FROM view_column_types WHERE 0) AS year_start
FROM town_rankings;
