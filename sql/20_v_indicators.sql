CREATE VIEW v_indicators AS
-- Grain: one row per indicator fact (a figure a report gives for a past period).
-- Joined to its town, its report's years and kind, the catalog's names for its code and the part of
-- the report it sits in. full_year is 1 when the figure covers a whole calendar year (no month range,
-- or January to December): only those enter v_indicator_panel.
WITH
facts AS (
    SELECT
        i.*,
        CASE
            WHEN i.period_year IS NULL THEN 0
            WHEN i.month_from IS NULL AND i.month_to IS NULL THEN 1
            WHEN i.month_from = 1 AND i.month_to = 12 THEN 1
            ELSE 0
        END AS is_full_year
    FROM indicators AS i
),
final AS (
    SELECT
        f.id AS indicator_id,
        f.report_id,
        f.section_id,
        r.town_id,
        t.name AS town,
        t.county,
        t.city,
        t.province,
        r.kind AS report_kind,
        r.review_year AS report_review_year,
        r.plan_year AS report_plan_year,
        s.part AS section_part,
        f.name,
        f.indicator_code,
        c.name_zh AS indicator_name_zh,
        c.name_en AS indicator_name_en,
        c.category AS indicator_category,
        f.period_year,
        f.month_from,
        f.month_to,
        CAST(f.is_full_year AS INTEGER) AS full_year,
        f.value,
        f.value_min,
        f.value_max,
        f.unit,
        f.value_base,
        f.unit_base,
        f.growth_pct,
        f.growth_multiple,
        f.change_pp,
        f.qualifier,
        f.estimated,
        f.quote,
        f.char_start,
        f.char_end,
        -- The first day of the period the figure covers, for the time axis of Grafana or Superset.
        CAST(CASE WHEN f.period_year IS NOT NULL
                THEN printf('%04d-%02d-01', f.period_year, coalesce(f.month_from, 1)) END AS TEXT) AS period_start
    FROM facts AS f
    JOIN reports AS r ON r.id = f.report_id
    JOIN towns AS t ON t.id = r.town_id
    LEFT JOIN sections AS s ON s.id = f.section_id
    LEFT JOIN indicator_catalog AS c ON c.code = f.indicator_code
)
SELECT * FROM final;
