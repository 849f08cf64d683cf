//! `gwr load`: report files and folders into the warehouse.

use crate::cli::LoadArgs;
use crate::error::Error;
use crate::pipeline::{self, Options};
use crate::store::{self, writer::RunTotals, Writer};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The folder `gwr load` reads when given no path.
pub const DEFAULT_CORPUS: &str = "corpus";

/// File endings `gwr load` picks up inside folders.
const EXTENSIONS: [&str; 3] = ["txt", "htm", "html"];

pub fn run(args: &LoadArgs) -> anyhow::Result<i32> {
    let roots = if args.paths.is_empty() { vec![PathBuf::from(DEFAULT_CORPUS)] } else { args.paths.clone() };
    // Every path is checked before the database is touched: a typo writes nothing.
    for root in &roots {
        if !root.exists() {
            return Err(Error::MissingPath(root.clone()).into());
        }
    }
    let files = collect_files(&roots)?;
    let opts = Options { encoding: args.encoding };
    let conn = store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let arguments = roots.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ");
    let mut writer = Writer::begin(conn, &arguments)?;
    let progress = progress_bar(files.len() as u64);
    let mut totals = RunTotals { files_seen: files.len(), ..Default::default() };

    for file in &files {
        let source = source_path(file);
        progress.set_message(source.clone());
        let plan = pipeline::plan_file(file, &source, &opts);
        for warning in &plan.warnings {
            progress.suspend(|| eprintln!("{source}: warning: {warning}"));
        }
        let failure = match &plan.error {
            Some(refusal) => Some((refusal.reason, refusal.detail.clone())),
            None => match writer.write_file(&plan) {
                Ok(outcome) => {
                    totals.reports.loaded += outcome.loaded;
                    totals.reports.unchanged += outcome.unchanged;
                    totals.reports.replaced += outcome.replaced;
                    totals.reports.duplicate += outcome.duplicate;
                    if outcome.duplicate > 0 {
                        progress.suspend(|| {
                            eprintln!(
                                "{source}: {} report(s) already loaded from another file, skipped",
                                outcome.duplicate
                            )
                        });
                    }
                    None
                }
                Err(e) => Some(("store_failed", format!("the reports could not be stored: {e}"))),
            },
        };
        if let Some((reason, detail)) = failure {
            totals.files_failed += 1;
            progress.suspend(|| eprintln!("{source}: {reason}: {detail}"));
            writer.record_error(&source, reason, &detail)?;
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    let run_id = writer.run_id();
    writer.finish(&totals)?;
    let r = &totals.reports;
    println!(
        "load run {run_id} into {}: {} files seen, {} reports loaded, {} unchanged, {} replaced, {} duplicate, {} files failed",
        args.db.display(),
        totals.files_seen,
        r.loaded,
        r.unchanged,
        r.replaced,
        r.duplicate,
        totals.files_failed
    );
    Ok(if totals.files_failed > 0 { super::EXIT_PARTIAL } else { super::EXIT_OK })
}

/// The files under the given roots, sorted so two runs over one folder give one result.
pub fn collect_files(roots: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for root in roots {
        if root.is_dir() {
            walk(root, &mut files)?;
        } else {
            files.push(root.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading folder {}", dir.display()))?;
    for entry in entries {
        let path = entry.with_context(|| format!("reading folder {}", dir.display()))?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            files.push(path);
        }
    }
    Ok(())
}

/// The path recorded for a file: relative to the working folder when inside it, so the same
/// corpus loaded as `corpus` or `./corpus` is one set of reports.
pub fn source_path(file: &Path) -> String {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| absolute.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(absolute);
    relative.to_string_lossy().replace('\\', "/")
}

fn progress_bar(len: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files {elapsed} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
