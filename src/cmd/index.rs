//! `gwr index`: builds the full-text search file beside the warehouse (see `store::search`).

use crate::cli::IndexArgs;
use crate::store;
use anyhow::Context;

pub fn run(args: &IndexArgs) -> anyhow::Result<i32> {
    if !args.db.exists() {
        anyhow::bail!("no warehouse at {}: run `gwr load` first", args.db.display());
    }
    let out = args.out.clone().unwrap_or_else(|| store::search::default_path(&args.db));
    let built = store::search::build(&args.db, &out).with_context(|| format!("indexing {}", args.db.display()))?;
    println!(
        "indexed {} passages of {} reports from {} into {}",
        built.passages,
        built.reports,
        args.db.display(),
        out.display()
    );
    Ok(super::EXIT_OK)
}
