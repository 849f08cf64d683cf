//! `gwr info`: the schema version, every table's row count and the last load run.

use super::count;
use crate::cli::DbArgs;
use crate::store;
use anyhow::Context;
use rusqlite::OptionalExtension;

pub fn run(args: &DbArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let mut out =
        format!("database        {}\nschema version  {}\n\n", args.db.display(), store::schema_version(&conn)?);
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> 'refinery_schema_history' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let width = tables.iter().map(String::len).max().unwrap_or(0);
    for t in &tables {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))?;
        let rows = if n == 1 { "row" } else { "rows" };
        out.push_str(&format!("{t:<width$} {n:>9} {rows}\n"));
    }
    let running = store::lock::is_held(&args.db);
    out.push_str(&format!("\nlast load       {}\n", last_run(&conn, running)?.as_deref().unwrap_or("none")));
    let gone = gone_files(&conn)?;
    if gone > 0 {
        out.push_str(&format!(
            "files gone      {} whose reports are stored no longer exist where they were loaded from; \
             `gwr load FOLDER --prune` removes their reports\n",
            count(gone, "file", "files")
        ));
    }
    super::print_out(&out)?;
    Ok(super::EXIT_OK)
}

/// The last load run in one line: how it ended and what it stored.
fn last_run(conn: &rusqlite::Connection, running: bool) -> anyhow::Result<Option<String>> {
    let has_outcome: bool =
        conn.query_row("SELECT count(*) > 0 FROM pragma_table_info('load_runs') WHERE name = 'outcome'", [], |r| {
            r.get(0)
        })?;
    let outcome = if has_outcome { "outcome" } else { "NULL" };
    let pruned = if has_outcome { "files_pruned" } else { "0" };
    let sql = format!(
        "SELECT id, started_at, finished_at, {outcome}, files_seen, reports_loaded, reports_unchanged,
                reports_replaced, files_failed, {pruned}
         FROM load_runs ORDER BY id DESC LIMIT 1"
    );
    let line = conn
        .query_row(&sql, [], |r| {
            let finished: Option<String> = r.get(2)?;
            let outcome: Option<String> = r.get(3)?;
            let ended = match (outcome.as_deref(), finished) {
                (Some("interrupted"), Some(at)) => format!("interrupted {at}"),
                (_, Some(at)) => format!("finished {at}"),
                (_, None) if running => "running".to_string(),
                // Not finished and no load holds the lock: it was killed or crashed.
                (_, None) => {
                    "died (killed or crashed; what it stored is kept: run the load again to finish)".to_string()
                }
            };
            let n = |i: usize| -> rusqlite::Result<usize> { Ok(usize::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
            let pruned = n(9)?;
            let pruned = if pruned > 0 {
                format!(", {} pruned", count(pruned, "gone file", "gone files"))
            } else {
                String::new()
            };
            Ok(format!(
                "run {} started {} {ended}: {} seen, {} loaded, {} unchanged, {} replaced, {} failed{pruned}",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                count(n(4)?, "file", "files"),
                count(n(5)?, "report", "reports"),
                n(6)?,
                n(7)?,
                count(n(8)?, "file", "files"),
            ))
        })
        .optional()?;
    Ok(line)
}

/// How many stored files no longer exist at their location.
fn gone_files(conn: &rusqlite::Connection) -> anyhow::Result<usize> {
    let has_location: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('source_files') WHERE name = 'location'",
        [],
        |r| r.get(0),
    )?;
    if !has_location {
        return Ok(0);
    }
    let mut stmt = conn.prepare("SELECT location FROM source_files WHERE location IS NOT NULL")?;
    let locations = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut gone = 0;
    for location in locations {
        if !crate::files::unescape(&location?).exists() {
            gone += 1;
        }
    }
    Ok(gone)
}
