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

/// Makes the view `name` as its file writes it (plain CASTs, without the typing form) a temporary
/// view of the same name on `conn`, which a query naming `temp.{name}` reads. Its values are the
/// installed view's; only the declared types that BI tools read differ, and a stored table
/// computed from it declares its own. Each typed column of the installed view is a subquery per
/// row: the attainment rows of 40,000 reports (eleven typed columns) took 2.74 to 3.06 s of CPU in
/// the sqlite3 shell through the plain form against 3.21 to 3.43 s through the typed one.
pub(super) fn plain_twin(conn: &Connection, name: &str) -> Result<()> {
    let shipped =
        |detail: &str| crate::error::Error::DataFile { path: format!("sql/ ({name})"), detail: detail.into() };
    let (_, sql) = PLAIN_VIEWS.iter().find(|(n, _)| *n == name).ok_or_else(|| shipped("no view file of that name"))?;
    let body =
        sql.trim_start().strip_prefix("CREATE VIEW ").ok_or_else(|| shipped("it does not open with CREATE VIEW"))?;
    conn.execute_batch(&format!("DROP VIEW IF EXISTS temp.{name};\nCREATE TEMP VIEW {body}"))?;
    Ok(())
}
