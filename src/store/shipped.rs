//! What a gwr binary ships into every warehouse it opens, kept equal to it: the indicator catalog,
//! the gazetteer's divisions, the term list (and the counts made for it), the stored panel,
//! attainment and rankings, and the data dictionary.

use crate::error::Result;
use rusqlite::Connection;

/// Brings the shipped data of a migrated warehouse with its views installed up to date, in an
/// order where each step sees what the steps before it wrote; writes nothing that is already so.
pub fn sync(conn: &Connection) -> Result<()> {
    super::catalog::sync(conn)?;
    super::divisions::sync(conn)?;
    super::terms::sync(conn)?;
    // After the catalog: a changed catalog makes the stored panel stale.
    super::derived::refresh(conn)?;
    // Last: it describes the columns of everything installed before it.
    super::dictionary::sync(conn)?;
    Ok(())
}
