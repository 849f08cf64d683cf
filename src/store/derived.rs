//! The stored panel, attainment and rankings: v_indicator_panel, v_target_attainment and
//! v_town_rankings read the tables indicator_panel, target_attainment and town_rankings, which are
//! rebuilt here from the computing views (v_*_computed) for the towns marked stale. A town's panel
//! rows and attainment rows depend on its own reports only; its rankings depend on every town's.
//!
//! Triggers (migrations V8 and V12) mark a town in stale_towns in the same transaction that adds,
//! removes or moves one of its reports, so the marks never disagree with the facts, even after a
//! killed load.
//! A refresh clears the marks only in the transaction that stores the last of its rows: until
//! then the views compute the marked towns' rows themselves, so a reader sees right rows at every
//! moment, and a refresh killed on the way is done again by the next.

use crate::error::Result;
use rusqlite::Connection;
use std::time::{Duration, Instant};

/// A stored table's columns, quoted and comma-separated, in its order: a refresh names them on
/// both sides, so the computing view's columns land under their own names whatever their order.
fn column_list(conn: &Connection, table: &str) -> Result<String> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.iter().map(|n| format!("\"{}\"", n.replace('"', "\"\""))).collect::<Vec<_>>().join(", "))
}

/// Recomputes the panel and attainment rows of the stale towns and, when there were any, every
/// ranking (a town's figures move other towns' ranks). Returns how many towns were refreshed.
pub fn refresh(conn: &Connection) -> Result<usize> {
    Ok(refresh_timed(conn, Readers::May)?.towns)
}

/// Whether connections other than the refresh's own may read the warehouse while it is refreshed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readers {
    /// A standing warehouse: every write goes through the WAL, so that readers go on.
    May,
    /// A warehouse being built (`store::building`), which nobody else can open: the attainment rows,
    /// the refresh's largest part, are copied in without the WAL, each page written to the file
    /// once rather than to the WAL and again by the checkpoint when the warehouse is closed (the
    /// end of a load of 40,000 reports, after its refresh: 0.52 and 0.53 s against 0.82 and 0.84 s).
    None,
}

/// What a refresh did, and how long each of its parts took (`gwr load --stats`).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Refreshed {
    /// The stale towns refreshed (none: nothing was done).
    pub towns: usize,
    /// The panel rows computed and stored, then the rankings, on the warehouse's connection.
    pub panel: Duration,
    pub rankings: Duration,
    /// The attainment rows computed into the scratch file on a second connection, beside them.
    pub attainment: Duration,
    /// The attainment rows copied in and the stale marks cleared, once both are done (with the wait
    /// for the passive checkpoint run beside the copy).
    pub copy: Duration,
}

/// [`refresh`], saying how long each part took.
pub fn refresh_timed(conn: &Connection, readers: Readers) -> Result<Refreshed> {
    let stale: i64 = conn.query_row("SELECT count(*) FROM stale_towns", [], |r| r.get(0))?;
    if stale == 0 {
        return Ok(Refreshed::default());
    }
    // A warehouse is always a file (`store::open` takes its path): a second connection can open it.
    let db = conn.path().filter(|p| !p.is_empty()).ok_or(rusqlite::Error::InvalidPath(Default::default()))?;
    let pages_before = super::db::checkpoint_every(conn, REFRESH_CHECKPOINT_BYTES)?;
    let refreshed = refresh_beside(conn, db, readers);
    conn.pragma_update(None, "wal_autocheckpoint", pages_before)?;
    Ok(Refreshed { towns: usize::try_from(stale).unwrap_or(usize::MAX), ..refreshed? })
}

/// WAL bytes between checkpoints while a refresh writes its rows (a refresh of every town of
/// 40,000 reports writes about 1.2 GB): each checkpoint copies the WAL's pages into the database and
/// syncs both files, and nothing waits on the refresh but its end. Against checkpoints every 80 MB
/// (the load's), the refresh of a 40,000-report load took 3.9 s against 4.8 s (means of runs).
const REFRESH_CHECKPOINT_BYTES: i64 = 512 << 20;

/// The name a scratch database of attainment rows is attached under, on both connections.
const SCRATCH: &str = "attainment_scratch";

