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
    let last = conn
        .query_row(
            "SELECT id, started_at, coalesce(finished_at, 'unfinished'), files_seen, reports_loaded,
                    reports_unchanged, reports_replaced, files_failed
             FROM load_runs ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                let n = |i: usize| -> rusqlite::Result<usize> { Ok(usize::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
                Ok(format!(
                    "run {} started {} finished {}: {} seen, {} loaded, {} unchanged, {} replaced, {} failed",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    count(n(3)?, "file", "files"),
                    count(n(4)?, "report", "reports"),
                    n(5)?,
                    n(6)?,
                    count(n(7)?, "file", "files"),
                ))
            },
        )
        .optional()?;
    out.push_str(&format!("\nlast load       {}\n", last.as_deref().unwrap_or("none")));
    super::print_out(&out)?;
    Ok(super::EXIT_OK)
}
