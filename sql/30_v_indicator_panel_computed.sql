CREATE VIEW v_indicator_panel_computed AS
-- The computation behind v_indicator_panel, which reads the table indicator_panel: gwr refreshes that
-- table from this view when a load ends (for the towns the load touched), so queries read stored rows.
-- Grain: one row per town x year x indicator_code: the one full-year figure a researcher would cite.
-- Candidates are the full-year facts with a catalog code (v_indicators.full_year = 1); a half-year
-- report's figure is a candidate only when it says it covers January to December. When a town's
-- reports give the same indicator for the same year more than once, the figure cited is chosen by,
-- in order:
--   0. a primary document over news coverage (kind 'news_coverage', a secondary source);
--   1. the report nearest after the year: the report reviewing that year first, then the next
--      year's report restating it, and so on (a report's own review is the primary source);
--   2. a final figure over an estimate (预计);
--   3. a figure with a level (value) over one that gives only a growth rate;
--   4. a figure that also gives its growth rate;
--   5. an exact figure over a threshold or an approximation (超, 约, 突破, 以上...);
--   6. the report's text (content_sha256), then the first mention in it (the headline figure
--      usually comes first): ties are broken by content, so any order of loading cites one figure.
-- source_kind is the kind of the report the figure comes from.
-- candidate_count and distinct_values say how many facts competed and how many different levels
-- they gave: distinct_values > 1 flags a year the reports disagree on.
-- The choice is made on narrow rows (ids and the keys above) read from the tables, and only the
-- chosen facts are joined to their text, names and places: a panel over millions of facts then
-- sorts a few columns instead of every quote.
WITH
candidates AS (
    SELECT
        i.indicator_id,
        i.town_id,
        i.period_year,
        i.indicator_code,
        i.report_review_year,
        i.estimated,
        i.value_base,
        i.growth_pct,
        i.qualifier,
        i.report_id,
        i.char_start,
        i.report_kind AS kind,
        r.content_sha256
    FROM v_indicators AS i
    JOIN reports AS r ON r.id = i.report_id
    -- v_indicators decides what a full year is (full_year implies a period_year).
    WHERE i.full_year = 1
        -- (The unary + keeps SQLite scanning the facts rather than reading the coded ones through
        -- indicators_code_year, a lookup by id per row: at 40,000 reports twice as long.)
        AND +i.indicator_code IS NOT NULL
        -- A half-year report's figures cover part of a year unless they say January to December (a full
        -- year with a month range).
        AND (i.report_kind IS NOT 'half_year_report' OR i.month_from IS NOT NULL)
),
ranked AS (
    SELECT
        c.indicator_id,
        c.town_id,
        c.period_year,
        c.indicator_code,
        ROW_NUMBER() OVER (
            PARTITION BY c.town_id, c.period_year, c.indicator_code
            ORDER BY
                CASE WHEN c.kind = 'news_coverage' THEN 1 ELSE 0 END,
                CASE WHEN c.report_review_year >= c.period_year THEN 0 ELSE 1 END,
                abs(coalesce(c.report_review_year, 9999) - c.period_year),
                c.estimated,
                CASE WHEN c.value_base IS NULL THEN 1 ELSE 0 END,
                CASE WHEN c.growth_pct IS NULL THEN 1 ELSE 0 END,
                CASE WHEN c.qualifier IS NULL THEN 0 ELSE 1 END,
                c.content_sha256,
                c.char_start
        ) AS preference
    FROM candidates AS c
),
-- (The candidates are counted here rather than by a window beside the ranking's: one sort of them
-- fewer.)
spread AS (
    SELECT town_id, period_year, indicator_code, count(*) AS n_candidates, count(DISTINCT value_base) AS n_values
    FROM candidates
    GROUP BY town_id, period_year, indicator_code
),
final AS (
    SELECT
        r.town_id,
        t.name AS town,
        t.county,
        t.city,
        t.province,
        i.period_year AS year,
        i.indicator_code,
        c.name_zh AS indicator_name_zh,
        c.name_en AS indicator_name_en,
        c.category AS indicator_category,
        i.value,
        i.unit,
        i.value_base,
        i.unit_base,
        i.growth_pct,
        i.qualifier,
        i.estimated,
        i.id AS indicator_id,
        i.report_id,
        r.review_year AS report_review_year,
        i.quote,
        CAST(s.n_candidates AS INTEGER) AS candidate_count,
        CAST(s.n_values AS INTEGER) AS distinct_values,
        r.kind AS source_kind
    FROM ranked AS k
    JOIN spread AS s
        ON s.town_id = k.town_id AND s.period_year = k.period_year AND s.indicator_code = k.indicator_code
    JOIN indicators AS i ON i.id = k.indicator_id
    JOIN reports AS r ON r.id = i.report_id
    JOIN towns AS t ON t.id = r.town_id
    LEFT JOIN indicator_catalog AS c ON c.code = i.indicator_code
    WHERE k.preference = 1
)
SELECT * FROM final;
