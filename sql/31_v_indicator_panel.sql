CREATE VIEW v_indicator_panel AS
-- Grain: one row per town x year x indicator_code: the one full-year figure a researcher would cite.
-- The rows are stored in the table indicator_panel, computed by v_indicator_panel_computed (where the
-- rule for choosing among several figures is written) and refreshed by gwr when a load ends, for
-- the towns whose reports it added, replaced or removed. Until then (a load running, or one killed
-- before its refresh) those towns are marked in stale_towns and their rows are computed here on the
-- fly: a reader never gets a stale or missing row, only a slower one.
-- The stored columns, then the first day of the year (year_start) for the time axis of Grafana or
-- Superset.
-- (The second arm has LIMIT 0 when no town is stale: SQLite then skips the computation altogether.)
SELECT
    *,
    CAST(CASE WHEN year IS NOT NULL
            THEN printf('%04d-01-01', year) END AS TEXT) AS year_start
FROM (
    SELECT * FROM indicator_panel WHERE town_id NOT IN (SELECT town_id FROM stale_towns)
    UNION ALL
    SELECT * FROM (
        SELECT * FROM v_indicator_panel_computed WHERE town_id IN (SELECT town_id FROM stale_towns)
        LIMIT (SELECT CASE WHEN EXISTS (SELECT 1 FROM stale_towns) THEN -1 ELSE 0 END)
    )
);
