//! The ISO date columns BI tools use as a time axis: the first day of the year (or of the first
//! month) each view's year column gives, a valid date, NULL exactly where the year is.

use crate::util::{scalar, WorkDir};

#[test]
fn each_date_column_is_the_first_day_of_its_year_or_period() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let conn = wd.db("warehouse.db");
    for (view, year, date) in [
        ("v_indicator_panel", "year", "year_start"),
        ("v_town_rankings", "year", "year_start"),
        ("v_targets", "target_year", "target_year_start"),
        ("v_target_attainment", "target_year", "target_year_start"),
        ("v_reports", "review_year", "review_year_start"),
        ("v_term_frequency", "review_year", "review_year_start"),
    ] {
        let rows: i64 = scalar(&conn, &format!("SELECT count(*) FROM {view} WHERE {year} IS NOT NULL"));
        assert!(rows > 0, "{view} has no row with a year to check");
        let wrong: i64 = scalar(
            &conn,
            &format!(
                "SELECT count(*) FROM {view}
                 WHERE ({year} IS NULL) <> ({date} IS NULL)
                    OR date({date}) IS NOT {date}
                    OR CAST(strftime('%Y', {date}) AS INTEGER) <> {year}
                    OR strftime('%m-%d', {date}) <> '01-01'"
            ),
        );
        assert_eq!(wrong, 0, "{view}.{date} is not the first day of {year}");
    }
    // Indicators: the first day of the period's first month, so a half-year figure starts in July.
    let wrong: i64 = scalar(
        &conn,
        "SELECT count(*) FROM v_indicators
         WHERE (period_year IS NULL) <> (period_start IS NULL)
            OR date(period_start) IS NOT period_start
            OR CAST(strftime('%Y', period_start) AS INTEGER) <> period_year
            OR CAST(strftime('%m', period_start) AS INTEGER) <> coalesce(month_from, 1)
            OR strftime('%d', period_start) <> '01'",
    );
    assert_eq!(wrong, 0);
    let months: i64 = scalar(&conn, "SELECT count(*) FROM v_indicators WHERE month_from > 1");
    let later: i64 = scalar(&conn, "SELECT count(*) FROM v_indicators WHERE substr(period_start, 6, 2) <> '01'");
    assert_eq!(later, months, "a figure from a later month starts in that month");
}
