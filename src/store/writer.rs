//! The one writer: a load run, and files written in batches, one transaction per batch, so that a
//! reader never sees half a report and a re-run of the same corpus changes nothing. A batch that
//! fails is rolled back and written again with a savepoint per file, so that a failing file leaves
//! nothing of itself behind while the rest of its batch lands.

use super::rows::Pending;
use crate::error::Result;
use crate::model::{FilePlan, ReportPlan};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashSet;

/// What writing one file did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FileOutcome {
    pub loaded: usize,
    pub unchanged: usize,
    pub replaced: usize,
    /// Reports already stored from another file (the same text under another name).
    pub duplicate: usize,
}

/// The counts a load run ends with.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunTotals {
    pub files_seen: usize,
    pub files_failed: usize,
    pub reports: FileOutcome,
}

pub struct Writer {
    conn: Connection,
    run_id: i64,
    /// Re-extract reports already stored from the same file instead of keeping them.
    refresh: bool,
}

/// The writer's page cache, in KiB (negative: SQLite's unit for a size rather than a page count).
/// Most of what the writer reads is the WAL, for its checkpoints; a batch's hot pages fit in
/// 32 MB: at 40,000 reports it read 2 % more pages than with 64 MB (16 MB: 40 % more, and 32 %
/// more writes, dirty pages spilled before the commit), and the load peaked 32 to 40 MB lower.
const WRITER_CACHE_KIB: i64 = -32_768;

/// WAL bytes between checkpoints during a load (about 80 MB of WAL at most). Each checkpoint holds
/// the writer, and the planners stop once a batch waits for it: larger ones (512 MB) wrote less but
/// stalled the pipeline (see `derived::REFRESH_CHECKPOINT_BYTES` for the refresh, which has no
/// planners to stall).
const WRITER_CHECKPOINT_BYTES: i64 = 80 << 20;

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

impl Writer {
    /// Starts a load run on an opened, migrated warehouse.
    pub fn begin(conn: Connection, arguments: &str) -> Result<Self> {
        // The per-file savepoints journal the pages they touch: in memory, not in a temporary
        // file. A page cache large enough for a batch keeps SQLite from spilling dirty pages to
        // the WAL in the middle of a transaction. Both cost memory bounded by these numbers.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "cache_size", WRITER_CACHE_KIB)?;
        // Checkpoint the WAL every WRITER_CHECKPOINT_BYTES instead of SQLite's 1,000 pages: the hot
        // index pages a load rewrites over and over are copied into the database once per
        // checkpoint, not once per thousand pages (perf: a tenth of the writer's time went to
        // checkpoints).
        super::db::checkpoint_every(&conn, WRITER_CHECKPOINT_BYTES)?;
        // The CHECK constraints that list allowed words (sections.part, targets.comparator,
        // towns.resolution, reports.kind) make SQLite build a temporary b-tree of the list for every
        // row inserted: about 12,000 instructions a row. What the writer stores there comes from
        // gwr's own enums; the tests run PRAGMA integrity_check, which checks every CHECK, on
        // loaded warehouses. Other writers of the warehouse are still checked.
        conn.pragma_update(None, "ignore_check_constraints", true)?;
        // Every statement a file runs stays prepared for the whole run.
        conn.set_prepared_statement_cache_capacity(32 + super::rows::MANY_ROW_STATEMENTS);
        // Only one load runs at a time (the caller holds the load lock): a run left open died.
        conn.execute("UPDATE load_runs SET outcome = 'died' WHERE finished_at IS NULL AND outcome IS NULL", [])?;
        conn.execute(
            &format!("INSERT INTO load_runs (started_at, tool_version, arguments) VALUES ({NOW}, ?1, ?2)"),
            params![env!("CARGO_PKG_VERSION"), arguments],
        )?;
        let run_id = conn.last_insert_rowid();
        Ok(Writer { conn, run_id, refresh: false })
    }

    /// Replace, rather than keep, the reports a file already has (`gwr load --force`).
    pub fn refresh(mut self, refresh: bool) -> Self {
        self.refresh = refresh;
        self
    }

