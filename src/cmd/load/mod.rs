//! `gwr load`: report files and folders into the warehouse.

mod planning;

use super::count;
use crate::cli::LoadArgs;
use crate::error::Error;
use crate::files;
use crate::pipeline::Options;
use crate::store::{self, writer::RunTotals, Writer};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use planning::{give_back_planning_memory, Planned};
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The folder `gwr load` reads when given no path.
pub const DEFAULT_CORPUS: &str = "corpus";

pub fn run(args: &LoadArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let roots = if args.paths.is_empty() { vec![PathBuf::from(DEFAULT_CORPUS)] } else { args.paths.clone() };
    // Every path is checked before the database is touched: a typo writes nothing.
    for root in &roots {
        if std::fs::symlink_metadata(root).is_err() {
            return Err(Error::MissingPath(root.clone()).into());
        }
    }
    let mut walk = files::walk(&roots);
    if walk.files.is_empty() && walk.skipped.is_empty() {
        let given = roots.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        eprintln!("no report files (.txt, .htm, .html) in {given}: nothing to load");
        return Ok(super::EXIT_OK);
    }
    store::db::check_folder(&args.db)?;
    let _lock = store::lock::acquire(&args.db)?;
    // A new warehouse is built beside its path, without the WAL, and moved there when the run ends
    // (`store::building`); an existing one is written as it stands.
    let mut building = store::building::Building::begin(&args.db)?;
    let at = building.as_ref().map_or(args.db.as_path(), |b| b.path());
    // The planners need only the stored files (to pass the unchanged ones by): they start before
    // the shipped data is brought up to date (a new warehouse's gazetteer, a quarter of a second),
    // which is done before the run writes anything.
    let conn = store::open_unsynced(at).with_context(|| format!("opening {}", args.db.display()))?;
    let stored = store::files::stored(&conn)?;
    let names = stored.iter().map(|(name, f)| (name.clone(), f.location.clone())).collect();
    files::settle_names(&mut walk.files, &names);
    let known = if args.force { HashMap::new() } else { stored };
    let met: HashSet<String> = walk.files.iter().map(|f| f.name.clone()).collect();
    let opts = Options { encoding: args.encoding.map(Into::into), explain: false };
    let files_seen = walk.files.len() + walk.skipped.len();
    let progress = progress_bar(walk.files.len() as u64);
    let files = std::mem::take(&mut walk.files);
    let (planner, batches) = planning::start(files, known, opts)?;
    store::shipped::sync(&conn).with_context(|| format!("opening {}", args.db.display()))?;
    if building.is_some() {
        store::building::memory_journal(&conn)?;
    }

    let arguments = roots.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ");
    let mut writer = Writer::begin(conn, &arguments)?.refresh(args.force);
    let mut totals = RunTotals { files_seen, ..Default::default() };
    for skipped in &walk.skipped {
        let r = &skipped.refusal;
        fail(&mut writer, &mut totals, &progress, &skipped.name, r.reason.as_str(), &r.detail)?;
    }
    let mut refused_before = 0usize;
    let mut bytes_read = 0u64;
    // With --quiet, warnings are counted for the summary line instead of printed.
    let mut warnings = 0usize;

    // Where the writer's time goes: storing, or waiting for the planners.
    let (mut writing, mut waiting) = (Duration::ZERO, Duration::ZERO);
    let mut waited_from = Instant::now();
    super::interrupt::watch();
    let mut files_done = walk.skipped.len();
    // A batch's share of the bytes in flight goes back when the batch has been stored.
    for (batch, _share) in batches.iter() {
        waiting += waited_from.elapsed();
        files_done += batch.len();
        let mut to_write = Vec::with_capacity(batch.len());
        for planned in batch {
            match planned {
                Planned::Unchanged { source, reports } => {
                    totals.reports.unchanged += reports;
                    progress.set_message(source);
                    progress.inc(1);
                }
                Planned::RefusedBefore { source } => {
                    refused_before += 1;
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
                                refusal.reason.as_str(),
                                &refusal.detail,
                            )?;
                            if !plan.bytes_sha256.is_empty() {
                                writer.record_refused(&plan)?;
                            }
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
        writer.note_progress(&totals)?;
        if super::interrupt::requested() {
            break;
        }
        waited_from = Instant::now();
    }
    drop(batches); // the planner stops at its next batch
    if super::interrupt::requested() {
        let _ = planner.join();
        progress.finish_and_clear();
        return interrupted(writer, building, &totals, files_done);
    }
    planner.join().map_err(|_| anyhow::anyhow!("the planning thread stopped unexpectedly"))?;
    progress.finish_and_clear();
    give_back_planning_memory();
    let gone = writer.gone_files(&walk.folders, &met)?;
    if args.prune && !gone.is_empty() {
        writer.prune(&gone)?;
    }
    writer.drop_orphan_towns()?;
    let run_id = writer.run_id();
    let conn = writer.finish(&totals, "finished")?;
    if let Some(building) = building.as_mut() {
        store::building::wal(&conn)?;
        building.flush_beside();
    }
    // The panel and rankings of the towns this run touched, rebuilt once, after the last batch.
    let refreshing = Instant::now();
    let readers = if building.is_some() { store::derived::Readers::None } else { store::derived::Readers::May };
    let refreshed = crate::store::derived::refresh_timed(&conn, readers)?;
    let refresh_time = refreshing.elapsed();
    // A warehouse counting its own term list counts this run's reports for it too.
    crate::store::terms::catch_up(&conn)?;
    if let Some(building) = building {
        building.finish(conn).with_context(|| format!("moving the new warehouse to {}", args.db.display()))?;
    }
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
    if refused_before > 0 {
        println!("{refused_before} file(s) refused by an earlier run are unchanged and were not read again (--force retries them)");
    }
    report_gone(&gone, args.prune);
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        let peak = peak_rss_mb().map_or("unknown".to_string(), |mb| format!("{mb:.0} MB"));
        eprintln!(
            "stats: {secs:.2} s, {:.1} MB read ({:.1} MB/s), {:.0} reports/s, peak RSS {peak}; \
             the writer stored for {:.2} s and waited for planning for {:.2} s; \
             the panel and rankings were refreshed in {:.2} s{}; the writer's thread used {} of CPU",
            bytes_read as f64 / 1e6,
            bytes_read as f64 / 1e6 / secs,
            (r.loaded + r.replaced) as f64 / secs,
            writing.as_secs_f64(),
            waiting.as_secs_f64(),
            refresh_time.as_secs_f64(),
            refresh_parts(&refreshed),
            thread_cpu_secs().map_or("unknown".to_string(), |s| format!("{s:.2} s"))
        );
    }
    Ok(if totals.files_failed > 0 { super::EXIT_PARTIAL } else { super::EXIT_OK })
}

/// The parts of a refresh for the stats line: the panel then the rankings on the warehouse's
/// connection, the attainment rows beside them on another, then their copy.
fn refresh_parts(r: &crate::store::derived::Refreshed) -> String {
    if r.towns == 0 {
        return String::new();
    }
    format!(
        " (the panel {:.2} s then the rankings {:.2} s, the attainment rows beside them {:.2} s, their copy {:.2} s)",
        r.panel.as_secs_f64(),
        r.rankings.as_secs_f64(),
        r.attainment.as_secs_f64(),
        r.copy.as_secs_f64()
    )
}

/// Ends a run stopped by Ctrl-C: it is marked interrupted and says what it kept.
fn interrupted(
    writer: Writer,
    building: Option<store::building::Building>,
    totals: &RunTotals,
    files_done: usize,
) -> anyhow::Result<i32> {
    let conn = writer.finish(totals, "interrupted")?;
    // A warehouse being built keeps what was stored too: it is moved to its path.
    if let Some(building) = building {
        building.finish(conn)?;
    }
    let r = &totals.reports;
    eprintln!(
        "interrupted: {} reports stored ({} of {} files done); run the same load again to finish",
        thousands(r.loaded + r.replaced + r.unchanged),
        thousands(files_done),
        thousands(totals.files_seen)
    );
    Ok(EXIT_INTERRUPTED)
}

/// 1017 as "1,017".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Exit code of a load stopped by Ctrl-C (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: i32 = 130;

/// Says which stored files were not met in their folder: removed with `--prune`, else named.
fn report_gone(gone: &[String], pruned: bool) {
    if gone.is_empty() {
        return;
    }
    if pruned {
        println!("{} file(s) gone from the loaded folders: their reports were removed", gone.len());
    } else {
        println!(
            "{} file(s) loaded earlier are gone from the loaded folders (first: {}); their reports are kept: \
             run again with --prune to remove them",
            gone.len(),
            gone[0]
        );
    }
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

/// The CPU time (user and system) this thread has used, where the system tells it.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The fields after the command name (in parentheses, which may hold spaces): utime and stime
    // are the 12th and 13th, in clock ticks (100 a second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
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
