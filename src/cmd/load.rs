//! `gwr load`: report files and folders into the warehouse.

use super::count;
use crate::cli::LoadArgs;
use crate::error::Error;
use crate::files::{self, FileToRead};
use crate::model::FilePlan;
use crate::pipeline::{self, Options};
use crate::store::{self, files::StoredFile, writer::RunTotals, Writer};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// The folder `gwr load` reads when given no path.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Files planned together and written in one transaction. Memory is bounded by the batches in
/// flight (one being planned, one waiting, one being written; `IN_FLIGHT_BYTES`), never by the
/// corpus. Each commit writes every page the batch dirtied to the WAL, the hot ends of the indexes
/// included: fewer, larger batches write them fewer times. 256 files: most of the gain of 512
/// (which peaked at 210 to 290 MB on a 40,000-report load, against 150 MB for 128) at a safer peak.
const BATCH_FILES: usize = 256;

/// A batch also ends once its files hold this many bytes, so that a corpus of long reports is held
/// a few files at a time rather than 256 (a batch of 256 files of 1 MB would hold 256 MB of text
/// before its facts). The synthetic corpora of the benchmark average about 23 KB a file: their
/// batches still end at 256 files (5.9 MB).
const BATCH_BYTES: u64 = 8 << 20;

/// The bytes of files planned at once (`files::Budget`): planning holds a report about 17 times
/// its size, so two reports of 4 MB planned side by side weighed 130 MB beside the writer's page
/// cache. Reports of tens of kilobytes are planned side by side as before; two of a few
/// megabytes, one after the other.
const PLANNING_BYTES: u64 = 4 << 20;

/// The bytes of the files of the batches between the planners and the writer at once: the one
/// being planned, the one waiting, the one being stored (whose plans hold their texts and facts,
/// several times the files' size in a text dense with figures). Three batches of 256 files of
/// tens of kilobytes fit, as before; of long reports, which fill a batch by its bytes, two: the
/// planners wait for the writer instead.
const IN_FLIGHT_BYTES: u64 = 20 << 20;

/// What the planning thread hands the writer for one file.
enum Planned {
    /// The file's bytes are those already loaded: nothing to do.
    Unchanged {
        source: String,
        reports: usize,
    },
    /// The file's bytes are those an earlier run refused: not read again (`--force` retries).
    RefusedBefore {
        source: String,
    },
    Plan(FilePlan),
}

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
    let conn = store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let arguments = roots.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ");
    let mut writer = Writer::begin(conn, &arguments)?.refresh(args.force);
    let stored = writer.stored_files()?;
    let names = stored.iter().map(|(name, f)| (name.clone(), f.location.clone())).collect();
    files::settle_names(&mut walk.files, &names);
    let known = if args.force { HashMap::new() } else { stored };
    let met: HashSet<String> = walk.files.iter().map(|f| f.name.clone()).collect();
    let progress = progress_bar(walk.files.len() as u64);
    let mut totals = RunTotals { files_seen: walk.files.len() + walk.skipped.len(), ..Default::default() };
    for skipped in &walk.skipped {
        let r = &skipped.refusal;
        fail(&mut writer, &mut totals, &progress, &skipped.name, r.reason.as_str(), &r.detail)?;
    }
    let mut refused_before = 0usize;
    let mut bytes_read = 0u64;
    // With --quiet, warnings are counted for the summary line instead of printed.
    let mut warnings = 0usize;

    let opts = Options { encoding: args.encoding.map(Into::into), explain: false };
    let files = std::mem::take(&mut walk.files);
    let (sender, batches) = mpsc::sync_channel::<(Vec<Planned>, files::Share)>(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("gwr-planner-{i}"))
        .start_handler(|_| yield_to_writer())
        .build()
        .context("starting the planning threads")?;
    let budget = Arc::new(files::Budget::new(PLANNING_BYTES));
    let in_flight = Arc::new(files::Budget::new(IN_FLIGHT_BYTES));
    let planner = std::thread::spawn(move || {
        let chunks: Vec<&[FileToRead]> = batches_of(&files).collect();
        // While a batch is planned, the next one's files are read ahead (a corpus not read before
        // comes off the disk meanwhile), on a thread of their own that only waits for the disk.
        let (ahead, to_read) = mpsc::sync_channel::<&[FileToRead]>(1);
        std::thread::scope(|scope| {
            let reader = std::thread::Builder::new().name("gwr-read-ahead".into());
            let _ = reader.spawn_scoped(scope, move || to_read.iter().for_each(files::read_ahead));
            for (k, chunk) in chunks.iter().enumerate() {
                // (A batch still waiting to be read ahead is reading enough: the next is not queued.)
                if let Some(next) = chunks.get(k + 1) {
                    let _ = ahead.try_send(next);
                }
                let share = in_flight.take(chunk.iter().map(|f| f.size.min(files::MAX_FILE_BYTES)).sum());
                let planned: Vec<Planned> =
                    pool.install(|| chunk.par_iter().map(|file| plan(file, &known, &opts, &budget)).collect());
                if sender.send((planned, share)).is_err() {
                    break; // the writer stopped
                }
            }
            // The reader stops when this end goes, and the scope ends when the reader stops.
            drop(ahead);
        });
    });

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
        return interrupted(writer, &totals, files_done);
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
             the panel and rankings were refreshed in {:.2} s; the writer's thread used {} of CPU",
            bytes_read as f64 / 1e6,
            bytes_read as f64 / 1e6 / secs,
            (r.loaded + r.replaced) as f64 / secs,
            writing.as_secs_f64(),
            waiting.as_secs_f64(),
            refresh_time.as_secs_f64(),
            thread_cpu_secs().map_or("unknown".to_string(), |s| format!("{s:.2} s"))
        );
    }
    Ok(if totals.files_failed > 0 { super::EXIT_PARTIAL } else { super::EXIT_OK })
}

