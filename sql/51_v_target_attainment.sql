CREATE VIEW v_target_attainment AS
-- Grain: one row per target with a target year: the target a report set for year Y beside the actual
-- for Y that the same town's next report gives, judged met, missed or unknown. The rows are stored
-- in the table target_attainment, computed by v_target_attainment_computed (where the pairing and
-- judging rules are written) and refreshed by gwr when a load ends, for the towns whose reports it
-- added, replaced or removed.
SELECT * FROM target_attainment;