    pub fn run_id(&self) -> i64 {
        self.run_id
    }

    /// Records a file the run could not load.
    pub fn record_error(&mut self, source_path: &str, reason: &str, detail: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO load_errors (load_run_id, source_path, reason, detail) VALUES (?1, ?2, ?3, ?4)",
            params![self.run_id, source_path, reason, detail],
        )?;
        Ok(())
    }

    /// Writes a batch of files in one transaction: a file that fails is rolled back alone and its
    /// error returned in its place.
    pub fn write_batch(&mut self, files: &[FilePlan]) -> Result<Vec<Result<FileOutcome>>> {
        let (run_id, refresh) = (self.run_id, self.refresh);
        // Almost every batch writes cleanly and only adds rows, whose parents the writer has just
        // written or looked up. It is written first as one transaction, without savepoints (whose
        // journal of every page a file touches would be paid on every file to serve the rare one
        // that fails) and without foreign-key checks (so that a statement of several rows needs no
        // statement journal: see `rows::insert_many`). A batch in which a file would delete stored
        // reports (whose facts go with them by the keys' cascades: a changed file, a forced load)
        // is written again as one transaction with the checks on; one in which a file fails, file
        // by file below. SQLite changes the setting only outside a transaction, and prepares the
        // statements again after it.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let first = self.write_whole(files, Cascades::Off);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let whole = match first? {
            Whole::NeedsCascades => self.write_whole(files, Cascades::On)?,
            other => other,
        };
        if let Whole::Written(outcomes) = whole {
            return Ok(outcomes.into_iter().map(Ok).collect());
        }
        let mut tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(files.len());
        for file in files {
            let sp = tx.savepoint()?;
            let mut pending = Pending::default();
            let written = write_file(&sp, run_id, file, refresh, Cascades::On, &mut pending)
                .and_then(|o| pending.write(&sp).map(|()| o.unwrap_or_default()));
            match written {
                Ok(outcome) => {
                    sp.commit()?;
                    outcomes.push(Ok(outcome));
                }
                // Dropping the savepoint rolls back whatever this file wrote.
                Err(e) => outcomes.push(Err(e)),
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// A batch written as one transaction, without savepoints: kept only when every file writes.
    fn write_whole(&mut self, files: &[FilePlan], cascades: Cascades) -> Result<Whole> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(files.len());
        // The batch's facts go in after all its reports, table by table.
        let mut pending = Pending::default();
        for file in files {
            // Dropping the transaction rolls the whole batch back.
            match write_file(&tx, self.run_id, file, self.refresh, cascades, &mut pending) {
                Ok(Some(outcome)) => outcomes.push(outcome),
                Ok(None) => return Ok(Whole::NeedsCascades),
                Err(_) => return Ok(Whole::Failed),
            }
        }
        if pending.write(&tx).is_err() {
            return Ok(Whole::Failed);
        }
        Ok(match tx.commit() {
            Ok(()) => Whole::Written(outcomes),
            Err(_) => Whole::Failed,
        })
    }

    /// Records a file refused as a whole, so that unchanged it is not read again.
    pub fn record_refused(&mut self, file: &FilePlan) -> Result<()> {
        super::files::record(&self.conn, self.run_id, file)
    }

    /// The stored files of the loaded folders that this run did not meet (`met`: names it did).
    pub fn gone_files(&self, folders: &[String], met: &HashSet<String>) -> Result<Vec<String>> {
        super::files::gone(&self.conn, folders, met)
    }

    /// Removes the reports of files that are gone (one transaction), and counts them on the run.
    pub fn prune(&mut self, names: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for name in names {
            super::files::prune(&tx, name)?;
        }
        tx.execute("UPDATE load_runs SET files_pruned = ?2 WHERE id = ?1", params![self.run_id, names.len() as i64])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes the towns no report names any more (a town of a replaced or pruned report, or one
    /// keyed the old way in an upgraded warehouse): `gwr towns` and the views list only towns
    /// with reports.
    pub fn drop_orphan_towns(&mut self) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM towns WHERE NOT EXISTS (SELECT 1 FROM reports AS r WHERE r.town_id = towns.id)",
            [],
        )?)
    }

    /// Writes the run's counts so far: a run that dies shows what it stored.
    pub fn note_progress(&mut self, totals: &RunTotals) -> Result<()> {
        self.write_totals(totals, "NULL")
    }

    /// Closes the run with its totals and hands the connection back. `outcome`: finished or
    /// interrupted.
    pub fn finish(mut self, totals: &RunTotals, outcome: &str) -> Result<Connection> {
        self.write_totals(totals, &format!("'{}'", outcome.replace('\'', "")))?;
        self.conn.execute(&format!("UPDATE load_runs SET finished_at = {NOW} WHERE id = ?1"), [self.run_id])?;
        self.conn.pragma_update(None, "ignore_check_constraints", false)?;
        Ok(self.conn)
    }

    fn write_totals(&mut self, totals: &RunTotals, outcome: &str) -> Result<()> {
        self.conn.execute(
            &format!(
                "UPDATE load_runs SET files_seen = ?2, reports_loaded = ?3,
                 reports_unchanged = ?4, reports_replaced = ?5, reports_duplicate = ?6, files_failed = ?7,
                 outcome = {outcome}
                 WHERE id = ?1"
            ),
            params![
                self.run_id,
                totals.files_seen as i64,
                totals.reports.loaded as i64,
                totals.reports.unchanged as i64,
                totals.reports.replaced as i64,
                totals.reports.duplicate as i64,
                totals.files_failed as i64
            ],
        )?;
        Ok(())
    }
}

