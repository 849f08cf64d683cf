//! The canned views under `sql/`, one per file, re-installed idempotently: a view whose stored
//! definition already matches its file is left alone.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

include!(concat!(env!("OUT_DIR"), "/views.rs"));

pub fn install(conn: &Connection) -> Result<()> {
    for (name, sql) in VIEWS {
        let current: Option<String> = conn
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?1", [name], |r| r.get(0))
            .optional()?;
        let wanted = sql.trim().trim_end_matches(';').trim();
        if current.as_deref().map(str::trim) == Some(wanted) {
            continue;
        }
        conn.execute_batch(&format!("DROP VIEW IF EXISTS {name};\n{wanted};"))?;
    }
    Ok(())
}
