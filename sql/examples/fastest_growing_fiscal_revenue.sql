-- The ten fastest-growing towns by fiscal revenue (一般公共预算收入) in the latest year the
-- warehouse holds growth figures for; growth as reported, or computed from two consecutive years.
-- For another year, replace the subquery by the year.
SELECT
    town,
    province,
    year,
    round(growth_pct, 1) AS growth_pct,
    growth_source,
    round(value_base / 1e4, 0) AS revenue_wan_yuan,
    growth_rank_overall AS growth_rank,
    growth_towns_overall AS towns_ranked
FROM v_town_rankings
WHERE indicator_code = 'general_budget_revenue'
    AND growth_pct IS NOT NULL
    AND year = (
        SELECT max(year) FROM v_town_rankings
        WHERE indicator_code = 'general_budget_revenue' AND growth_pct IS NOT NULL
    )
ORDER BY growth_rank_overall, town
LIMIT 10;
