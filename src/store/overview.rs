//! What `gwr info` reports of a warehouse: every table's row count, the last load run, and where
//! the stored files were loaded from. Reads warehouses of older schemas too (info opens without
//! migrating).

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

/// Every table (not SQLite's nor the migrations' own) with its row count, by name.
pub fn table_counts(conn: &Connection) -> Result<Vec<(String, usize)>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> 'refinery_schema_history' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let mut counts = Vec::with_capacity(tables.len());
    for t in tables {
        let n: i64 =
            conn.query_row(&format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\"")), [], |r| r.get(0))?;
        counts.push((t, usize::try_from(n).unwrap_or(0)));
    }
    Ok(counts)
}

/// One load run, as `load_runs` records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadRun {
    pub id: i64,
    pub started_at: String,
    /// NULL while running, or when the run was killed.
    pub finished_at: Option<String>,
    /// `interrupted` or the like; NULL before the schema recorded it.
    pub outcome: Option<String>,
    pub files_seen: usize,
    pub reports_loaded: usize,
    pub reports_unchanged: usize,
    pub reports_replaced: usize,
    pub files_failed: usize,
    /// 0 before the schema recorded it.
    pub files_pruned: usize,
}

/// The latest load run, if any.
pub fn last_run(conn: &Connection) -> Result<Option<LoadRun>> {
    let has_outcome = has_column(conn, "load_runs", "outcome")?;
    let outcome = if has_outcome { "outcome" } else { "NULL" };
    let pruned = if has_outcome { "files_pruned" } else { "0" };
    let sql = format!(
        "SELECT id, started_at, finished_at, {outcome}, files_seen, reports_loaded, reports_unchanged,
                reports_replaced, files_failed, {pruned}
         FROM load_runs ORDER BY id DESC LIMIT 1"
    );
    let run = conn
        .query_row(&sql, [], |r| {
            let n = |i: usize| -> rusqlite::Result<usize> { Ok(usize::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
            Ok(LoadRun {
                id: r.get(0)?,
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                outcome: r.get(3)?,
                files_seen: n(4)?,
                reports_loaded: n(5)?,
                reports_unchanged: n(6)?,
                reports_replaced: n(7)?,
                files_failed: n(8)?,
                files_pruned: n(9)?,
            })
        })
        .optional()?;
    Ok(run)
}

/// Where the stored files were loaded from (escaped as `source_files.location` keeps them); none
/// before the schema recorded it.
pub fn stored_locations(conn: &Connection) -> Result<Vec<String>> {
    if !has_column(conn, "source_files", "location")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT location FROM source_files WHERE location IS NOT NULL")?;
    let locations = stmt.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(locations)
}

fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2", [table, column], |r| r.get(0))?)
}
