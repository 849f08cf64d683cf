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

/// Recomputes the panel and attainment rows of the stale towns and, when there were any, every
/// ranking (a town's figures move other towns' ranks). Returns how many towns were refreshed.
pub fn refresh(conn: &Connection) -> Result<usize> {
    let stale: i64 = conn.query_row("SELECT count(*) FROM stale_towns", [], |r| r.get(0))?;
    if stale == 0 {
        return Ok(0);
    }
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(
        "DELETE FROM indicator_panel WHERE town_id IN (SELECT town_id FROM stale_towns);
         INSERT INTO indicator_panel
             SELECT * FROM v_indicator_panel_computed WHERE town_id IN (SELECT town_id FROM stale_towns);
         DELETE FROM target_attainment WHERE town_id IN (SELECT town_id FROM stale_towns);
         INSERT INTO target_attainment
             SELECT * FROM v_target_attainment_computed WHERE town_id IN (SELECT town_id FROM stale_towns);
         DELETE FROM town_rankings;
         INSERT INTO town_rankings SELECT * FROM v_town_rankings_computed;
         DELETE FROM stale_towns;",
    )?;
    tx.commit()?;
    Ok(usize::try_from(stale).unwrap_or(usize::MAX))
}
