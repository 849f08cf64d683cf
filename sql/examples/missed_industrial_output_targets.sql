-- Which towns missed their industrial output target?
-- A target for year Y set in one report, beside the actual for Y from the same town's next report
-- (v_target_attainment); amounts in 亿元. level_status / growth_status say which part was missed.
SELECT
    town,
    province,
    target_year,
    name AS target,
    comparator,
    round(target_value_base / 1e8, 2) AS target_yi_yuan,
    round(actual_value_base / 1e8, 2) AS actual_yi_yuan,
    target_growth_pct,
    actual_growth_pct,
    level_status,
    growth_status
FROM v_target_attainment
WHERE indicator_code IN ('industrial_output_above_scale', 'industrial_output')
    AND status = 'missed'
ORDER BY province, town, target_year;
