//! One writer at a time. A load (or a migration) holds an exclusive lock on a small file beside the
//! warehouse (`NAME.db.lock`) for as long as it runs; a second one stops at once, saying so,
//! instead of failing halfway on "database is locked". The operating system drops the lock when
//! the process ends, however it ends, so a killed load never leaves the warehouse locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held for the whole run; dropping it releases the lock.
#[derive(Debug)]
pub struct LoadLock {
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another load is running on {0}: wait for it to finish, then run this one again")]
    Busy(PathBuf),
    #[error("cannot create the lock file {path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
}

/// The lock file of a warehouse.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the warehouse's writer lock, or says another load holds it.
pub fn acquire(db: &Path) -> Result<LoadLock, LockError> {
    let path = lock_path(db);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|error| LockError::Io { path: path.clone(), error })?;
    match file.try_lock() {
        Ok(()) => Ok(LoadLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(LockError::Busy(db.to_path_buf())),
        Err(TryLockError::Error(error)) => Err(LockError::Io { path, error }),
    }
}

/// Whether a load holds the warehouse's lock right now (false when no load ever ran here, or the
/// lock file cannot be opened).
pub fn is_held(db: &Path) -> bool {
    let Ok(file) = File::open(lock_path(db)) else { return false };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_until_the_first_is_done() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("w.db");
        let first = acquire(&db).expect("first lock");
        let second = acquire(&db).expect_err("a second lock while the first is held");
        assert!(second.to_string().starts_with("another load is running on"), "{second}");
        assert!(is_held(&db));
        drop(first);
        assert!(!is_held(&db));
        acquire(&db).expect("the lock once the first is released");
    }
}
