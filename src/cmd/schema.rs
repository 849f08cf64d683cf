//! `gwr schema`: prints the data dictionary stored in the warehouse, every public table and view
//! with what each column means, its type and its unit.

use crate::cli::SchemaArgs;
use crate::store;
use anyhow::{bail, Context};
use std::fmt::Write as _;
use std::io::Write as _;

struct Row {
    object: String,
    object_type: String,
    column: Option<String>,
    data_type: Option<String>,
    unit: Option<String>,
    description: String,
}

pub fn run(args: &SchemaArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let has_dictionary: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'data_dictionary'",
        [],
        |r| r.get(0),
    )?;
    if !has_dictionary {
        bail!("{} has no data dictionary yet: run `gwr migrate --db {}` first", args.db.display(), args.db.display());
    }
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT object, object_type, column_name, data_type, unit, description FROM data_dictionary
             WHERE ?1 IS NULL OR object = ?1
             ORDER BY CASE object_type WHEN 'table' THEN 0 ELSE 1 END, object, column_name IS NOT NULL, id",
        )?
        .query_map([args.object.as_deref()], |r| {
            Ok(Row {
                object: r.get(0)?,
                object_type: r.get(1)?,
                column: r.get(2)?,
                data_type: r.get(3)?,
                unit: r.get(4)?,
                description: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    if rows.is_empty() {
        match &args.object {
            Some(o) => bail!("no table or view named {o} in the data dictionary (`gwr schema` lists them all)"),
            None => bail!("the data dictionary of {} is empty: run `gwr migrate` to fill it", args.db.display()),
        }
    }
    let name_width = rows.iter().filter_map(|r| r.column.as_ref()).map(|c| c.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    let mut first = true;
    for r in &rows {
        match &r.column {
            None => {
                if !first {
                    out.push('\n');
                }
                first = false;
                writeln!(out, "{} ({})\n  {}", r.object, r.object_type, r.description)?;
            }
            Some(c) => {
                let unit = r.unit.as_deref().map(|u| format!(" [{u}]")).unwrap_or_default();
                writeln!(
                    out,
                    "  {c:<name_width$}  {:<7}  {}{unit}",
                    r.data_type.as_deref().unwrap_or(""),
                    r.description
                )?;
            }
        }
    }
    // A reader that stops early (`gwr schema | head`) is not an error.
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(super::EXIT_OK),
    }
}
