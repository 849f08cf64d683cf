CREATE VIEW v_town_rankings AS
-- Grain: one row per town x year x indicator_code x unit_base, from v_indicator_panel, ranked within
-- province and overall by level and by growth. The rows are stored in the table town_rankings,
-- computed by v_town_rankings_computed (where the ranking rules are written) and rebuilt by gwr when
-- a load that changed the panel ends. A town's figures move every town's ranks: while any town is
-- marked in stale_towns (a load running, or one killed before its refresh), every ranking is
-- computed here on the fly instead, so a reader never gets a stale rank.
-- The stored columns, then the first day of the year (year_start) for the time axis of Grafana or
-- Superset.
-- (The second arm has LIMIT 0 when no town is stale: SQLite then skips the computation altogether.)
SELECT
    *,
    CAST(CASE WHEN year IS NOT NULL
            THEN printf('%04d-01-01', year) END AS TEXT) AS year_start
FROM (
    SELECT * FROM town_rankings WHERE NOT EXISTS (SELECT 1 FROM stale_towns)
    UNION ALL
    SELECT * FROM (
        SELECT * FROM v_town_rankings_computed
        LIMIT (SELECT CASE WHEN EXISTS (SELECT 1 FROM stale_towns) THEN -1 ELSE 0 END)
    )
);
