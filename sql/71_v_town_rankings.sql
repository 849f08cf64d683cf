CREATE VIEW v_town_rankings AS
-- Grain: one row per town x year x indicator_code x unit_base, from v_indicator_panel, ranked within
-- province and overall by level and by growth. The rows are stored in the table town_rankings,
-- computed by v_town_rankings_computed (where the ranking rules are written) and rebuilt by gwr when
-- a load that changed the panel ends.
SELECT * FROM town_rankings;