/// The refresh of a warehouse in a file: its attainment rows are computed on a second connection,
/// into a scratch file beside it, while this connection refreshes the panel and the rankings (the
/// other core would otherwise idle: on 2 cores, 40,000 reports, 8.8 to 12.9 s in four runs against
/// 11.7 to 16.3 s, peak RSS 216 to 223 MB). The attainment rows read only the loaded facts, not the
/// panel.
///
/// Two transactions: the panel and the rankings, then the attainment rows and the end of the
/// stale marks. Between them the marks still stand, so the views compute the stale towns' rows
/// themselves and stay right; a refresh killed between them is done again by the next one.
/// (SQLite holds a connection's lock on every attached database until its transaction ends, so
/// the scratch file cannot be written by one connection while it is attached to a transaction of
/// the other: it is attached between the two.)
fn refresh_beside(conn: &Connection, db: &str, readers: Readers) -> Result<Refreshed> {
    let mut times = Refreshed::default();
    let scratch = std::path::PathBuf::from(format!("{db}-attainment.tmp"));
    // A file left by a refresh that was killed holds nothing this one needs.
    let _ = std::fs::remove_file(&scratch);
    let computing = {
        let (db, scratch) = (db.to_string(), scratch.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            attainment_into(&db, &scratch).map(|()| started.elapsed())
        })
    };
    let panel = (|| -> Result<()> {
        let started = Instant::now();
        let tx = conn.unchecked_transaction()?;
        replace_stale(&tx, "indicator_panel", "v_indicator_panel_computed")?;
        times.panel = started.elapsed();
        let started = Instant::now();
        // The rankings are computed with the marks cleared, so that they read the panel rows just
        // stored; the marks are then put back until the attainment rows are in.
        tx.execute_batch(
            "DROP TABLE IF EXISTS temp.refreshing_towns;
             CREATE TEMP TABLE refreshing_towns AS SELECT town_id FROM stale_towns;",
        )?;
        refresh_rankings(&tx)?;
        tx.execute_batch(
            "INSERT INTO stale_towns (town_id) SELECT town_id FROM temp.refreshing_towns;
             DROP TABLE temp.refreshing_towns;",
        )?;
        tx.commit()?;
        times.rankings = started.elapsed();
        Ok(())
    })();
    // A panic there is one here, as if the rows had been computed on this thread.
    let computed = computing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let attainment = panel.and(computed).and_then(|computing| {
        times.attainment = computing;
        let started = Instant::now();
        // The switch copies the WAL's pages into the database first: this connection is the
        // warehouse's only one now. (Should it not be, the switch fails and the rows are copied
        // through the WAL below.)
        if readers == Readers::None && super::building::memory_journal(conn).is_ok() {
            let copied = copy_attainment(conn, &scratch);
            super::building::wal(conn)?;
            times.copy = started.elapsed();
            return copied;
        }
        // The WAL's pages so far (the load's last ones, the panel's and the rankings') are copied
        // into the database on another core while this connection copies the attainment rows,
        // rather than all at the end, on one, when the warehouse is closed.
        let checkpointing = {
            let db = db.to_string();
            std::thread::spawn(move || checkpoint_beside(&db))
        };
        let copied = copy_attainment(conn, &scratch);
        // (A checkpoint that could not run leaves its pages to the next one: nothing is lost.)
        let _ = checkpointing.join();
        times.copy = started.elapsed();
        copied
    });
    let _ = std::fs::remove_file(&scratch);
    attainment.map(|()| times)
}

