//! The towns of a warehouse as `gwr towns` lists them.

use crate::error::Result;
use rusqlite::Connection;

/// A stored town with the number of its reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownRow {
    pub name: String,
    pub code: Option<String>,
    pub county: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub resolution: String,
    pub evidence: Option<String>,
    /// The candidate division codes, comma-separated, when the town could be several.
    pub candidates: Option<String>,
    pub reports: i64,
}

/// Every stored town, in the order they were stored.
pub fn list(conn: &Connection) -> Result<Vec<TownRow>> {
    let rows = conn
        .prepare(
            "SELECT t.name, t.admin_code, t.county, t.city, t.province, t.resolution, t.evidence, t.candidates,
                    count(r.id)
             FROM towns t LEFT JOIN reports r ON r.town_id = t.id GROUP BY t.id ORDER BY t.id",
        )?
        .query_map([], |r| {
            Ok(TownRow {
                name: r.get(0)?,
                code: r.get(1)?,
                county: r.get(2)?,
                city: r.get(3)?,
                province: r.get(4)?,
                resolution: r.get(5)?,
                evidence: r.get(6)?,
                candidates: r.get(7)?,
                reports: r.get(8)?,
            })
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(rows)
}
