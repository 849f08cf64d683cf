//! Opening the warehouse: pragmas, migrations, views, catalogs, the gazetteer and the data
//! dictionary, in that order.

use crate::error::Result;
use rusqlite::Connection;
use std::path::Path;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// The page size of a new warehouse, in bytes.
const PAGE_SIZE: i64 = 8192;

/// How long a writer or reader waits for a lock before giving up.
const BUSY_TIMEOUT_MS: u32 = 10_000;

/// Opens (creating if needed) the warehouse at `path`, migrated to the latest schema, with the
/// canned views, the shipped catalogs and the gazetteer installed.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    embedded::migrations::runner().run(&mut conn)?;
    super::views::install(&conn)?;
    super::catalog::sync(&conn)?;
    super::divisions::sync(&conn)?;
    super::terms::sync(&conn)?;
    // After the catalog: a changed catalog makes the stored panel stale.
    super::derived::refresh(&conn)?;
    // Last: it describes the columns of everything installed before it.
    super::dictionary::sync(&conn)?;
    Ok(conn)
}

/// Opens an existing warehouse read-only, without migrating it.
pub fn open_existing(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(crate::error::Error::MissingPath(path.to_path_buf()));
    }
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    // Only a database with no table yet takes a page size (and WAL keeps it for good): new
    // warehouses get pages large enough that a report's body spans few overflow pages and the
    // fact tables' trees stay shallow; existing ones keep theirs.
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // WAL lets readers (a BI tool, the shell) go on while a load writes.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    Ok(())
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
}
