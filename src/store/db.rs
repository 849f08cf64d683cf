//! Opening the warehouse: refusing what is not one, pragmas, migrations and views; then the data
//! gwr ships is brought up to date ([`super::shipped::sync`]).

use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// The page size of a new warehouse, in bytes.
const PAGE_SIZE: i64 = 8192;

/// How long a writer or reader waits for a lock before giving up.
pub(super) const BUSY_TIMEOUT_MS: u32 = 10_000;

/// Opens (creating if needed) the warehouse at `path`, migrated to the latest schema, with the
/// canned views installed and the data gwr ships (catalog, gazetteer, term list, stored panel,
/// dictionary) up to date.
///
/// A file that is not a gwr warehouse (another SQLite database, any other file) or one written by a
/// newer gwr is refused untouched.
pub fn open(path: &Path) -> Result<Connection> {
    let conn = open_unsynced(path)?;
    super::shipped::sync(&conn)?;
    Ok(conn)
}

/// Runs `fill`, which writes rows into `table`. When the table is empty before it (a first load, a
/// refresh of every town, the rankings each time, a new warehouse's gazetteer), its indexes are
/// dropped first and built again after from their own definitions, in the caller's transaction:
/// building an index sorts its rows once, where keeping it up seeks its place for every row (the
/// attainment rows of 40,000 reports: 2.1 s against 2.9 s). A table that keeps rows keeps its
/// indexes; so does a constraint's index (UNIQUE), which has no definition of its own.
pub(super) fn filled_indexing_after(tx: &Connection, table: &str, fill: impl FnOnce() -> Result<()>) -> Result<()> {
    let empty: bool = tx.query_row(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get(0))?;
    let indexes: Vec<(String, String)> = if empty {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
        )?;
        let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    } else {
        Vec::new()
    };
    for (name, _) in &indexes {
        tx.execute(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")), [])?;
    }
    fill()?;
    for (_, sql) in &indexes {
        tx.execute(sql, [])?;
    }
    Ok(())
}

/// Opens (creating if needed) the warehouse at `path` and brings its schema to the latest: the
/// migrations, then the canned views; [`open`] without bringing the shipped data up to date. The
/// caller runs [`super::shipped::sync`] on the connection before it writes to it or reads the
/// shipped tables; until then it may read what a load has stored (its files, reports and facts).
/// `gwr load` so lets its planners start while the shipped data is written (a new warehouse's
/// gazetteer, a quarter of a second).
pub fn open_unsynced(path: &Path) -> Result<Connection> {
    check_folder(path)?;
    let mut conn = Connection::open(path)?;
    // First: every later statement, the journal mode's included, waits for a lock rather than failing.
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    check_warehouse(&conn, path)?;
    configure(&conn)?;
    // All pending migrations and their rows in the schema history in one transaction: a load killed
    // while the schema is being built leaves the old schema or the new one, never a table created
    // without the history row that says so (which the next open would try to create again).
    // Foreign keys are off while they run: a migration that rebuilds a table (V13) drops the old
    // one, and with them on SQLite would first delete its rows and every fact pointing at them.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    embedded::migrations::runner().set_grouped(true).run(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    super::views::install(&conn)?;
    Ok(conn)
}

/// Refuses a warehouse path whose folder does not exist (SQLite would say only that it cannot open
/// the file).
pub fn check_folder(path: &Path) -> Result<()> {
    let folder = path.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::NoFolder { path: path.to_path_buf(), folder: folder.to_path_buf() });
    }
    Ok(())
}

/// Opens an existing warehouse read-only, without migrating it. A warehouse on a read-only file
/// or in a read-only folder is read as it stands (no other process can be writing to it).
pub fn open_existing(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(Error::MissingDb(path.to_path_buf()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    match check_warehouse(&conn, path) {
        Err(Error::Db(e)) if matches!(e.sqlite_error_code(), Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)) => {
            let conn = Connection::open_with_flags(
                immutable_uri(path),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )?;
            check_warehouse(&conn, path)?;
            Ok(conn)
        }
        Err(e) => Err(e),
        Ok(()) => Ok(conn),
    }
}

/// A `file:` URI that opens a database as immutable: no locks, no WAL index to create.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            _ => uri.push(c),
        }
    }
    uri + "?immutable=1"
}

