CREATE VIEW v_target_attainment_computed AS
-- The computation behind v_target_attainment, which reads the table target_attainment: gwr refreshes
-- that table from this view when a load ends (for the towns the load touched).
-- Grain: one row per target with a target year: the target a report set for year Y beside the actual
-- for Y that the same town's next report gives.
-- The next report is the town's report reviewing year Y (review_year = Y), never a half-year report
-- (its figures cover part of the year); where a town has several, a government work report comes
-- before a work summary, either before another kind, any before news coverage (a secondary source),
-- a complete text before a cut-off one, then by text (content_sha256), so that any order of loading
-- pairs the same reports. source_kind is the kind of that next report. Its actual is a full-year figure for Y with the target's indicator code: for the
-- level, the first final (not 预计) figure with a value in the same base unit; for the growth, the
-- first final figure with a growth rate.
-- Rules, for the level and the growth separately:
--   comparator '>' needs actual > target; '>=', '~' and '=' need actual >= target (an "about" or
--   plain target counts as reached when it is equalled or exceeded); a negative growth target is a
--   reduction target and needs actual <= target.
-- status: 'missed' when a part that can be checked was missed; 'met' when at least one part could be
-- checked and none was missed; 'unknown' when no part could be checked (no number in the target, no
-- catalog code, no next report, or no matching actual), with unknown_reason saying which.
WITH
targets_with_year AS (
    SELECT g.*, r.town_id
    FROM targets AS g
    JOIN reports AS r ON r.id = g.report_id
    WHERE g.target_year IS NOT NULL
),
reviewing_reports AS (
    SELECT
        r.id AS report_id,
        r.town_id,
        r.review_year,
        ROW_NUMBER() OVER (
            PARTITION BY r.town_id, r.review_year
            ORDER BY CASE r.kind WHEN 'government_work_report' THEN 0 WHEN 'work_summary_and_plan' THEN 1
                    WHEN 'news_coverage' THEN 3 ELSE 2 END,
                r.complete DESC, r.content_sha256
        ) AS preference
    FROM reports AS r
    WHERE r.review_year IS NOT NULL AND r.kind IS NOT 'half_year_report'
),
next_reports AS (
    SELECT report_id, town_id, review_year FROM reviewing_reports WHERE preference = 1
),
full_year_facts AS (
    SELECT i.indicator_id AS id, i.report_id, i.indicator_code, i.period_year, i.value_base, i.unit_base,
        i.growth_pct, i.qualifier, i.char_start
    FROM v_indicators AS i
    -- v_indicators decides what a full year is (full_year implies a period_year).
    -- (+: the facts scanned, not read through indicators_code_year; see v_indicator_panel_computed.)
    WHERE i.full_year = 1 AND +i.indicator_code IS NOT NULL AND i.estimated = 0
),
level_actuals AS (
    SELECT
        f.id, f.report_id, f.indicator_code, f.period_year, f.value_base, f.unit_base,
        ROW_NUMBER() OVER (
            PARTITION BY f.report_id, f.indicator_code, f.period_year, f.unit_base
            ORDER BY CASE WHEN f.qualifier IS NULL THEN 0 ELSE 1 END, f.char_start
        ) AS preference
    FROM full_year_facts AS f
    WHERE f.value_base IS NOT NULL
),
growth_actuals AS (
    SELECT
        f.id, f.report_id, f.indicator_code, f.period_year, f.growth_pct,
        ROW_NUMBER() OVER (
            PARTITION BY f.report_id, f.indicator_code, f.period_year
            ORDER BY f.char_start
        ) AS preference
    FROM full_year_facts AS f
    WHERE f.growth_pct IS NOT NULL
),
paired AS (
    SELECT
        g.*,
        n.report_id AS next_report_id,
        la.id AS level_indicator_id,
        la.value_base AS actual_value_base,
        li.quote AS actual_level_quote,
        ga.id AS growth_indicator_id,
        ga.growth_pct AS actual_growth_pct,
        gi.quote AS actual_growth_quote
    FROM targets_with_year AS g
    LEFT JOIN next_reports AS n
        ON n.town_id = g.town_id AND n.review_year = g.target_year AND n.report_id <> g.report_id
    LEFT JOIN level_actuals AS la
        ON la.report_id = n.report_id AND la.indicator_code = g.indicator_code
        AND la.period_year = g.target_year AND la.unit_base = g.unit_base AND la.preference = 1
    LEFT JOIN growth_actuals AS ga
        ON ga.report_id = n.report_id AND ga.indicator_code = g.indicator_code
        AND ga.period_year = g.target_year AND ga.preference = 1
    -- The actuals are chosen on narrow rows; only the chosen ones fetch their quotes.
    LEFT JOIN indicators AS li ON li.id = la.id
    LEFT JOIN indicators AS gi ON gi.id = ga.id
),
judged AS (
    SELECT
        p.*,
        CASE
            WHEN p.comparator = 'qualitative' OR p.value_base IS NULL THEN NULL
            WHEN p.actual_value_base IS NULL THEN 'unknown'
            WHEN p.comparator = '>' THEN CASE WHEN p.actual_value_base > p.value_base THEN 'met' ELSE 'missed' END
            ELSE CASE WHEN p.actual_value_base >= p.value_base THEN 'met' ELSE 'missed' END
        END AS level_check,
        CASE
            WHEN p.comparator = 'qualitative' OR p.growth_pct IS NULL THEN NULL
            WHEN p.actual_growth_pct IS NULL THEN 'unknown'
            WHEN p.growth_pct < 0 THEN CASE WHEN p.actual_growth_pct <= p.growth_pct THEN 'met' ELSE 'missed' END
            WHEN p.comparator = '>' THEN CASE WHEN p.actual_growth_pct > p.growth_pct THEN 'met' ELSE 'missed' END
            ELSE CASE WHEN p.actual_growth_pct >= p.growth_pct THEN 'met' ELSE 'missed' END
        END AS growth_check
    FROM paired AS p
),
final AS (
    SELECT
        j.id AS target_id,
        j.report_id,
        j.town_id,
        t.name AS town,
        t.county,
        t.city,
        t.province,
        j.target_year,
        j.name,
        j.indicator_code,
        c.name_zh AS indicator_name_zh,
        j.comparator,
        j.value_base AS target_value_base,
        j.unit_base AS target_unit_base,
        j.growth_pct AS target_growth_pct,
        j.quote AS target_quote,
        CAST(j.next_report_id AS INTEGER) AS next_report_id,
        CAST(j.level_indicator_id AS INTEGER) AS level_indicator_id,
        CAST(j.actual_value_base AS REAL) AS actual_value_base,
        CAST(j.actual_level_quote AS TEXT) AS actual_level_quote,
        CAST(j.growth_indicator_id AS INTEGER) AS growth_indicator_id,
        CAST(j.actual_growth_pct AS REAL) AS actual_growth_pct,
        CAST(j.actual_growth_quote AS TEXT) AS actual_growth_quote,
        CAST(j.level_check AS TEXT) AS level_status,
        CAST(j.growth_check AS TEXT) AS growth_status,
        CAST(CASE
            WHEN j.level_check = 'missed' OR j.growth_check = 'missed' THEN 'missed'
            WHEN j.level_check = 'met' OR j.growth_check = 'met' THEN 'met'
            ELSE 'unknown'
        END AS TEXT) AS status,
        CAST(CASE
            WHEN j.level_check IN ('met', 'missed') OR j.growth_check IN ('met', 'missed') THEN NULL
            WHEN j.comparator = 'qualitative' OR (j.value_base IS NULL AND j.growth_pct IS NULL)
                THEN 'target_not_quantified'
            WHEN j.indicator_code IS NULL THEN 'indicator_not_in_catalog'
            WHEN j.next_report_id IS NULL THEN 'no_next_report'
            ELSE 'no_matching_actual'
        END AS TEXT) AS unknown_reason,
        nr.kind AS source_kind
    FROM judged AS j
    JOIN towns AS t ON t.id = j.town_id
    LEFT JOIN reports AS nr ON nr.id = j.next_report_id
    LEFT JOIN indicator_catalog AS c ON c.code = j.indicator_code
)
SELECT * FROM final;
