//! The views' values against their declared types, and the stored panel, attainment and rankings
//! against their grain and their computing views, on the loaded sample corpus.

use crate::util::{column, scalar, WorkDir};
use rusqlite::Connection;

fn loaded() -> WorkDir {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    wd
}

/// The `typeof` values a column of each declared type may hold: a REAL column holds integers as
/// SQLite stores them when a value has no fractional part.
fn allowed(declared: &str) -> &'static [&'static str] {
    match declared {
        "INTEGER" => &["integer", "null"],
        "REAL" => &["real", "integer", "null"],
        "TEXT" => &["text", "null"],
        _ => &[],
    }
}

/// The columns of `view` holding a value of another type than the one declared, with the
/// offending types.
fn mismatched_columns(conn: &Connection, view: &str) -> Vec<String> {
    let mut stmt = conn.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid").unwrap();
    let columns: Vec<(String, String)> =
        stmt.query_map([view], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
    assert!(!columns.is_empty(), "{view} has no columns");
    let mut wrong = Vec::new();
    for (name, declared) in columns {
        let types: Vec<String> = column(conn, &format!("SELECT DISTINCT typeof(\"{name}\") FROM {view} ORDER BY 1"));
        let bad: Vec<&String> = types.iter().filter(|t| !allowed(&declared).contains(&t.as_str())).collect();
        if !bad.is_empty() {
            wrong.push(format!("{view}.{name} declared {declared:?} holds {bad:?}"));
        }
    }
    wrong
}

#[test]
fn every_view_column_holds_values_of_its_declared_type() {
    let wd = loaded();
    let conn = wd.db("warehouse.db");
    let views: Vec<String> = column(&conn, "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name");
    assert!(views.len() >= 11, "{views:?}");
    let mut wrong = Vec::new();
    for view in &views {
        assert!(scalar::<i64>(&conn, &format!("SELECT count(*) FROM {view}")) > 0, "{view} is empty: nothing to check");
        wrong.extend(mismatched_columns(&conn, view));
    }
    assert!(wrong.is_empty(), "view columns whose values disagree with their declared type: {wrong:#?}");

    // The check sees a column declared INTEGER that holds 2.5 (a typing arm not matching its value).
    conn.execute_batch(
        "CREATE TEMP VIEW v_mismatched AS
         SELECT (SELECT 2.5 UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS share",
    )
    .unwrap();
    assert_eq!(mismatched_columns(&conn, "v_mismatched"), ["v_mismatched.share declared \"INTEGER\" holds [\"real\"]"]);
}

#[test]
fn the_stored_panel_and_rankings_are_unique_on_their_grain() {
    let wd = loaded();
    let conn = wd.db("warehouse.db");
    for table in ["indicator_panel", "town_rankings", "v_indicator_panel", "v_town_rankings"] {
        let rows: i64 = scalar(&conn, &format!("SELECT count(*) FROM {table}"));
        assert!(rows > 0, "{table} is empty");
        let duplicates: i64 = scalar(
            &conn,
            &format!(
                "SELECT count(*) FROM (SELECT town_id, year, indicator_code FROM {table}
                 GROUP BY town_id, year, indicator_code HAVING count(*) > 1)"
            ),
        );
        assert_eq!(duplicates, 0, "{table}: town x year x indicator_code given more than once");
        let keyless: i64 = scalar(
            &conn,
            &format!("SELECT count(*) FROM {table} WHERE town_id IS NULL OR year IS NULL OR indicator_code IS NULL"),
        );
        assert_eq!(keyless, 0, "{table}: rows without their grain");
    }
    let duplicates: i64 = scalar(
        &conn,
        "SELECT count(*) FROM (SELECT target_id FROM target_attainment GROUP BY target_id HAVING count(*) > 1)",
    );
    assert_eq!(duplicates, 0, "target_attainment: a target given more than once");
}

/// The stored views (v_indicator_panel...) put the stored rows and the rows computed for stale
/// towns under one another by position: each stored table has its computing view's columns, by
/// name and in order.
#[test]
fn each_stored_table_has_the_columns_of_its_computing_view_in_order() {
    let wd = loaded();
    let conn = wd.db("warehouse.db");
    let names = |object: &str| -> Vec<String> {
        column(&conn, &format!("SELECT name FROM pragma_table_info('{object}') ORDER BY cid"))
    };
    for (table, view) in [
        ("indicator_panel", "v_indicator_panel_computed"),
        ("target_attainment", "v_target_attainment_computed"),
        ("town_rankings", "v_town_rankings_computed"),
    ] {
        assert_eq!(names(table), names(view), "{table} and {view}");
    }
}

/// The typing form is produced from the CASTs (src/store/typing.rs): a view file that wrote it by
/// hand could declare another type than its CAST.
#[test]
fn no_view_file_writes_the_typing_form_by_hand() {
    let mut written = Vec::new();
    for entry in std::fs::read_dir(crate::util::root().join("sql")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "sql") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code: String = text.lines().map(|l| l.split("--").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
        if code.contains("view_column_types") {
            written.push(path.display().to_string());
        }
    }
    assert!(written.is_empty(), "write CAST(expr AS T) AS name instead: {written:?}");
}
