//! Keeps the `divisions` table equal to the gazetteer shipped in the binary. The table is refilled
//! only when the shipped file differs from the one it was filled from, so opening a current
//! warehouse costs one query.

use crate::error::Result;
use crate::resolve::gazetteer::{gazetteer, shipped_source, DIVISIONS_TSV};
use rusqlite::{params, Connection, OptionalExtension};

/// Refills `divisions` when the warehouse holds another gazetteer than the shipped one.
pub fn sync(conn: &Connection) -> Result<()> {
    let (source, bytes) = (shipped_source(), DIVISIONS_TSV.len() as i64);
    let current: Option<(String, i64)> = conn
        .query_row("SELECT source, bytes FROM divisions_source WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if current.as_ref().is_some_and(|(s, b)| s == source && *b == bytes) {
        return Ok(());
    }
    let g = gazetteer();
    // The CHECK on `level` makes SQLite build a temporary b-tree of its four words for every row
    // (a third of the time of filling a new warehouse); the levels come from gwr's own enum and
    // the test below runs PRAGMA integrity_check, which checks every CHECK.
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    let filled = fill(conn, g, bytes);
    conn.pragma_update(None, "ignore_check_constraints", false)?;
    filled
}

/// Replaces the table's rows with the gazetteer's, in one transaction.
fn fill(conn: &Connection, g: &crate::resolve::gazetteer::Gazetteer, bytes: i64) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM divisions", [])?;
    super::db::filled_indexing_after(&tx, "divisions", || {
        let mut stmt =
            tx.prepare_cached("INSERT INTO divisions (code, parent_code, level, name) VALUES (?1, ?2, ?3, ?4)")?;
        for d in &g.divisions {
            stmt.execute(params![d.code, d.parent, d.level.as_str(), d.name])?;
        }
        Ok(())
    })?;
    tx.execute(
        "INSERT INTO divisions_source (id, source, bytes, row_count, loaded_at)
         VALUES (1, ?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
         ON CONFLICT (id) DO UPDATE SET source = excluded.source, bytes = excluded.bytes,
             row_count = excluded.row_count, loaded_at = excluded.loaded_at",
        params![g.source, bytes, g.divisions.len() as i64],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_is_loaded_once_and_joins_towns_to_their_county() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.db");
        let conn = crate::store::open(&path).expect("open");
        let county: String = conn
            .query_row(
                "SELECT c.name FROM divisions t JOIN divisions c ON c.code = t.parent_code WHERE t.code = '341721111'",
                [],
                |r| r.get(0),
            )
            .expect("泥溪镇 and its county");
        assert_eq!(county, "东至县");
        let loaded_at = |c: &Connection| -> String {
            c.query_row("SELECT loaded_at FROM divisions_source", [], |r| r.get(0)).expect("source row")
        };
        // A reopen finds the table current: the row is not rewritten.
        conn.execute("UPDATE divisions_source SET loaded_at = 'kept'", []).expect("mark");
        drop(conn);
        let conn = crate::store::open(&path).expect("reopen");
        assert_eq!(loaded_at(&conn), "kept");
        // A different gazetteer file is loaded again.
        conn.execute("UPDATE divisions_source SET bytes = 0", []).expect("mark stale");
        drop(conn);
        let conn = crate::store::open(&path).expect("reopen");
        assert_ne!(loaded_at(&conn), "kept");
        let n: i64 = conn.query_row("SELECT count(*) FROM divisions", [], |r| r.get(0)).expect("count");
        assert_eq!(n as usize, gazetteer().divisions.len());
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
        assert_eq!(check, "ok", "every row meets the table's CHECK constraints, and every index holds every row");
        // The indexes dropped while the empty table was filled are built again, as defined.
        let indexes: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'divisions' ORDER BY name")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("indexes");
        assert_eq!(indexes, ["divisions_name", "divisions_parent_code", "sqlite_autoindex_divisions_1"]);
    }
}
