CREATE VIEW v_indicator_panel AS
-- Grain: one row per town x year x indicator_code: the one full-year figure a researcher would cite.
-- Candidates are the full-year facts with a catalog code (v_indicators.full_year = 1). When a town's
-- reports give the same indicator for the same year more than once, the figure cited is chosen by,
-- in order:
--   1. the report nearest after the year: the report reviewing that year first, then the next
--      year's report restating it, and so on (a report's own review is the primary source);
--   2. a final figure over an estimate (预计);
--   3. a figure with a level (value) over one that gives only a growth rate;
--   4. a figure that also gives its growth rate;
--   5. an exact figure over a threshold or an approximation (超, 约, 突破, 以上...);
--   6. the first mention in the report (the headline figure usually comes first).
-- candidate_count and distinct_values say how many facts competed and how many different levels
-- they gave: distinct_values > 1 flags a year the reports disagree on.
WITH
candidates AS (
    SELECT *
    FROM v_indicators
    WHERE indicator_code IS NOT NULL AND full_year = 1
),
ranked AS (
    SELECT
        c.*,
        ROW_NUMBER() OVER (
            PARTITION BY c.town_id, c.period_year, c.indicator_code
            ORDER BY
                CASE WHEN c.report_review_year >= c.period_year THEN 0 ELSE 1 END,
                abs(coalesce(c.report_review_year, 9999) - c.period_year),
                c.estimated,
                CASE WHEN c.value_base IS NULL THEN 1 ELSE 0 END,
                CASE WHEN c.growth_pct IS NULL THEN 1 ELSE 0 END,
                CASE WHEN c.qualifier IS NULL THEN 0 ELSE 1 END,
                c.report_id,
                c.char_start
        ) AS preference,
        count(*) OVER (PARTITION BY c.town_id, c.period_year, c.indicator_code) AS n_candidates
    FROM candidates AS c
),
spread AS (
    SELECT town_id, period_year, indicator_code, count(DISTINCT value_base) AS n_values
    FROM candidates
    GROUP BY town_id, period_year, indicator_code
),
final AS (
    SELECT
        r.town_id,
        r.town,
        r.county,
        r.city,
        r.province,
        r.period_year AS year,
        r.indicator_code,
        r.indicator_name_zh,
        r.indicator_name_en,
        r.indicator_category,
        r.value,
        r.unit,
        r.value_base,
        r.unit_base,
        r.growth_pct,
        r.qualifier,
        r.estimated,
        r.indicator_id,
        r.report_id,
        r.report_review_year,
        r.quote,
        (SELECT CAST(r.n_candidates AS INTEGER)
            UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS candidate_count,
        (SELECT CAST(s.n_values AS INTEGER)
            UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS distinct_values
    FROM ranked AS r
    JOIN spread AS s
        ON s.town_id = r.town_id AND s.period_year = r.period_year AND s.indicator_code = r.indicator_code
    WHERE r.preference = 1
)
SELECT * FROM final;
