-- Which policy lines do the reports speak of most, by the year they review? Occurrences of every
-- term of a family (data/terms.toml) per 10,000 characters, averaged over the year's reports.
SELECT
    review_year,
    family,
    count(DISTINCT report_id) AS reports,
    sum(occurrences) AS occurrences,
    round(sum(per_10k_chars) / count(DISTINCT report_id), 2) AS per_10k_chars
FROM v_term_frequency
GROUP BY review_year, family
ORDER BY review_year, per_10k_chars DESC;
