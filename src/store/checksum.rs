//! A checksum of what a warehouse holds, by content: two warehouses that hold the same reports, facts,
//! towns, files and stored views give the same checksum whatever the order their rows were written in
//! and whatever row ids they got. Row ids are replaced by what they point at (a report by its text's
//! hash, a town by its key, a section or a fact by its report and span), and a table's rows are
//! hashed one by one and sorted before they are summed. A row's columns are read in the order of
//! their names, not of their places in the table: a table rebuilt with its columns in another order
//! holds what it held. What only says when and how a load ran (the load runs, the ids of runs, the
//! time a list was set) is left out.

use crate::error::Result;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

/// The checksum of one table or view: its rows and the sum of their hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub rows: usize,
    pub sha256: String,
}

/// Tables that record how a load ran, not what the warehouse holds.
const LEFT_OUT: [&str; 4] = ["refinery_schema_history", "load_runs", "divisions_source", "policy_terms_source"];

/// A section by its report and place in it.
const SECTION: &str = "(SELECT json_array(r.content_sha256, s.char_start, s.char_end, s.level, s.ordinal)
    FROM sections s JOIN reports r ON r.id = s.report_id WHERE s.id = {})";
/// An indicator by its report, name and span.
const INDICATOR: &str =
    "(SELECT json_array(r.content_sha256, i.name, i.char_start, i.char_end, i.period_year, i.value_base)
    FROM indicators i JOIN reports r ON r.id = i.report_id WHERE i.id = {})";
const TARGET: &str = "(SELECT json_array(r.content_sha256, t.name, t.char_start, t.char_end, t.target_year)
    FROM targets t JOIN reports r ON r.id = t.report_id WHERE t.id = {})";
const PROJECT: &str = "(SELECT json_array(r.content_sha256, p.name, p.char_start, p.char_end)
    FROM projects p JOIN reports r ON r.id = p.report_id WHERE p.id = {})";

/// What a column holds by content: None for a column left out, else an SQL expression.
fn by_content(column: &str) -> Option<String> {
    let quoted = format!("\"{}\"", column.replace('"', "\"\""));
    let pointing = |template: &str| template.replace("{}", &quoted);
    Some(match column {
        "id" | "load_run_id" => return None,
        "town_id" => pointing("(SELECT town_key FROM towns WHERE id = {})"),
        "report_id" | "next_report_id" => pointing("(SELECT content_sha256 FROM reports WHERE id = {})"),
        "section_id" | "parent_id" => pointing(SECTION),
        "indicator_id" | "level_indicator_id" | "growth_indicator_id" => pointing(INDICATOR),
        "target_id" => pointing(TARGET),
        "project_id" => pointing(PROJECT),
        _ => quoted,
    })
}

/// The tables and public views a checksum covers, by name.
fn objects(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE '%\\_computed' ESCAPE '\\' ORDER BY type, name",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names.into_iter().filter(|n| !LEFT_OUT.contains(&n.as_str())).collect())
}

/// One table's or view's part of the checksum.
pub fn part(conn: &Connection, name: &str) -> Result<Part> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY name")?;
    let columns = stmt.query_map([name], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    let exprs: Vec<String> = columns.iter().filter_map(|c| by_content(c)).collect();
    let sql = format!("SELECT json_array({}) FROM \"{}\"", exprs.join(", "), name.replace('"', "\"\""));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut hashes: Vec<[u8; 32]> = Vec::new();
    while let Some(row) = rows.next()? {
        let text = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        hashes.push(Sha256::digest(text.as_bytes()).into());
    }
    hashes.sort_unstable();
    let mut sum = Sha256::new();
    sum.update(columns.join(",").as_bytes());
    for h in &hashes {
        sum.update(h);
    }
    Ok(Part { name: name.to_string(), rows: hashes.len(), sha256: hex(&sum.finalize()) })
}

/// Every part, and the checksum of them all.
pub fn checksum(conn: &Connection) -> Result<(Vec<Part>, String)> {
    let parts = objects(conn)?.iter().map(|name| part(conn, name)).collect::<Result<Vec<Part>>>()?;
    let mut sum = Sha256::new();
    for p in &parts {
        sum.update(format!("{} {} {}\n", p.name, p.rows, p.sha256).as_bytes());
    }
    Ok((parts, hex(&sum.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table rebuilt with its columns in another order holds what it held: the same checksum.
    #[test]
    fn a_columns_place_in_its_table_is_no_content() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::store::open(&dir.path().join("w.db")).expect("open");
        let before = checksum(&conn).expect("before").1;
        conn.execute_batch(
            "CREATE TABLE data_dictionary_rebuilt AS
                 SELECT description, unit, data_type, column_name, object_type, object, id FROM data_dictionary;
             DROP TABLE data_dictionary;
             ALTER TABLE data_dictionary_rebuilt RENAME TO data_dictionary;",
        )
        .expect("rebuild");
        let rows: i64 = conn.query_row("SELECT count(*) FROM data_dictionary", [], |r| r.get(0)).expect("rows");
        assert!(rows > 100, "{rows} rows");
        assert_eq!(checksum(&conn).expect("after").1, before);
    }

    /// The same rows written in another order, under other ids, give the same checksum; a changed
    /// value gives another.
    #[test]
    fn rows_count_by_content_not_by_order_or_id() {
        let dir = tempfile::tempdir().expect("temp dir");
        let make = |name: &str, order: &[(i64, &str)]| {
            let conn = crate::store::open(&dir.path().join(name)).expect("open");
            for (id, key) in order {
                conn.execute(
                    "INSERT INTO towns (id, town_key, name, resolution) VALUES (?1, ?2, ?2, 'unknown')",
                    rusqlite::params![id, key],
                )
                .expect("town");
            }
            conn
        };
        let a = make("a.db", &[(1, "甲镇"), (2, "乙镇")]);
        let b = make("b.db", &[(7, "乙镇"), (9, "甲镇")]);
        let c = make("c.db", &[(1, "甲镇"), (2, "丙镇")]);
        let (a, b, c) = (checksum(&a).expect("a").1, checksum(&b).expect("b").1, checksum(&c).expect("c").1);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
