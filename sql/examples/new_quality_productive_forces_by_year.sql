-- How often does 新质生产力 (new quality productive forces) appear, by the year the reports review?
-- reports: reports on that year; using_it: how many of them use the term at least once.
SELECT
    review_year,
    count(*) AS reports,
    sum(CASE WHEN occurrences > 0 THEN 1 ELSE 0 END) AS using_it,
    sum(occurrences) AS occurrences,
    round(avg(per_10k_chars), 2) AS mean_per_10k_chars
FROM v_term_frequency
WHERE term = '新质生产力'
GROUP BY review_year
ORDER BY review_year;
