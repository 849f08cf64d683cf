//! `gwr info`: the schema version, every table's row count and the last load run.

use crate::cli::DbArgs;
use crate::store;
use anyhow::Context;
use rusqlite::OptionalExtension;

pub fn run(args: &DbArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    println!("database        {}", args.db.display());
    println!("schema version  {}", store::schema_version(&conn)?);
    println!();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> 'refinery_schema_history' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for t in &tables {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))?;
        println!("{t:<18} {n:>8} rows");
    }
    let last = conn
        .query_row(
            "SELECT id, started_at, coalesce(finished_at, 'unfinished'), files_seen, reports_loaded,
                    reports_unchanged, reports_replaced, files_failed
             FROM load_runs ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(format!(
                    "run {} started {} finished {}: {} files seen, {} reports loaded, {} unchanged, {} replaced, {} files failed",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?
                ))
            },
        )
        .optional()?;
    println!();
    println!("last load       {}", last.as_deref().unwrap_or("none"));
    Ok(super::EXIT_OK)
}
