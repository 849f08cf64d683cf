CREATE VIEW v_targets AS
-- Grain: one row per target (an expectation a report sets for its plan year).
-- Joined to its town, its report's years and the catalog's names for its code. value/unit are as
-- written, value_base/unit_base in base units; growth_pct is the targeted growth; comparator says how
-- the level or growth is bounded ('>=' at least, '~' about, '=' plain, '>' above, 'qualitative' none).
WITH
final AS (
    SELECT
        g.id AS target_id,
        g.report_id,
        g.section_id,
        r.town_id,
        t.name AS town,
        t.county,
        t.city,
        t.province,
        r.kind AS report_kind,
        r.review_year AS report_review_year,
        r.plan_year AS report_plan_year,
        g.name,
        g.indicator_code,
        c.name_zh AS indicator_name_zh,
        c.name_en AS indicator_name_en,
        c.category AS indicator_category,
        g.target_year,
        g.value,
        g.value_min,
        g.value_max,
        g.unit,
        g.value_base,
        g.unit_base,
        g.growth_pct,
        g.comparator,
        g.cue,
        g.quote,
        g.char_start,
        g.char_end,
        -- The first day of the target year, for a time axis.
        CAST(CASE WHEN g.target_year IS NOT NULL
                THEN printf('%04d-01-01', g.target_year) END AS TEXT) AS target_year_start
    FROM targets AS g
    JOIN reports AS r ON r.id = g.report_id
    JOIN towns AS t ON t.id = r.town_id
    LEFT JOIN indicator_catalog AS c ON c.code = g.indicator_code
)
SELECT * FROM final;
