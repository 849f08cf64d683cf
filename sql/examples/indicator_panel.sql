-- The panel: one cited full-year figure per town, year and indicator, for export to a statistics
-- package (sqlite3 -csv -header warehouse.db < sql/examples/indicator_panel.sql > panel.csv).
SELECT
    town,
    county,
    city,
    province,
    year,
    indicator_code,
    value_base,
    unit_base,
    growth_pct,
    candidate_count,
    distinct_values,
    report_id,
    quote
FROM v_indicator_panel
ORDER BY province, city, county, town, indicator_code, year;
