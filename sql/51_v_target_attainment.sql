CREATE VIEW v_target_attainment AS
-- Grain: one row per target with a target year: the target a report set for year Y beside the actual
-- for Y that the same town's next report gives, judged met, missed or unknown. The rows are stored
-- in the table target_attainment, computed by v_target_attainment_computed (where the pairing and
-- judging rules are written) and refreshed by gwr when a load ends, for the towns whose reports it
-- added, replaced or removed. Until then those towns are marked in stale_towns and their rows are
-- computed here on the fly: a reader never gets a stale or missing row.
-- The stored columns, then the first day of the year (target_year_start) for the time axis of Grafana or
-- Superset.
-- (The second arm has LIMIT 0 when no town is stale: SQLite then skips the computation altogether.)
SELECT
    *,
    CAST(CASE WHEN target_year IS NOT NULL
            THEN printf('%04d-01-01', target_year) END AS TEXT) AS target_year_start
FROM (
    SELECT * FROM target_attainment WHERE town_id NOT IN (SELECT town_id FROM stale_towns)
    UNION ALL
    SELECT * FROM (
        SELECT * FROM v_target_attainment_computed WHERE town_id IN (SELECT town_id FROM stale_towns)
        LIMIT (SELECT CASE WHEN EXISTS (SELECT 1 FROM stale_towns) THEN -1 ELSE 0 END)
    )
);
