//! A new warehouse is built beside its path and moved there when its first load ends. Until then
//! nobody can read it (there is nothing yet to read), so the load writes it without the WAL: each
//! page goes into the database file once, where the WAL would take it first and a checkpoint copy
//! it again (a rollback journal in memory, so that a file that fails is still rolled back alone,
//! and no syncs until the end). A load killed while building leaves no warehouse at the path,
//! never a half-written one; the next load removes what it left and builds anew. Loads into an
//! existing warehouse, even an empty one, write through the WAL as always, so readers go on.

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A warehouse being built beside its path. Dropped before [`Building::finish`] (the run failed),
/// it removes what it wrote.
#[derive(Debug)]
pub struct Building {
    path: PathBuf,
    into: PathBuf,
    finished: bool,
    /// The thread flushing the file's pages written so far to the disk ([`Building::flush_beside`]).
    flushing: Option<std::thread::JoinHandle<()>>,
}

/// The file a new warehouse at `db` is built in.
fn building_path(db: &Path) -> PathBuf {
    suffixed(db, ".building")
}

/// `path` with `suffix` added to its name.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A file and the files SQLite keeps beside it.
fn with_companions(path: &Path) -> [PathBuf; 4] {
    [path.to_path_buf(), suffixed(path, "-wal"), suffixed(path, "-shm"), suffixed(path, "-journal")]
}

impl Building {
    /// Starts building the warehouse at `db` if there is none there yet; `None` when there is (the
    /// load writes into it). The caller holds the warehouse's load lock, so whatever an earlier
    /// build left is no other load's: it is removed.
    pub fn begin(db: &Path) -> Result<Option<Building>> {
        if std::fs::symlink_metadata(db).is_ok() {
            return Ok(None);
        }
        let path = building_path(db);
        for file in with_companions(&path) {
            match std::fs::remove_file(&file) {
                Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::Building { action: "remove what an earlier build left,", path: file, source });
                }
                _ => {}
            }
        }
        Ok(Some(Building { path, into: db.to_path_buf(), finished: false, flushing: None }))
    }

    /// Where the warehouse is built.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts flushing to the disk, on a thread of its own, the pages written to the file so far
    /// (the load's, when its last batch is stored), while the refresh computes: the sync before
    /// the move then finds little left to write. Written without syncs, the pages of a load of
    /// 40,000 reports (2 GB) are mostly still in memory at its end; flushed only then, the end of
    /// the load after its refresh took 1.10 and 1.39 s, flushed beside the refresh 0.51 and
    /// 0.61 s. (A flush that fails leaves its pages to that sync, which says so.)
    /// (Without a thread to run it, nothing is flushed early.)
    pub fn flush_beside(&mut self) {
        let path = self.path.clone();
        let flush = move || {
            let _ = std::fs::File::open(&path).and_then(|f| f.sync_data());
        };
        self.flushing = std::thread::Builder::new().name("gwr-flush".into()).spawn(flush).ok();
    }

    /// Moves the built warehouse to its path: `conn`, its last connection, is put back on the WAL
    /// (if it is not already) and closed, which empties and removes the WAL; then the file is synced,
    /// so that the name never stands for pages the disk does not hold yet, and renamed.
    pub fn finish(mut self, conn: Connection) -> Result<()> {
        wal(&conn)?;
        conn.close().map_err(|(_, e)| e)?;
        if let Some(flushing) = self.flushing.take() {
            let _ = flushing.join();
        }
        std::fs::File::open(&self.path).and_then(|f| f.sync_all()).map_err(|source| Error::Building {
            action: "sync the new warehouse",
            path: self.path.clone(),
            source,
        })?;
        std::fs::rename(&self.path, &self.into).map_err(|source| Error::Building {
            action: "move the new warehouse to",
            path: self.into.clone(),
            source,
        })?;
        let folder = self.into.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(Path::new("."));
        // (A folder that cannot be opened or synced, as on some network file systems, is left to
        // the system: the file itself is on disk.)
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
        self.finished = true;
        Ok(())
    }
}

impl Drop for Building {
    fn drop(&mut self) {
        if !self.finished {
            for file in with_companions(&self.path) {
                let _ = std::fs::remove_file(file);
            }
        }
    }
}

/// The journal a warehouse being built is written with, from the start of its load's writes to
/// their end ([`wal`]), and again for the refresh's copy of its attainment rows
/// (`derived::Readers::None`): set on a connection with no transaction open, the only one to the
/// file.
pub fn memory_journal(conn: &Connection) -> Result<()> {
    // Syncs off first: leaving the WAL (the refresh's copy) checkpoints it, with no sync either.
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "journal_mode", "MEMORY")?;
    Ok(())
}

/// Back to the journal every warehouse is read and written with (the WAL, synced at its
/// checkpoints), for what the load does after its writes (the refresh, on two connections) and
/// for good: SQLite records the WAL mode in the file.
pub fn wal(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warehouse_is_built_only_where_there_is_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("w.db");
        std::fs::write(building_path(&db), b"left by a killed build").expect("leftover");
        std::fs::write(dir.path().join("w.db.building-wal"), b"its WAL").expect("leftover WAL");
        let mut building = Building::begin(&db).expect("begin").expect("no warehouse yet: built");
        assert!(!building.path().exists(), "what a killed build left is removed");
        assert!(!dir.path().join("w.db.building-wal").exists());
        let conn = crate::store::open(building.path()).expect("open");
        memory_journal(&conn).expect("journal");
        conn.execute("INSERT INTO stale_towns (town_id) VALUES (7)", []).expect("write");
        building.flush_beside();
        conn.execute("INSERT INTO stale_towns (town_id) VALUES (8)", []).expect("write after the flush began");
        building.finish(conn).expect("finish");
        assert!(!building_path(&db).exists());
        let conn = Connection::open(&db).expect("moved into place");
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
        assert_eq!(mode, "wal");
        let marks: i64 = conn.query_row("SELECT count(*) FROM stale_towns", [], |r| r.get(0)).expect("rows");
        assert_eq!(marks, 2);
        drop(conn);
        assert!(Building::begin(&db).expect("begin").is_none(), "a warehouse stands: loads write into it");
    }

    #[test]
    fn a_build_that_fails_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("w.db");
        let building = Building::begin(&db).expect("begin").expect("built");
        let path = building.path().to_path_buf();
        drop(crate::store::open(&path).expect("open"));
        assert!(path.exists());
        drop(building);
        assert!(!path.exists() && !db.exists());
    }
}
