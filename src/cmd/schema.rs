//! `gwr schema`: prints the data dictionary stored in the warehouse, every public table and view
//! with what each column means, its type and its unit.

use crate::cli::SchemaArgs;
use crate::store;
use anyhow::{bail, Context};
use std::fmt::Write as _;
use std::io::Write as _;

pub fn run(args: &SchemaArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    if !store::dictionary::is_stored(&conn)? {
        bail!("{} has no data dictionary yet: run `gwr migrate --db {}` first", args.db.display(), args.db.display());
    }
    let rows = store::dictionary::stored(&conn, args.object.as_deref())?;
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
