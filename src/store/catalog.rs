//! Keeps the `indicator_catalog` table equal to the catalog shipped in the binary.

use crate::error::Result;
use crate::extract::catalog::catalog;
use rusqlite::{params, Connection};

/// Inserts or updates every catalog entry. Codes are never deleted: facts may still point at them.
pub fn sync(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO indicator_catalog (code, name_zh, name_en, unit_kind, category, aliases)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
             unit_kind = excluded.unit_kind, category = excluded.category, aliases = excluded.aliases
         WHERE name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en
             OR unit_kind IS NOT excluded.unit_kind OR category IS NOT excluded.category
             OR aliases IS NOT excluded.aliases",
    )?;
    let mut changed = 0;
    for e in &catalog().entries {
        let aliases = serde_json::to_string(&e.aliases).unwrap_or_else(|_| "[]".into());
        changed += stmt.execute(params![e.code, e.name_zh, e.name_en, e.unit_kind.as_str(), e.category, aliases])?;
    }
    // The stored panel and rankings carry the catalog's names: new names make every town stale.
    if changed > 0 {
        conn.execute("INSERT OR IGNORE INTO stale_towns (town_id) SELECT id FROM towns", [])?;
    }
    Ok(())
}
