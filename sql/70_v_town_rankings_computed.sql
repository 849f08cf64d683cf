CREATE VIEW v_town_rankings_computed AS
-- The computation behind v_town_rankings, which reads the table town_rankings: gwr rebuilds that table
-- from this view when a load that changed the panel ends, so queries read stored rows.
-- Grain: one row per town x year x indicator_code x unit_base, from v_indicator_panel.
-- Towns are ranked among the towns with the same indicator, year and base unit (figures in different
-- units are never ranked together): within their province and overall, by level (value_base,
-- largest first) and by growth (largest first). Rank 1 is the top; ties share a rank (RANK()).
-- growth_pct is the growth the report gives; where it gives none and the panel holds the same town's
-- level for the year before, it is computed from the two levels (growth_source says which).
-- source_kind is the kind of the report the panel's figure comes from.
-- A rank is NULL where its measure is NULL, and the in-province ranks are NULL for towns whose
-- province is unknown.
-- (Each window sorts its rows: they are the panel's keys, measures, ids and source kind only, and the
-- names are joined to the ranked rows as the panel joined them: the town's from towns, the
-- indicator's from the catalog.)
WITH
panel AS (
    SELECT
        p.town_id, p.province, p.year, p.indicator_code, p.unit_base, p.value_base, p.growth_pct, p.report_id,
        p.indicator_id, p.source_kind,
        LAG(p.year) OVER (PARTITION BY p.town_id, p.indicator_code, p.unit_base ORDER BY p.year) AS prev_year,
        LAG(p.value_base) OVER (PARTITION BY p.town_id, p.indicator_code, p.unit_base ORDER BY p.year) AS prev_value
    FROM v_indicator_panel AS p
),
with_growth AS (
    SELECT
        p.*,
        CASE
            WHEN p.growth_pct IS NOT NULL THEN p.growth_pct
            WHEN p.prev_year = p.year - 1 AND p.prev_value > 0 AND p.value_base IS NOT NULL
                THEN (p.value_base / p.prev_value - 1.0) * 100.0
        END AS growth,
        CASE
            WHEN p.growth_pct IS NOT NULL THEN 'reported'
            WHEN p.prev_year = p.year - 1 AND p.prev_value > 0 AND p.value_base IS NOT NULL THEN 'computed'
        END AS growth_source
    FROM panel AS p
),
ranked AS (
    SELECT
        g.*,
        RANK() OVER (PARTITION BY g.indicator_code, g.year, g.unit_base, g.province ORDER BY g.value_base DESC)
            AS value_rank_province_raw,
        RANK() OVER (PARTITION BY g.indicator_code, g.year, g.unit_base ORDER BY g.value_base DESC)
            AS value_rank_overall_raw,
        RANK() OVER (PARTITION BY g.indicator_code, g.year, g.unit_base, g.province ORDER BY g.growth DESC)
            AS growth_rank_province_raw,
        RANK() OVER (PARTITION BY g.indicator_code, g.year, g.unit_base ORDER BY g.growth DESC)
            AS growth_rank_overall_raw,
        count(g.value_base) OVER (PARTITION BY g.indicator_code, g.year, g.unit_base, g.province)
            AS value_towns_province,
        count(g.value_base) OVER (PARTITION BY g.indicator_code, g.year, g.unit_base) AS value_towns_overall,
        count(g.growth) OVER (PARTITION BY g.indicator_code, g.year, g.unit_base, g.province)
            AS growth_towns_province,
        count(g.growth) OVER (PARTITION BY g.indicator_code, g.year, g.unit_base) AS growth_towns_overall
    FROM with_growth AS g
),
final AS (
    SELECT
        r.town_id,
        t.name AS town,
        t.county,
        t.city,
        r.province,
        r.year,
        r.indicator_code,
        c.name_zh AS indicator_name_zh,
        c.name_en AS indicator_name_en,
        r.value_base,
        r.unit_base,
        CAST(r.growth AS REAL) AS growth_pct,
        CAST(r.growth_source AS TEXT) AS growth_source,
        CAST(CASE WHEN r.value_base IS NULL OR r.province IS NULL THEN NULL
                ELSE r.value_rank_province_raw END AS INTEGER) AS value_rank_in_province,
        CAST(CASE WHEN r.province IS NULL THEN NULL ELSE r.value_towns_province END AS INTEGER) AS value_towns_in_province,
        CAST(CASE WHEN r.value_base IS NULL THEN NULL ELSE r.value_rank_overall_raw END AS INTEGER) AS value_rank_overall,
        CAST(r.value_towns_overall AS INTEGER) AS value_towns_overall,
        CAST(CASE WHEN r.growth IS NULL OR r.province IS NULL THEN NULL
                ELSE r.growth_rank_province_raw END AS INTEGER) AS growth_rank_in_province,
        CAST(CASE WHEN r.province IS NULL THEN NULL ELSE r.growth_towns_province END AS INTEGER) AS growth_towns_in_province,
        CAST(CASE WHEN r.growth IS NULL THEN NULL ELSE r.growth_rank_overall_raw END AS INTEGER) AS growth_rank_overall,
        CAST(r.growth_towns_overall AS INTEGER) AS growth_towns_overall,
        r.report_id,
        r.indicator_id,
        r.source_kind
    FROM ranked AS r
    JOIN towns AS t ON t.id = r.town_id
    LEFT JOIN indicator_catalog AS c ON c.code = r.indicator_code
)
SELECT * FROM final;