/// Lowers the calling planning thread's priority below the writer's. The writer is one thread and
/// the planners are one per core: left equal, they take turns with it, the writer falls behind and
/// the planners' finished batches wait in memory. Yielding, the planners use what the writer
/// leaves (on 2 cores, 40,000 reports: peak RSS 217 to 231 MB in seven runs against 229 to 248 MB
/// in five; the time is the same within the machine's run-to-run spread). Linux sets priorities
/// per thread; elsewhere this does nothing.
fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; `who` 0 is the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, PLANNER_NICENESS);
    }
}

/// Returns the memory the planners freed to the system (before the refresh, which needs its own,
/// and after a long file):
/// glibc keeps a thread's freed memory for the thread's next allocations, and the planners make
/// none after the last batch (on 2 cores, 40,000 reports: peak RSS 189 MB against 223 MB, the
/// peak being the refresh's on top of what planning had kept).
fn give_back_planning_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator's arenas.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// How much lower than the writer's the planners' priority is (nice values: 0 to 19).
#[cfg(target_os = "linux")]
const PLANNER_NICENESS: libc::c_int = 10;

/// The files in batches: a batch ends at BATCH_FILES files or with the file that brings it to
/// BATCH_BYTES (the sizes the walk found).
fn batches_of(files: &[FileToRead]) -> impl Iterator<Item = &[FileToRead]> {
    let mut rest = files;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut bytes = 0u64;
        let mut n = 0;
        while n < rest.len() && n < BATCH_FILES && (n == 0 || bytes < BATCH_BYTES) {
            bytes += rest[n].size;
            n += 1;
        }
        let (batch, tail) = rest.split_at(n);
        rest = tail;
        Some(batch)
    })
}

/// Ends a run stopped by Ctrl-C: it is marked interrupted and says what it kept.
fn interrupted(writer: Writer, totals: &RunTotals, files_done: usize) -> anyhow::Result<i32> {
    writer.finish(totals, "interrupted")?;
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

fn plan(
    file: &FileToRead,
    known: &HashMap<String, StoredFile>,
    opts: &Options,
    budget: &Arc<files::Budget>,
) -> Planned {
    // Given back once the file's planning memory is freed (the plan keeps its texts and facts).
    let _share = budget.take(file.size.min(files::MAX_FILE_BYTES));
    let source = file.name.clone();
    let bytes = match files::read(&file.path) {
        Ok(b) => b,
        Err(refusal) => return Planned::Plan(pipeline::refused(&source, refusal)),
    };
    if let Some(stored) = known.get(&source) {
        if stored.bytes_sha256 == pipeline::sha256_hex(&bytes) {
            return match stored.refusal {
                Some(_) => Planned::RefusedBefore { source },
                None => Planned::Unchanged { source, reports: stored.report_count },
            };
        }
    }
    let mut plan = pipeline::plan_bytes(&bytes, &source, opts);
    plan.location = Some(file.location.clone());
    if bytes.len() >= GIVE_BACK_AFTER_BYTES {
        drop(bytes);
        give_back_planning_memory();
    }
    Planned::Plan(plan)
}

/// A file this long is planned in memory many times its size (about 17 bytes a byte of a Chinese
/// text: its folded copy, character indexes, clauses, quantities), which the allocator keeps once
/// freed, each planning thread in an arena of its own: a corpus of such files grew a load's memory
/// file after file (sixteen reports of 4 MB: 366 MB before the refresh gave it back). After one,
/// the memory is given back at once; a report of tens of kilobytes costs no such call.
const GIVE_BACK_AFTER_BYTES: usize = 1 << 20;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Small files are batched by count, large ones by bytes; every file lands in one batch, in order.
    #[test]
    fn batches_end_at_a_count_or_a_size() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = |name: &str, len: usize| {
            let path = dir.path().join(name);
            std::fs::write(&path, vec![b'a'; len]).expect("write");
            FileToRead { path, name: name.to_string(), location: name.to_string(), size: len as u64 }
        };
        let mut files: Vec<FileToRead> = (0..300).map(|i| file(&format!("s{i}"), 10)).collect();
        files.extend((0..5).map(|i| file(&format!("l{i}"), 3 << 20)));
        let sizes: Vec<usize> = batches_of(&files).map(<[FileToRead]>::len).collect();
        // 256 small ones; the other 44 and the three large files that bring that batch past 8 MB;
        // the last two large ones.
        assert_eq!(sizes, vec![256, 47, 2]);
        let names: Vec<&str> = batches_of(&files).flatten().map(|f| f.name.as_str()).collect();
        assert_eq!(names, files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>());
    }
}
