CREATE VIEW v_indicator_panel AS
-- Grain: one row per town x year x indicator_code: the one full-year figure a researcher would cite.
-- The rows are stored in the table indicator_panel, computed by v_indicator_panel_computed (where the
-- rule for choosing among several figures is written) and refreshed by gwr when a load ends, for
-- the towns whose reports it added, replaced or removed.
SELECT * FROM indicator_panel;
