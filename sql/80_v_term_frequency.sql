CREATE VIEW v_term_frequency AS
-- Grain: one row per report x policy term (every pair, zero counts included, so averages over
-- reports are right).
-- The terms are the list shipped in data/terms.toml (table policy_terms). occurrences counts the
-- non-overlapping occurrences of the term in the report's cleaned text (reports.body) read with
-- traditional characters folded to simplified ones, as str::matches counts them; per_10k_chars
-- divides it by the report's length in characters (reports.char_count) and multiplies by 10,000.
-- Terms are counted independently: text matching two listed terms counts for each. The counts
-- are made once, when a report is loaded (table report_terms, only the terms a report uses), and
-- made again for every report when the list changes; a pair without a row counts 0.
WITH
pairs AS (
    SELECT
        r.id AS report_id,
        r.town_id,
        r.review_year,
        r.plan_year,
        r.char_count,
        p.term,
        p.family,
        p.gloss,
        coalesce(c.occurrences, 0) AS n
    FROM reports AS r
    CROSS JOIN policy_terms AS p
    LEFT JOIN report_terms AS c ON c.report_id = r.id AND c.term = p.term
),
final AS (
    SELECT
        q.report_id,
        q.town_id,
        t.name AS town,
        t.county,
        t.city,
        t.province,
        q.review_year,
        q.plan_year,
        q.term,
        q.family,
        q.gloss,
        CAST(q.n AS INTEGER) AS occurrences,
        q.char_count,
        CAST(CASE WHEN q.char_count > 0 THEN q.n * 10000.0 / q.char_count END AS REAL) AS per_10k_chars,
        -- The first day of the year reviewed, for a time axis.
        CAST(CASE WHEN q.review_year IS NOT NULL
                THEN printf('%04d-01-01', q.review_year) END AS TEXT) AS review_year_start
    FROM pairs AS q
    JOIN towns AS t ON t.id = q.town_id
)
SELECT * FROM final;
