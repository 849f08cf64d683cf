//! The stored panel, attainment and rankings: v_indicator_panel, v_target_attainment and
//! v_town_rankings read the tables indicator_panel, target_attainment and town_rankings, which are
//! rebuilt here from the computing views (v_*_computed) for the towns marked stale. A town's panel
//! rows and attainment rows depend on its own reports only; its rankings depend on every town's.
//!
//! Triggers (migration V8) mark a town in stale_towns in the same transaction that adds, removes or
//! moves one of its reports, so the marks never disagree with the facts, even after a killed load.
//! A refresh is one transaction: a reader sees the old rows or the new ones, never a mix.

use crate::error::Result;
use rusqlite::Connection;

/// A stored table's columns, quoted and comma-separated, in its order: a refresh names them on
/// both sides, so the computing view's columns land under their own names whatever their order.
fn column_list(conn: &Connection, table: &str) -> Result<String> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.iter().map(|n| format!("\"{}\"", n.replace('"', "\"\""))).collect::<Vec<_>>().join(", "))
}

/// Recomputes the panel and attainment rows of the stale towns and, when there were any, every
/// ranking (a town's figures move other towns' ranks). Returns how many towns were refreshed.
pub fn refresh(conn: &Connection) -> Result<usize> {
    let stale: i64 = conn.query_row("SELECT count(*) FROM stale_towns", [], |r| r.get(0))?;
    if stale == 0 {
        return Ok(0);
    }
    let tx = conn.unchecked_transaction()?;
    for (table, view) in
        [("indicator_panel", "v_indicator_panel_computed"), ("target_attainment", "v_target_attainment_computed")]
    {
        let columns = column_list(&tx, table)?;
        tx.execute_batch(&format!(
            "DELETE FROM {table} WHERE town_id IN (SELECT town_id FROM stale_towns);
             INSERT INTO {table} ({columns})
                 SELECT {columns} FROM {view} WHERE town_id IN (SELECT town_id FROM stale_towns);"
        ))?;
    }
    // The rankings read the panel through v_indicator_panel, which computes a stale town's rows on
    // the fly: with the marks cleared first (in the same transaction), it reads the rows just stored.
    let columns = column_list(&tx, "town_rankings")?;
    tx.execute_batch(&format!(
        "DELETE FROM stale_towns;
         DELETE FROM town_rankings;
         INSERT INTO town_rankings ({columns}) SELECT {columns} FROM v_town_rankings_computed;"
    ))?;
    tx.commit()?;
    Ok(usize::try_from(stale).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A computing view whose columns come in another order than the table's still fills every
    /// column under its own name (an `INSERT … SELECT *` would put each value under another name).
    #[test]
    fn a_refresh_fills_the_stored_columns_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::store::open(&dir.path().join("w.db")).expect("open");
        let columns: Vec<String> = column_list(&conn, "town_rankings")
            .expect("columns")
            .split(", ")
            .map(|c| c.trim_matches('"').to_string())
            .collect();
        assert!(columns.len() > 20, "{columns:?}");
        let reversed: Vec<String> = columns.iter().rev().map(|c| format!("'value of {c}' AS {c}")).collect();
        conn.execute_batch(&format!(
            "DROP VIEW v_town_rankings_computed;
             CREATE VIEW v_town_rankings_computed AS SELECT {};
             INSERT INTO stale_towns (town_id) VALUES (1);",
            reversed.join(", ")
        ))
        .expect("a reordered computing view");
        assert_eq!(refresh(&conn).expect("refresh"), 1);
        for c in &columns {
            let got: String =
                conn.query_row(&format!("SELECT {c} FROM town_rankings"), [], |r| r.get(0)).expect("stored row");
            assert_eq!(got, format!("value of {c}"));
        }
    }
}
