//! The data dictionary: what every public table, view and column means, in the database itself
//! (table `data_dictionary`), so that a BI user reads the meaning where the data is. The text comes
//! from data/dictionary.toml; the declared type of each column is read from the schema on sync.

use crate::error::Result;
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DICTIONARY_TOML: &str = include_str!("../../data/dictionary.toml");

/// A column's meaning: a plain description, or a description with a unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ColumnDoc {
    Text(String),
    Full { description: String, unit: Option<String> },
}

impl ColumnDoc {
    pub fn description(&self) -> &str {
        match self {
            ColumnDoc::Text(d) | ColumnDoc::Full { description: d, .. } => d,
        }
    }
    pub fn unit(&self) -> Option<&str> {
        match self {
            ColumnDoc::Text(_) => None,
            ColumnDoc::Full { unit, .. } => unit.as_deref(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ObjectDoc {
    pub name: String,
    #[serde(rename = "type")]
    pub object_type: String,
    pub description: String,
    #[serde(default)]
    pub columns: BTreeMap<String, ColumnDoc>,
}

#[derive(Debug, Deserialize)]
pub struct Dictionary {
    /// Columns that mean the same wherever they appear (`report_id`, `quote`...), used where an
    /// object does not describe the column itself.
    #[serde(default)]
    pub common: BTreeMap<String, ColumnDoc>,
    pub object: Vec<ObjectDoc>,
}

impl Dictionary {
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let d: Dictionary = toml::from_str(text).map_err(|e| e.to_string())?;
        for o in &d.object {
            if o.object_type != "table" && o.object_type != "view" {
                return Err(format!("{}: type must be table or view, not {}", o.name, o.object_type));
            }
        }
        Ok(d)
    }

    /// The description of `column` of `object`: the object's own, else the common one.
    pub fn column(&self, object: &str, column: &str) -> Option<&ColumnDoc> {
        self.object
            .iter()
            .find(|o| o.name == object)
            .and_then(|o| o.columns.get(column))
            .or_else(|| self.common.get(column))
    }
}

/// The dictionary shipped with gwr.
pub fn dictionary() -> &'static Dictionary {
    static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
    // The file is compiled in; a defect in it is caught by the unit test below.
    DICTIONARY.get_or_init(|| Dictionary::parse(DICTIONARY_TOML).expect("data/dictionary.toml is valid"))
}

/// The tables and views users query: everything but SQLite's own tables and the migration log.
pub fn public_objects(conn: &Connection) -> Result<Vec<(String, String)>> {
    let rows = conn
        .prepare(
            "SELECT name, type FROM sqlite_master
             WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> 'refinery_schema_history'
             ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

/// The columns of a table or view with their declared types, in schema order.
pub fn columns_of(conn: &Connection, object: &str) -> Result<Vec<(String, String)>> {
    let rows = conn
        .prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([object], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

/// A declared type folded to the type it behaves as (SQLite's affinity rules), so that a view
/// column declared by `CAST(x AS INTEGER)` reads INTEGER whatever name the engine gives it.
pub fn type_name(declared: &str) -> Option<&'static str> {
    let t = declared.to_ascii_uppercase();
    if t.is_empty() {
        None
    } else if t.contains("INT") {
        Some("INTEGER")
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        Some("TEXT")
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Some("REAL")
    } else if t.contains("BLOB") {
        Some("BLOB")
    } else {
        Some("NUMERIC")
    }
}

type Row = (String, String, Option<String>, Option<String>, Option<String>, String);

/// Rebuilds `data_dictionary` from the shipped text and the live schema; writes nothing when the
/// table already holds exactly that. Objects and columns the text does not describe get no row
/// (the integration tests fail on them, so the text cannot fall behind the schema unnoticed).
pub fn sync(conn: &Connection) -> Result<()> {
    let dict = dictionary();
    let mut wanted: Vec<Row> = Vec::new();
    for (name, object_type) in public_objects(conn)? {
        let Some(doc) = dict.object.iter().find(|o| o.name == name) else { continue };
        wanted.push((name.clone(), object_type.clone(), None, None, None, doc.description.clone()));
        for (column, declared) in columns_of(conn, &name)? {
            if let Some(c) = dict.column(&name, &column) {
                wanted.push((
                    name.clone(),
                    object_type.clone(),
                    Some(column),
                    type_name(&declared).map(str::to_string),
                    c.unit().map(str::to_string),
                    c.description().to_string(),
                ));
            }
        }
    }
    let current: Vec<Row> = conn
        .prepare(
            "SELECT object, object_type, column_name, data_type, unit, description FROM data_dictionary ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<std::result::Result<_, _>>()?;
    if current == wanted {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM data_dictionary", [])?;
    let mut stmt = tx.prepare(
        "INSERT INTO data_dictionary (object, object_type, column_name, data_type, unit, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (o, t, c, d, u, desc) in &wanted {
        stmt.execute(rusqlite::params![o, t, c, d, u, desc])?;
    }
    drop(stmt);
    tx.commit()?;
    Ok(())
}

/// A row of the data dictionary stored in a warehouse: an object's own row (no column) or one of
/// its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub object: String,
    pub object_type: String,
    pub column: Option<String>,
    pub data_type: Option<String>,
    pub unit: Option<String>,
    pub description: String,
}

/// Whether the warehouse holds a data dictionary (one of an older schema may not).
pub fn is_stored(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'data_dictionary'",
        [],
        |r| r.get(0),
    )?)
}

/// The stored dictionary of `object` (of every object when `None`): tables before views, by name,
/// each object's own row before its columns, the columns in schema order.
pub fn stored(conn: &Connection, object: Option<&str>) -> Result<Vec<Entry>> {
    let rows = conn
        .prepare(
            "SELECT object, object_type, column_name, data_type, unit, description FROM data_dictionary
             WHERE ?1 IS NULL OR object = ?1
             ORDER BY CASE object_type WHEN 'table' THEN 0 ELSE 1 END, object, column_name IS NOT NULL, id",
        )?
        .query_map([object], |r| {
            Ok(Entry {
                object: r.get(0)?,
                object_type: r.get(1)?,
                column: r.get(2)?,
                data_type: r.get(3)?,
                unit: r.get(4)?,
                description: r.get(5)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_dictionary_parses_and_falls_back_to_common_columns() {
        let d = dictionary();
        assert!(d.object.iter().any(|o| o.name == "v_target_attainment" && o.object_type == "view"));
        // `quote` is described once for every fact table and view.
        assert!(d.column("indicators", "quote").is_some());
        assert!(d.column("v_projects", "quote").is_some());
        assert!(d.column("reports", "no_such_column").is_none());
    }

    #[test]
    fn declared_types_fold_to_their_affinity() {
        assert_eq!(type_name("INT"), Some("INTEGER"));
        assert_eq!(type_name("integer"), Some("INTEGER"));
        assert_eq!(type_name("TEXT"), Some("TEXT"));
        assert_eq!(type_name("REAL"), Some("REAL"));
        assert_eq!(type_name("NUM"), Some("NUMERIC"));
        assert_eq!(type_name(""), None);
    }
}