/// What writing a batch as one transaction came to.
enum Whole {
    Written(Vec<FileOutcome>),
    /// A file would delete stored reports, which needs the foreign keys' cascades.
    NeedsCascades,
    /// A file failed: the batch is written again file by file.
    Failed,
}

/// Whether the foreign keys' checks and cascades are on for a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cascades {
    On,
    Off,
}

/// One file's reports and its rows in source_files and file_reports. `None` when the cascades are
/// off and the file would delete stored reports (nothing of it is then to be kept).
/// Its reports' facts and term counts are left in `pending`.
fn write_file<'p>(
    conn: &Connection,
    run_id: i64,
    file: &'p FilePlan,
    refresh: bool,
    cascades: Cascades,
    pending: &mut Pending<'p>,
) -> Result<Option<FileOutcome>> {
    let Some(outcome) = write_reports(conn, run_id, &file.source_path, &file.reports, refresh, cascades, pending)?
    else {
        return Ok(None);
    };
    super::files::record(conn, run_id, file)?;
    Ok(Some(outcome))
}

fn write_reports<'p>(
    tx: &Connection,
    run_id: i64,
    path: &str,
    reports: &'p [ReportPlan],
    refresh: bool,
    cascades: Cascades,
    pending: &mut Pending<'p>,
) -> Result<Option<FileOutcome>> {
    let mut outcome = FileOutcome::default();
    // With `refresh`, every earlier report of the file is stale and extracted anew.
    let new_hashes: HashSet<&str> =
        if refresh { HashSet::new() } else { reports.iter().map(|r| r.content_sha256.as_str()).collect() };
    // The file's earlier reports whose text is gone: their facts go with them.
    let stale: Vec<(i64, String)> = {
        let mut stmt = tx.prepare_cached("SELECT id, content_sha256 FROM reports WHERE source_path = ?1")?;
        let rows = stmt.query_map([path], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut stale = Vec::new();
        for row in rows {
            let (id, sha) = row?;
            if !new_hashes.contains(sha.as_str()) {
                stale.push((id, sha));
            }
        }
        stale
    };
    if !stale.is_empty() && cascades == Cascades::Off {
        return Ok(None);
    }
    // A text the file still holds is extracted anew below (`refresh`); one it no longer holds goes,
    // unless another file holds the same text and takes it over.
    let holds: HashSet<&str> = reports.iter().map(|r| r.content_sha256.as_str()).collect();
    tx.prepare_cached("DELETE FROM file_reports WHERE source_path = ?1")?.execute([path])?;
    for (id, sha) in &stale {
        if holds.contains(sha.as_str()) {
            tx.prepare_cached("DELETE FROM reports WHERE id = ?1")?.execute([id])?;
        } else {
            super::files::release_report(tx, *id, sha, path)?;
        }
    }
    for report in reports {
        let existing: Option<String> = tx
            .prepare_cached("SELECT source_path FROM reports WHERE content_sha256 = ?1")?
            .query_row([&report.content_sha256], |r| r.get(0))
            .optional()?;
        match existing {
            Some(p) if p == path => outcome.unchanged += 1,
            Some(_) => outcome.duplicate += 1,
            None => {
                super::rows::insert_report(tx, run_id, report, pending)?;
                if stale.is_empty() {
                    outcome.loaded += 1;
                } else {
                    outcome.replaced += 1;
                }
            }
        }
    }
    Ok(Some(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{plan_file, Options};
    use std::path::Path;

    /// Three sample files planned as a.txt, b.txt and c.txt, several reports each.
    fn three_sample_files() -> Vec<FilePlan> {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        ["000_5f3145f1445451d9.txt", "001_d2fc8c44b527f0e4.txt", "002_b71db8426e6125db.txt"]
            .iter()
            .zip(["a.txt", "b.txt", "c.txt"])
            .map(|(file, source)| plan_file(&corpus.join(file), source, &Options::default()))
            .collect()
    }

    /// A store failure in the middle of a batch (the batch is then written again file by file)
    /// costs only the failing file: the files before and after it land whole, it leaves no row.
    #[test]
    fn failing_file_in_a_batch_costs_only_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::store::open(&dir.path().join("w.db")).expect("open");
        conn.execute_batch(
            "CREATE TRIGGER refuse_b BEFORE INSERT ON source_files WHEN NEW.source_path = 'b.txt'
             BEGIN SELECT RAISE(ABORT, 'refused'); END",
        )
        .expect("trigger");
        let mut writer = Writer::begin(conn, "test").expect("begin");
        let plans = three_sample_files();
        assert!(plans.iter().all(|p| p.error.is_none() && !p.reports.is_empty()));
        let outcomes = writer.write_batch(&plans).expect("batch");
        assert!(outcomes[0].is_ok() && outcomes[1].is_err() && outcomes[2].is_ok(), "{outcomes:?}");
        let conn = writer.finish(&RunTotals::default(), "finished").expect("finish");
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect(sql);
        assert_eq!(count("SELECT count(*) FROM reports WHERE source_path = 'b.txt'"), 0);
        assert_eq!(count("SELECT count(*) FROM source_files WHERE source_path = 'b.txt'"), 0);
        let stored = (plans[0].reports.len() + plans[2].reports.len()) as i64;
        assert_eq!(count("SELECT count(*) FROM reports WHERE source_path IN ('a.txt', 'c.txt')"), stored);
        let sections = (plans[0].reports.iter().chain(&plans[2].reports)).map(|r| r.sections.len()).sum::<usize>();
        assert_eq!(count("SELECT count(*) FROM sections"), sections as i64);
        assert_eq!(count("SELECT count(*) FROM source_files"), 2);
    }

    /// Sections go in by statements of several rows, each bound with its parent's id before that
    /// row exists: every stored section's parent is the section its report's outline names, and
    /// the ids follow the largest stored one, as single-row inserts would give them.
    #[test]
    fn sections_are_stored_with_their_parents_after_the_largest_id() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::store::open(&dir.path().join("w.db")).expect("open");
        let mut writer = Writer::begin(conn, "test").expect("begin");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let plan = |file: &str, source: &str| plan_file(&corpus.join(file), source, &Options::default());
        let first = plan("000_5f3145f1445451d9.txt", "a.txt");
        writer.write_batch(std::slice::from_ref(&first)).expect("first batch");
        // A gap: the next sections are numbered from the largest id, not from the count of rows.
        writer
            .conn
            .execute("UPDATE sections SET id = 5000 WHERE id = (SELECT max(id) FROM sections)", [])
            .expect("gap");
        let second = plan("001_d2fc8c44b527f0e4.txt", "b.txt");
        let outcomes = writer.write_batch(std::slice::from_ref(&second)).expect("second batch");
        assert!(outcomes.iter().all(|o| o.is_ok()), "{outcomes:?}");
        let conn = writer.finish(&RunTotals::default(), "finished").expect("finish");
        let report = &second.reports[0];
        assert!(report.sections.iter().filter(|s| s.parent.is_some()).count() > 3, "an outline with parents");
        let rows: Vec<(i64, Option<i64>, i64, i64)> = conn
            .prepare(
                "SELECT s.id, s.parent_id, s.char_start, s.level FROM sections s JOIN reports r ON r.id = s.report_id
                 WHERE r.source_path = 'b.txt' AND r.source_index = 0 ORDER BY s.id",
            )
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(rows.len(), report.sections.len());
        assert_eq!(rows[0].0, 5001);
        for (k, (s, row)) in report.sections.iter().zip(&rows).enumerate() {
            assert_eq!(row.0, 5001 + k as i64);
            assert_eq!((row.2, row.3), (s.span.start as i64, i64::from(s.level)));
            assert_eq!(row.1, s.parent.map(|p| rows[p].0), "section {k}");
        }
    }

    /// A batch's facts go in after all its reports, table after table: each fact still gets the id
    /// that writing report after report gives (the facts of the batch's reports numbered in their
    /// order), its report's id and its own section's id.
    #[test]
    fn a_batchs_facts_get_the_ids_report_by_report_writing_gives() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::store::open(&dir.path().join("w.db")).expect("open");
        let mut writer = Writer::begin(conn, "test").expect("begin");
        let plans = three_sample_files();
        let reports: Vec<&ReportPlan> = plans.iter().flat_map(|p| &p.reports).collect();
        assert!(reports.len() > 3 && reports.iter().all(|r| !r.indicators.is_empty() && !r.projects.is_empty()));
        let outcomes = writer.write_batch(&plans).expect("batch");
        assert!(outcomes.iter().all(|o| o.is_ok()), "{outcomes:?}");
        let conn = writer.finish(&RunTotals::default(), "finished").expect("finish");
        let rows = |table: &str| -> Vec<(i64, i64, Option<i64>, i64)> {
            conn.prepare(&format!("SELECT id, report_id, section_id, char_start FROM {table} ORDER BY id"))
                .expect("prepare")
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        // Reports, and their sections, numbered from 1 in the batch's order.
        let mut section_ids = Vec::new();
        let mut next_section = 1;
        for r in &reports {
            section_ids.push((next_section..).take(r.sections.len()).collect::<Vec<i64>>());
            next_section += r.sections.len() as i64;
        }
        // Each fact's section (by index) and start, in a report's order.
        type Placed = Vec<(Option<usize>, usize)>;
        let expected = |facts: &dyn Fn(&ReportPlan) -> Placed| {
            let mut out = Vec::new();
            for (k, r) in reports.iter().enumerate() {
                for (section, start) in facts(r) {
                    let id = out.len() as i64 + 1;
                    out.push((id, k as i64 + 1, section.map(|s| section_ids[k][s]), start as i64));
                }
            }
            out
        };
        assert_eq!(rows("indicators"), expected(&|r| r.indicators.iter().map(|i| (i.section, i.span.start)).collect()));
        assert_eq!(rows("targets"), expected(&|r| r.targets.iter().map(|t| (t.section, t.span.start)).collect()));
        assert_eq!(rows("projects"), expected(&|r| r.projects.iter().map(|p| (p.section, p.span.start)).collect()));
        let terms: Vec<(i64, i64)> = conn
            .prepare("SELECT id, report_id FROM report_terms ORDER BY id")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let by_report: Vec<i64> = reports
            .iter()
            .enumerate()
            .flat_map(|(k, r)| std::iter::repeat_n(k as i64 + 1, r.term_counts.len()))
            .collect();
        assert_eq!(terms.iter().map(|t| t.1).collect::<Vec<_>>(), by_report);
        assert!(terms.iter().enumerate().all(|(k, t)| t.0 == k as i64 + 1));
    }
}
