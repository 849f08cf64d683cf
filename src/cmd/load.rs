//! `gwr load`: report files and folders into the warehouse.

use super::count;
use crate::cli::LoadArgs;
use crate::error::Error;
use crate::model::FilePlan;
use crate::pipeline::{self, Options};
use crate::store::{self, writer::RunTotals, Writer};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The folder `gwr load` reads when given no path.
pub const DEFAULT_CORPUS: &str = "corpus";

/// File endings `gwr load` picks up inside folders.
const EXTENSIONS: [&str; 3] = ["txt", "htm", "html"];

/// Files planned together and written in one transaction. Memory is bounded by two batches (one
/// being planned, one being written), never by the corpus. Each commit writes every page the batch
/// dirtied to the WAL, the hot ends of the indexes included: fewer, larger batches write them fewer
/// times. 256 files: most of the gain of 512 (which peaked at 210 to 290 MB on a 40,000-report
/// load, against 150 MB for 128) at a safer peak.
const BATCH_FILES: usize = 256;

/// What the planning thread hands the writer for one file.
enum Planned {
    /// The file's bytes are those already loaded: nothing to do.
    Unchanged {
        source: String,
        reports: usize,
    },
    Plan(FilePlan),
}

pub fn run(args: &LoadArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
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
    let mut writer = Writer::begin(conn, &arguments)?.refresh(args.force);
    let known = if args.force { HashMap::new() } else { writer.known_files()? };
    let progress = progress_bar(files.len() as u64);
    let mut totals = RunTotals { files_seen: files.len(), ..Default::default() };
    let mut bytes_read = 0u64;
    // With --quiet, warnings are counted for the summary line instead of printed.
    let mut warnings = 0usize;

    let (sender, batches) = mpsc::sync_channel::<Vec<Planned>>(1);
    let planner = std::thread::spawn(move || {
        for chunk in files.chunks(BATCH_FILES) {
            let planned: Vec<Planned> = chunk.par_iter().map(|file| plan(file, &known, &opts)).collect();
            if sender.send(planned).is_err() {
                break; // the writer stopped
            }
        }
    });

    // Where the writer's time goes: storing, or waiting for the planners.
    let (mut writing, mut waiting) = (Duration::ZERO, Duration::ZERO);
    let mut waited_from = Instant::now();
    for batch in batches {
        waiting += waited_from.elapsed();
        let mut to_write = Vec::with_capacity(batch.len());
        for planned in batch {
            match planned {
                Planned::Unchanged { source, reports } => {
                    totals.reports.unchanged += reports;
                    progress.set_message(source);
                    progress.inc(1);
                }
                Planned::Plan(plan) => {
                    bytes_read += plan.byte_count as u64;
                    warnings += plan.warnings.len();
                    for warning in plan.warnings.iter().filter(|_| !args.quiet) {
                        let source = &plan.source_path;
                        progress.suspend(|| eprintln!("{source}: warning: {warning}"));
                    }
                    match &plan.error {
                        Some(refusal) => {
                            fail(
                                &mut writer,
                                &mut totals,
                                &progress,
                                &plan.source_path,
                                refusal.reason,
                                &refusal.detail,
                            )?;
                            progress.inc(1);
                        }
                        None => to_write.push(plan),
                    }
                }
            }
        }
        let write_started = Instant::now();
        let outcomes = writer.write_batch(&to_write)?;
        writing += write_started.elapsed();
        for (plan, outcome) in to_write.iter().zip(outcomes) {
            progress.set_message(plan.source_path.clone());
            progress.inc(1);
            match outcome {
                Ok(o) => {
                    totals.reports.loaded += o.loaded;
                    totals.reports.unchanged += o.unchanged;
                    totals.reports.replaced += o.replaced;
                    totals.reports.duplicate += o.duplicate;
                    if o.duplicate > 0 && !args.quiet {
                        let source = &plan.source_path;
                        progress.suspend(|| {
                            eprintln!(
                                "{source}: {} already loaded from another file, skipped",
                                count(o.duplicate, "report", "reports")
                            )
                        });
                    }
                }
                Err(e) => {
                    let detail = format!("the reports could not be stored: {e}");
                    fail(&mut writer, &mut totals, &progress, &plan.source_path, "store_failed", &detail)?;
                }
            }
        }
        waited_from = Instant::now();
    }
    planner.join().map_err(|_| anyhow::anyhow!("the planning thread stopped unexpectedly"))?;
    progress.finish_and_clear();
    let run_id = writer.run_id();
    let conn = writer.finish(&totals)?;
    // The panel and rankings of the towns this run touched, rebuilt once, after the last batch.
    let refreshing = Instant::now();
    crate::store::derived::refresh(&conn)?;
    let refresh_time = refreshing.elapsed();
    // A warehouse counting its own term list counts this run's reports for it too.
    crate::store::terms::catch_up(&conn)?;
    let r = &totals.reports;
    let quieted = if args.quiet && warnings > 0 {
        format!(", {}", count(warnings, "warning", "warnings"))
    } else {
        String::new()
    };
    println!(
        "load run {run_id} into {}: {} seen, {} loaded, {} unchanged, {} replaced, {} duplicate, {} failed{quieted}",
        args.db.display(),
        count(totals.files_seen, "file", "files"),
        count(r.loaded, "report", "reports"),
        r.unchanged,
        r.replaced,
        r.duplicate,
        count(totals.files_failed, "file", "files"),
    );
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        let peak = peak_rss_mb().map_or("unknown".to_string(), |mb| format!("{mb:.0} MB"));
        eprintln!(
            "stats: {secs:.2} s, {:.1} MB read ({:.1} MB/s), {:.0} reports/s, peak RSS {peak}; \
             the writer stored for {:.2} s and waited for planning for {:.2} s; \
             the panel and rankings were refreshed in {:.2} s",
            bytes_read as f64 / 1e6,
            bytes_read as f64 / 1e6 / secs,
            (r.loaded + r.replaced) as f64 / secs,
            writing.as_secs_f64(),
            waiting.as_secs_f64(),
            refresh_time.as_secs_f64()
        );
    }
    Ok(if totals.files_failed > 0 { super::EXIT_PARTIAL } else { super::EXIT_OK })
}

fn plan(file: &Path, known: &HashMap<String, (String, usize)>, opts: &Options) -> Planned {
    let source = source_path(file);
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(_) => return Planned::Plan(pipeline::plan_file(file, &source, opts)),
    };
    if let Some((sha, reports)) = known.get(&source) {
        if *sha == pipeline::sha256_hex(&bytes) {
            return Planned::Unchanged { source, reports: *reports };
        }
    }
    Planned::Plan(pipeline::plan_bytes(&bytes, &source, opts))
}

fn fail(
    writer: &mut Writer,
    totals: &mut RunTotals,
    progress: &ProgressBar,
    source: &str,
    reason: &str,
    detail: &str,
) -> anyhow::Result<()> {
    totals.files_failed += 1;
    progress.suspend(|| eprintln!("{source}: {reason}: {detail}"));
    writer.record_error(source, reason, detail)?;
    Ok(())
}

/// The process's peak resident memory (VmHWM), where the system tells it.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
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