/// Refuses a file that is not a gwr warehouse or is one of a newer schema. An empty file (or a new
/// one) is a warehouse to be.
fn check_warehouse(conn: &Connection, path: &Path) -> Result<()> {
    let tables: Vec<String> = match conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
    {
        Ok(t) => t,
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
            return Err(Error::NotADatabase(path.to_path_buf()))
        }
        Err(e) => return Err(e.into()),
    };
    if tables.is_empty() {
        return Ok(());
    }
    if !tables.iter().any(|t| t == "refinery_schema_history") {
        let mut listed = tables.iter().take(5).map(|t| format!("table {t}")).collect::<Vec<_>>().join(", ");
        if tables.len() > 5 {
            listed.push_str(&format!(" and {} more", tables.len() - 5));
        }
        return Err(Error::NotAWarehouse { path: path.to_path_buf(), tables: listed });
    }
    let found = schema_version(conn)?;
    let known = latest_known();
    if found > known {
        return Err(Error::NewerSchema { path: path.to_path_buf(), found, known });
    }
    Ok(())
}

/// The latest schema version this gwr ships.
pub fn latest_known() -> i64 {
    embedded::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

fn configure(conn: &Connection) -> Result<()> {
    // Only a database with no table yet takes a page size (and WAL keeps it for good): new
    // warehouses get pages large enough that a report's body spans few overflow pages and the
    // fact tables' trees stay shallow; existing ones keep theirs.
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // WAL lets readers (a BI tool, the shell) go on while a load writes.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Checkpoints the WAL every `bytes` of it (SQLite counts the interval in pages); returns the
/// interval it replaces, in pages, for whoever sets it back.
pub(crate) fn checkpoint_every(conn: &Connection, bytes: i64) -> Result<i64> {
    let before: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "wal_autocheckpoint", bytes / page_size.max(512))?;
    Ok(before)
}

/// The latest applied migration version, or 0 for a database no migration has touched.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    let has_history: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'refinery_schema_history'", [], |r| {
            r.get(0)
        })?;
    if !has_history {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT coalesce(max(version), 0) FROM refinery_schema_history", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page size is set before the migrations create the first table: a new warehouse has it.
    #[test]
    fn new_warehouse_has_the_large_page_size() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = open(&dir.path().join("w.db")).expect("open");
        let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page_size");
        assert_eq!(size, PAGE_SIZE);
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal_mode");
        assert_eq!(mode, "wal");
    }

    /// The indexes on a code and a year hold the coded rows only (V14), a lookup by code reads
    /// them still, and the computing views scan the facts rather than read the coded ones through
    /// them (a lookup by id per row). (No statistics: the plans are those of any warehouse.)
    #[test]
    fn the_code_indexes_hold_coded_rows_and_the_computing_views_scan() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = open_unsynced(&dir.path().join("w.db")).expect("open");
        let plan = |sql: &str| -> String {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect(sql);
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).expect(sql);
            rows.collect::<rusqlite::Result<Vec<_>>>().expect(sql).join("\n")
        };
        for (table, year, index) in [
            ("indicators", "period_year", "indicators_code_year"),
            ("targets", "target_year", "targets_code_year"),
            ("target_attainment", "target_year", "target_attainment_code_year"),
        ] {
            let partial: i64 = conn
                .query_row("SELECT partial FROM pragma_index_list(?1) WHERE name = ?2", [table, index], |r| r.get(0))
                .expect(index);
            assert_eq!(partial, 1, "{index} holds the coded rows only");
            for lookup in [
                format!("SELECT * FROM {table} WHERE indicator_code = 'gdp' AND {year} = 2024"),
                format!("SELECT * FROM {table} WHERE indicator_code IN ('gdp', 'fiscal_revenue')"),
            ] {
                assert!(plan(&lookup).contains(index), "{lookup}: {}", plan(&lookup));
            }
        }
        for view in ["v_indicator_panel_computed", "v_target_attainment_computed"] {
            let plan = plan(&format!("SELECT * FROM {view}"));
            assert!(!plan.contains("_code_year"), "{view} reads facts through a code index:\n{plan}");
        }
    }

    /// A warehouse of V11 with stale towns and pending reports marked keeps its marks through
    /// V12, whose triggers mark a town once: a second mark, by a report or by the town's update, is
    /// no error even under the statement's OR FAIL (the writer's).
    #[test]
    fn the_marks_survive_v12_and_are_made_once_under_or_fail() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.db");
        let mut conn = Connection::open(&path).expect("create");
        embedded::migrations::runner()
            .set_target(refinery::Target::Version(11))
            .run(&mut conn)
            .expect("migrate to V11");
        conn.execute_batch(
            "INSERT INTO stale_towns (town_id) VALUES (7), (9);
             INSERT INTO report_terms_pending (report_id) VALUES (3);",
        )
        .expect("marks");
        drop(conn);
        // (The schema alone: opening a warehouse also refreshes its stale towns.)
        let conn = open_unsynced(&path).expect("open at the latest schema");
        let ids = |sql: &str| -> Vec<i64> {
            conn.prepare(sql).and_then(|mut s| s.query_map([], |r| r.get(0))?.collect()).expect(sql)
        };
        assert_eq!(ids("SELECT town_id FROM stale_towns ORDER BY 1"), [7, 9]);
        assert_eq!(ids("SELECT report_id FROM report_terms_pending"), [3]);
        conn.execute_batch(
            "DELETE FROM stale_towns;
             INSERT INTO load_runs (id, started_at, tool_version, arguments) VALUES (1, 'now', 'test', '');
             INSERT INTO towns (id, town_key, name, resolution) VALUES (5, 'k', '青石镇', 'unique');",
        )
        .expect("a run and a town");
        for title in ["一", "二"] {
            conn.execute(
                "INSERT OR FAIL INTO reports (town_id, kind, title, source_path, source_index, encoding,
                     content_sha256, char_count, complete, body, load_run_id)
                 VALUES (5, 'other', ?1, 'a.txt', 0, 'utf-8', ?1, 1, 1, ?1, 1)",
                [title],
            )
            .expect("a report of a town already marked is stored");
        }
        conn.execute("UPDATE OR FAIL towns SET county = 'x' WHERE id = 5", []).expect("a town updated");
        assert_eq!(ids("SELECT town_id FROM stale_towns"), [5]);
    }

    /// A warehouse of V12: a run, a town, two reports, a fact of the second and a stale mark.
    fn warehouse_at_v12(path: &Path) -> Connection {
        let mut conn = Connection::open(path).expect("create");
        embedded::migrations::runner()
            .set_target(refinery::Target::Version(12))
            .run(&mut conn)
            .expect("migrate to V12");
        conn.execute_batch(
            "INSERT INTO load_runs (id, started_at, tool_version, arguments) VALUES (1, 'now', 'test', '');
             INSERT INTO towns (id, town_key, name, resolution) VALUES (5, 'k', '青石镇', 'unique');
             INSERT INTO reports (id, town_id, kind, title, source_path, source_index, encoding, content_sha256,
                 char_count, complete, body, load_run_id)
             VALUES (3, 5, 'work_plan', '一', 'a.txt', 0, 'utf-8', 'a', 4, 1, '第一段文字', 1),
                    (8, 5, 'news_coverage', '二', 'b.txt', 0, 'gb18030', 'b', 4, 0, '第二段文字', 1);
             INSERT INTO indicators (report_id, name, unit, quote, char_start, char_end)
             VALUES (8, '产值', '亿元', '产值5亿元', 0, 5);
             DELETE FROM stale_towns;
             INSERT INTO stale_towns (town_id) VALUES (9);",
        )
        .expect("rows of V12");
        conn
    }

    /// V13 rebuilds reports with the text as the last column (so that reading a report's kind does
    /// not walk the text's pages), and keeps every row with its id, the facts pointing at them, the
    /// stale marks, the foreign keys and the triggers.
    #[test]
    fn v13_puts_the_text_last_and_keeps_every_row() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.db");
        drop(warehouse_at_v12(&path));
        let conn = open_unsynced(&path).expect("open at the latest schema");
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('reports') ORDER BY cid")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("columns");
        assert_eq!(columns.len(), 23, "{columns:?}");
        // A column added later with ALTER TABLE ... ADD COLUMN lands after the text and is read
        // through its overflow pages: such a migration rebuilds the table as V13 does.
        assert_eq!(columns.last().map(String::as_str), Some("body"), "the text is not last: {columns:?}");
        assert_eq!(columns[columns.len() - 2], "kind", "{columns:?}");
        let rows: Vec<(i64, String, String, String, i64)> = conn
            .prepare("SELECT id, kind, encoding, body, complete FROM reports ORDER BY id")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect()
            })
            .expect("reports");
        assert_eq!(
            rows,
            [
                (3, "work_plan".into(), "utf-8".into(), "第一段文字".into(), 1),
                (8, "news_coverage".into(), "gb18030".into(), "第二段文字".into(), 0)
            ]
        );
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
        assert_eq!(count("SELECT count(*) FROM indicators WHERE report_id = 8"), 1);
        assert_eq!(count("SELECT sum(town_id) FROM stale_towns"), 9, "the marks as they were: town 9 alone");
        assert_eq!(count("PRAGMA foreign_keys"), 1, "foreign keys are on again once the migrations ran");
        // The foreign keys point at the new table, and its triggers mark the town.
        conn.execute("DELETE FROM reports WHERE id = 8", []).expect("delete a report");
        assert_eq!(count("SELECT count(*) FROM indicators"), 0, "its fact went with it");
        assert_eq!(count("SELECT count(*) FROM stale_towns WHERE town_id = 5"), 1, "its town is marked");
        assert!(
            conn.execute("UPDATE reports SET kind = 'memo' WHERE id = 3", []).is_err(),
            "the kinds are checked as before"
        );
    }

    /// V13 drops the old reports table, which deletes its rows and every fact pointing at them
    /// first when foreign keys are on: run so, it stops before changing anything.
    #[test]
    fn v13_refuses_to_run_with_foreign_keys_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.db");
        let mut conn = warehouse_at_v12(&path);
        conn.pragma_update(None, "foreign_keys", "ON").expect("foreign keys on");
        let ran = embedded::migrations::runner().set_grouped(true).run(&mut conn);
        assert!(ran.is_err(), "V13 ran with foreign keys on");
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
        assert_eq!(count("SELECT count(*) FROM indicators"), 1);
        assert_eq!(count("SELECT count(*) FROM reports"), 2);
        assert_eq!(count("SELECT max(version) FROM refinery_schema_history"), 12);
    }

    /// The migrations are applied all or none: when one fails (here a view stands where a later
    /// migration creates a table), the earlier ones leave no table and no history row behind, so
    /// the schema never holds a migration's tables without the row that records it.
    #[test]
    fn migrations_are_applied_all_or_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.db");
        Connection::open(&path).expect("create").execute_batch("CREATE VIEW divisions AS SELECT 1 AS x").expect("view");
        assert!(open(&path).is_err(), "a migration cannot create the table divisions");
        let conn = Connection::open(&path).expect("reopen");
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'refinery_schema_history'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("tables");
        assert_eq!(tables, Vec::<String>::new(), "tables of the migrations before the failing one");
        let history: i64 = conn
            .query_row("SELECT count(*) FROM refinery_schema_history", [], |r| r.get(0))
            .expect("the history table is created before the migrations run");
        assert_eq!(history, 0);
    }
}