/// Copies into the database what the WAL holds of transactions already committed, on a connection
/// of its own, without waiting for the writer (SQLite's passive checkpoint).
fn checkpoint_beside(db: &str) -> Result<()> {
    let conn = Connection::open(db)?;
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

/// The attainment rows of the scratch database at `scratch` copied into the stored table, and the
/// stale marks cleared, in one transaction.
fn copy_attainment(conn: &Connection, scratch: &std::path::Path) -> Result<()> {
    conn.execute(&format!("ATTACH DATABASE ?1 AS {SCRATCH}"), [scratch.to_string_lossy()])?;
    let stored = (|| -> Result<()> {
        let tx = conn.unchecked_transaction()?;
        tx.execute("DELETE FROM target_attainment WHERE town_id IN (SELECT town_id FROM stale_towns)", [])?;
        // The scratch table is the stored one, column for column and index for index: SQLite
        // copies its rows and index entries as they are (its transfer of one table into another)
        // into a table left empty, and inserts them one by one into a table that keeps rows.
        tx.execute(&copy_from_scratch(), [])?;
        tx.execute("DELETE FROM stale_towns", [])?;
        tx.commit()?;
        Ok(())
    })();
    let detached = conn.execute(&format!("DETACH DATABASE {SCRATCH}"), []);
    stored?;
    detached?;
    Ok(())
}

/// Computes the stale towns' attainment rows into a table `target_attainment` of a new scratch
/// database at `scratch`, made and indexed as the stored one, on a connection of its own to the
/// warehouse at `db`. Its indexes are built here, beside the panel and the rankings, rather than
/// after the copy, which then only appends (the attainment rows of 40,000 reports: the copy 0.54 s
/// against 1.21 s for a copy of unindexed rows and the indexes' build after it).
fn attainment_into(db: &str, scratch: &std::path::Path) -> Result<()> {
    let conn = Connection::open(db)?;
    conn.busy_timeout(std::time::Duration::from_millis(super::db::BUSY_TIMEOUT_MS.into()))?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", SCRATCH_CACHE_KIB)?;
    conn.execute(&format!("ATTACH DATABASE ?1 AS {SCRATCH}"), [scratch.to_string_lossy()])?;
    // A scratch file: no journal, no waiting for the disk.
    conn.execute_batch(&format!("PRAGMA {SCRATCH}.journal_mode = OFF; PRAGMA {SCRATCH}.synchronous = OFF;"))?;
    let (table, indexes) = definitions(&conn, "target_attainment")?;
    conn.execute(&in_scratch(&table, "TABLE")?, [])?;
    let columns = column_list(&conn, "target_attainment")?;
    // (The view in its plain form: this connection only computes the rows.)
    super::views::plain_twin(&conn, "v_target_attainment_computed")?;
    conn.execute(
        &format!(
            "INSERT INTO {SCRATCH}.target_attainment ({columns})
                 SELECT {columns} FROM temp.v_target_attainment_computed
                 WHERE town_id IN (SELECT town_id FROM main.stale_towns)"
        ),
        [],
    )?;
    for index in &indexes {
        conn.execute(&in_scratch(index, "INDEX")?, [])?;
    }
    Ok(())
}

/// The copy of the scratch database's attainment rows into the stored table.
fn copy_from_scratch() -> String {
    format!("INSERT INTO target_attainment SELECT * FROM {SCRATCH}.target_attainment")
}

/// The statements that made a table of the main database and its indexes (the indexes of its
/// keys, which SQLite makes itself, have none).
fn definitions(conn: &Connection, table: &str) -> Result<(String, Vec<String>)> {
    let made: String =
        conn.query_row("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))?;
    let mut stmt = conn.prepare(
        "SELECT sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
    )?;
    let indexes = stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok((made, indexes))
}

/// A statement of the main database made to create its object in the scratch database. SQLite
/// stores a definition with its first words as `CREATE TABLE `, `CREATE INDEX ` or
/// `CREATE UNIQUE INDEX `, whatever their case and spacing when written; the table an index is on
/// is named without a schema, so in the index's own.
fn in_scratch(definition: &str, kind: &str) -> Result<String> {
    match definition.split_once(&format!(" {kind} ")) {
        Some((create, rest)) if create.starts_with("CREATE") => Ok(format!("{create} {kind} {SCRATCH}.{rest}")),
        _ => {
            let said = format!("a definition that does not start as SQLite writes them: {definition}");
            let internal = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL);
            Err(rusqlite::Error::SqliteFailure(internal, Some(said)).into())
        }
    }
}

/// The second connection's page cache, in KiB.
const SCRATCH_CACHE_KIB: i64 = -16_384;

/// Replaces a stored table's rows of the stale towns with its computing view's.
fn replace_stale(tx: &Connection, table: &str, view: &str) -> Result<()> {
    let columns = column_list(tx, table)?;
    tx.execute(&format!("DELETE FROM {table} WHERE town_id IN (SELECT town_id FROM stale_towns)"), [])?;
    let insert = format!(
        "INSERT INTO {table} ({columns})
             SELECT {columns} FROM {view} WHERE town_id IN (SELECT town_id FROM stale_towns)"
    );
    super::db::filled_indexing_after(tx, table, || Ok(tx.execute(&insert, []).map(drop)?))
}

/// Clears the stale marks and rebuilds every ranking. The rankings read the panel through
/// v_indicator_panel, which computes a stale town's rows on the fly: with the marks cleared first
/// (in the same transaction), it reads the rows just stored.
fn refresh_rankings(tx: &Connection) -> Result<()> {
    let columns = column_list(tx, "town_rankings")?;
    tx.execute_batch("DELETE FROM stale_towns; DELETE FROM town_rankings;")?;
    let insert = format!("INSERT INTO town_rankings ({columns}) SELECT {columns} FROM v_town_rankings_computed");
    super::db::filled_indexing_after(tx, "town_rankings", || Ok(tx.execute(&insert, []).map(drop)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows each stored table holds after a refresh of the sample corpus.
    fn stored(conn: &Connection) -> Vec<(String, i64)> {
        ["indicator_panel", "target_attainment", "town_rankings", "stale_towns"]
            .iter()
            .map(|t| (t.to_string(), conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect(t)))
            .collect()
    }

    /// A warehouse of the sample corpus, its panel, attainment and rankings not yet refreshed.
    fn loaded(path: &std::path::Path) -> Connection {
        use crate::pipeline::{plan_file, Options};
        let conn = crate::store::open(path).expect("open");
        let mut writer = crate::store::Writer::begin(conn, "test").expect("begin");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut names: Vec<_> = std::fs::read_dir(&corpus).expect("corpus").map(|e| e.expect("entry").path()).collect();
        names.sort();
        let plans: Vec<_> = names.iter().map(|p| plan_file(p, &p.display().to_string(), &Options::default())).collect();
        writer.write_batch(&plans).expect("batch");
        writer.finish(&crate::store::writer::RunTotals::default(), "finished").expect("finish")
    }

    /// A warehouse that nobody else reads (one being built) has its attainment rows copied in
    /// without the WAL, and is left in WAL mode with the same rows a standing one gets.
    #[test]
    fn without_readers_the_attainment_rows_are_copied_past_the_wal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let wal_bytes =
            |db: &std::path::Path| std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len());
        let mut attainment = Vec::new();
        for readers in [Readers::May, Readers::None] {
            let db = dir.path().join(format!("{readers:?}.db"));
            let conn = loaded(&db);
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
            refresh_timed(&conn, readers).expect("refresh");
            let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal");
            assert_eq!(journal, "wal", "{readers:?}");
            // (The WAL was emptied before the refresh: what it holds now, the refresh wrote there.)
            let wal = wal_bytes(&db);
            match readers {
                Readers::May => assert!(wal > 0, "a standing warehouse is written through its WAL"),
                Readers::None => assert_eq!(wal, 0, "the rows went through the WAL"),
            }
            let mut stmt =
                conn.prepare("SELECT target_id, status FROM target_attainment ORDER BY target_id").expect("rows");
            let rows: Vec<(i64, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").map(|r| r.expect("row")).collect();
            attainment.push(rows);
        }
        assert!(!attainment[0].is_empty());
        assert_eq!(attainment[0], attainment[1]);
    }

    /// A warehouse refreshed as one that nobody reads while a reader has it open after all keeps
    /// its WAL and its reader: the rows are copied through the WAL.
    #[test]
    fn a_reader_left_open_keeps_the_copy_in_the_wal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("w.db");
        let conn = loaded(&db);
        let reader = Connection::open(&db).expect("reader");
        let before: i64 = reader.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).expect("read");
        refresh_timed(&conn, Readers::None).expect("refresh");
        let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal");
        assert_eq!(journal, "wal");
        let after: i64 = reader.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).expect("read again");
        assert_eq!(before, after);
        let stale: i64 = reader.query_row("SELECT count(*) FROM stale_towns", [], |r| r.get(0)).expect("marks");
        assert_eq!(stale, 0, "the refresh ended");
        let rows: i64 = reader.query_row("SELECT count(*) FROM target_attainment", [], |r| r.get(0)).expect("rows");
        assert!(rows > 20, "{rows} attainment rows");
    }

    /// The attainment rows are computed through the view's plain form: a temporary view without
    /// the typing form's subqueries, giving the installed view's rows.
    #[test]
    fn the_plain_twin_gives_the_installed_views_rows() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = loaded(&dir.path().join("w.db"));
        let view = "v_target_attainment_computed";
        super::super::views::plain_twin(&conn, view).expect("plain twin");
        let sql = |schema: &str| -> String {
            conn.query_row(&format!("SELECT sql FROM {schema}.sqlite_master WHERE name = ?1"), [view], |r| r.get(0))
                .expect("definition")
        };
        assert!(sql("main").contains("view_column_types"), "the installed view is in its typing form");
        assert!(!sql("temp").contains("view_column_types"), "the twin is not");
        let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM main.{view}"), [], |r| r.get(0)).expect("rows");
        assert!(rows > 20, "{rows} attainment rows");
        let differ: i64 = conn
            .query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM (SELECT * FROM main.{view} EXCEPT SELECT * FROM temp.{view}))
                          + (SELECT count(*) FROM (SELECT * FROM temp.{view} EXCEPT SELECT * FROM main.{view}))"
                ),
                [],
                |r| r.get(0),
            )
            .expect("compare");
        assert_eq!(differ, 0);
        assert!(super::super::views::plain_twin(&conn, "v_no_such_view").is_err());
    }

    /// The refresh beside a second connection stores, in its two transactions, what the computing
    /// views give, and leaves no stale mark and no scratch file.
    /// Each part of a refresh is timed, and the parts fit in the time the whole took: the panel, the
    /// rankings and the copy one after the other, the attainment rows and the copy likewise.
    #[test]
    fn a_refresh_times_each_of_its_parts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = loaded(&dir.path().join("w.db"));
        let stale: i64 = conn.query_row("SELECT count(*) FROM stale_towns", [], |r| r.get(0)).expect("marks");
        let started = Instant::now();
        let r = refresh_timed(&conn, Readers::May).expect("refresh");
        let whole = started.elapsed();
        assert_eq!(r.towns as i64, stale);
        for (part, took) in
            [("panel", r.panel), ("rankings", r.rankings), ("attainment", r.attainment), ("copy", r.copy)]
        {
            assert!(took > Duration::ZERO, "the {part} is not timed: {r:?}");
        }
        assert!(r.panel + r.rankings + r.copy <= whole, "{r:?} in {whole:?}");
        assert!(r.attainment + r.copy <= whole, "{r:?} in {whole:?}");
        let again = refresh_timed(&conn, Readers::May).expect("second refresh");
        assert_eq!(again, Refreshed::default(), "nothing stale: nothing done, nothing timed");
    }

    #[test]
    fn the_refresh_stores_what_the_views_compute() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.db");
        let conn = loaded(&path);
        let towns: i64 = conn.query_row("SELECT count(*) FROM stale_towns", [], |r| r.get(0)).expect("marks");
        assert!(towns > 3, "{towns} stale towns");
        // The stale towns' rows as the views compute them, before the refresh.
        conn.execute_batch(
            "CREATE TEMP TABLE want_panel AS SELECT * FROM v_indicator_panel_computed;
             CREATE TEMP TABLE want_attainment AS SELECT * FROM v_target_attainment_computed;
             CREATE TEMP TABLE want_rankings AS SELECT * FROM v_town_rankings_computed;",
        )
        .expect("computed");
        assert_eq!(refresh(&conn).expect("refresh") as i64, towns);
        for (table, want) in [
            ("indicator_panel", "want_panel"),
            ("target_attainment", "want_attainment"),
            ("town_rankings", "want_rankings"),
        ] {
            let columns = column_list(&conn, table).expect("columns");
            let differ: i64 = conn
                .query_row(
                    &format!(
                        "SELECT (SELECT count(*) FROM (SELECT {columns} FROM {table} EXCEPT SELECT {columns} FROM temp.{want}))
                              + (SELECT count(*) FROM (SELECT {columns} FROM temp.{want} EXCEPT SELECT {columns} FROM {table}))"
                    ),
                    [],
                    |r| r.get(0),
                )
                .expect("compare");
            assert_eq!(differ, 0, "{table}");
        }
        let after = stored(&conn);
        assert!(after.iter().take(3).all(|(_, n)| *n > 0), "{after:?}");
        assert_eq!(after[3].1, 0, "stale marks left");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
        assert!(left.iter().all(|n| !n.to_string_lossy().contains("attainment")), "{left:?}");
    }

    /// A refresh of every town builds the stored tables' indexes again: the same definitions stand
    /// after it, and the warehouse passes its integrity check (every index holds every row).
    #[test]
    fn a_refresh_of_every_town_leaves_the_indexes_it_rebuilt() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = loaded(&dir.path().join("w.db"));
        let indexes = |conn: &Connection| -> Vec<(String, String)> {
            let mut stmt = conn
                .prepare(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                         AND tbl_name IN ('indicator_panel', 'target_attainment', 'town_rankings') ORDER BY name",
                )
                .expect("indexes");
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").map(|r| r.expect("row")).collect()
        };
        let before = indexes(&conn);
        assert_eq!(before.len(), 6, "{before:?}");
        refresh(&conn).expect("refresh");
        // Again, over tables that are not empty: every town stale, each table emptied by its DELETE.
        conn.execute("INSERT INTO stale_towns (town_id) SELECT id FROM towns", []).expect("marks");
        refresh(&conn).expect("second refresh");
        assert_eq!(indexes(&conn), before);
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity");
        assert_eq!(check, "ok");
    }

    /// A refresh checkpoints its own writes less often and gives the connection back as it found it
    /// (a load goes on writing through it, with its own interval).
    #[test]
    fn a_refresh_gives_back_the_checkpoint_interval() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = loaded(&dir.path().join("w.db"));
        conn.pragma_update(None, "wal_autocheckpoint", 1234).expect("interval");
        conn.execute("INSERT OR IGNORE INTO stale_towns (town_id) SELECT id FROM towns", []).expect("marks");
        assert!(refresh(&conn).expect("refresh") > 0);
        let pages: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0)).expect("interval");
        assert_eq!(pages, 1234);
    }

    /// The attainment rows are copied from the scratch database as SQLite transfers a table into
    /// another of the same make (its program copies each row's record whole, by `RowCell` or
    /// `RowData`), not decoded and encoded again column by column.
    #[test]
    fn the_attainment_rows_are_copied_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("w.db");
        let conn = loaded(&path);
        let scratch = dir.path().join("scratch.db");
        attainment_into(path.to_str().expect("utf-8 path"), &scratch).expect("scratch rows");
        conn.execute(&format!("ATTACH DATABASE ?1 AS {SCRATCH}"), [scratch.to_string_lossy()]).expect("attach");
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {SCRATCH}.target_attainment"), [], |r| r.get(0))
            .expect("scratch count");
        assert!(rows > 10, "{rows} scratch rows");
        let mut explain = conn.prepare(&format!("EXPLAIN {}", copy_from_scratch())).expect("explain");
        let opcodes: Vec<String> =
            explain.query_map([], |r| r.get(1)).expect("program").map(|o| o.expect("opcode")).collect();
        // One record for the row, one for each of its two indexes' entries (the scratch indexes are
        // the stored table's, so their entries are copied whole too, not built again).
        let whole = opcodes.iter().filter(|o| *o == "RowCell" || *o == "RowData").count();
        assert_eq!(whole, 3, "{opcodes:?}");
    }

    /// A computing view whose columns come in another order than the table's still fills every
    /// column under its own name (an `INSERT … SELECT *` would put each value under another name).
    #[test]
    fn a_refresh_fills_the_stored_columns_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::store::open(&dir.path().join("w.db")).expect("open");
        let columns: Vec<String> = column_list(&conn, "town_rankings")
            .expect("columns")
            .split(", ")
            .map(|c| c.trim_matches('"').to_string())
            .collect();
        assert!(columns.len() > 20, "{columns:?}");
        let reversed: Vec<String> = columns.iter().rev().map(|c| format!("'value of {c}' AS {c}")).collect();
        conn.execute_batch(&format!(
            "DROP VIEW v_town_rankings_computed;
             CREATE VIEW v_town_rankings_computed AS SELECT {};
             INSERT INTO stale_towns (town_id) VALUES (1);",
            reversed.join(", ")
        ))
        .expect("a reordered computing view");
        assert_eq!(refresh(&conn).expect("refresh"), 1);
        for c in &columns {
            let got: String =
                conn.query_row(&format!("SELECT {c} FROM town_rankings"), [], |r| r.get(0)).expect("stored row");
            assert_eq!(got, format!("value of {c}"));
        }
    }
}
