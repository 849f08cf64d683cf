//! The planning side of a load: the files in batches, each batch planned by a pool of threads
//! (one per core, at a lower priority than the writer) within budgets of file bytes, and handed to
//! the writer through a channel of one batch.

use crate::files::{self, FileToRead};
use crate::model::FilePlan;
use crate::pipeline::{self, Options};
use crate::store::files::StoredFile;
use anyhow::Context;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

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
pub(super) enum Planned {
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

/// A batch of planned files, in the order of the walk, and its share of the bytes in flight (given
/// back when the batch is dropped, once it is stored).
pub(super) type Batch = (Vec<Planned>, files::Share);

/// Starts planning `files`, batch after batch, on threads of their own (one per core, at a lower
/// priority than the writer), the next batch's files read ahead meanwhile. The writer takes the
/// batches from the receiver; the planning stops at its next batch once the receiver is dropped.
pub(super) fn start(
    files: Vec<FileToRead>,
    known: HashMap<String, StoredFile>,
    opts: Options,
) -> anyhow::Result<(JoinHandle<()>, Receiver<Batch>)> {
    let (sender, batches) = mpsc::sync_channel::<Batch>(1);
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
                let share = in_flight.take(chunk.iter().map(budgeted_bytes).sum());
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
    Ok((planner, batches))
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
pub(super) fn give_back_planning_memory() {
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

fn plan(
    file: &FileToRead,
    known: &HashMap<String, StoredFile>,
    opts: &Options,
    budget: &Arc<files::Budget>,
) -> Planned {
    // Given back once the file's planning memory is freed (the plan keeps its texts and facts).
    let _share = budget.take(budgeted_bytes(file));
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

/// The bytes a file counts for in the budgets: its size when the walk found it, never more than a
/// file may hold to be read.
fn budgeted_bytes(file: &FileToRead) -> u64 {
    file.size.min(files::MAX_FILE_BYTES)
}

/// A file this long is planned in memory many times its size (about 17 bytes a byte of a Chinese
/// text: its folded copy, character indexes, clauses, quantities), which the allocator keeps once
/// freed, each planning thread in an arena of its own: a corpus of such files grew a load's memory
/// file after file (sixteen reports of 4 MB: 366 MB before the refresh gave it back). After one,
/// the memory is given back at once; a report of tens of kilobytes costs no such call.
const GIVE_BACK_AFTER_BYTES: usize = 1 << 20;

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
