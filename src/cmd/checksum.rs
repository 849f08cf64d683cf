//! `gwr checksum` (hidden): the warehouse's checksum by content, for the benchmark and the tests.

use crate::cli::ChecksumArgs;
use crate::store;
use anyhow::Context;

pub fn run(args: &ChecksumArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let (parts, sum) = store::checksum::checksum(&conn)?;
    let mut out = String::new();
    if args.parts {
        let width = parts.iter().map(|p| p.name.len()).max().unwrap_or(0);
        for p in &parts {
            out.push_str(&format!("{:<width$} {:>9} {}\n", p.name, p.rows, p.sha256));
        }
    }
    out.push_str(&sum);
    out.push('\n');
    super::print_out(&out)?;
    Ok(super::EXIT_OK)
}
