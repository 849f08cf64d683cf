//! `gwr index`: builds the full-text search file beside the warehouse (see `store::search`).

use super::count;
use crate::cli::IndexArgs;
use crate::store;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub fn run(args: &IndexArgs) -> anyhow::Result<i32> {
    if !args.db.exists() {
        anyhow::bail!("no warehouse at {}: run `gwr load` first", args.db.display());
    }
    let out = args.out.clone().unwrap_or_else(|| store::search::default_path(&args.db));
    // On stderr, and only where someone watches it.
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} reports indexed {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut tick = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let built =
        store::search::build(&args.db, &out, &mut tick).with_context(|| format!("indexing {}", args.db.display()))?;
    bar.finish_and_clear();
    println!(
        "indexed {} of {} from {} into {}",
        count(built.passages, "paragraph", "paragraphs"),
        count(built.reports, "report", "reports"),
        args.db.display(),
        out.display()
    );
    Ok(super::EXIT_OK)
}
