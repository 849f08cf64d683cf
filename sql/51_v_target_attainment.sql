CREATE VIEW v_target_attainment AS
-- Grain: one row per target with a target year: the target a report set for year Y beside the actual
-- for Y that the same town's next report gives, judged met, missed or unknown. The rows are stored
-- in the table target_attainment, computed by v_target_attainment_computed (where the pairing and
-- judging rules are written) and refreshed by gwr when a load ends, for the towns whose reports it
-- added, replaced or removed.
-- The stored columns, then the first day of the year (target_year_start) for the time axis of Grafana or
-- Superset.
SELECT
    *,
    (SELECT CAST(CASE WHEN target_year IS NOT NULL
            THEN printf('%04d-01-01', target_year) END AS TEXT)
        UNION ALL SELECT as_text FROM view_column_types WHERE 0) AS target_year_start
FROM target_attainment;
