//! The library's own failure kinds.
//!
//! A [`Refusal`] is a file the loader will not load, for a reason a person can act on: it becomes a
//! `load_errors` row and the run goes on. An [`Error`] is a failure of the machinery itself
//! (the database, the file system).

use serde::Serialize;
use std::path::PathBuf;

/// Why a file yields no report. `reason` is a short machine-readable word, `detail` a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub reason: &'static str,
    pub detail: String,
}

impl Refusal {
    pub fn new(reason: &'static str, detail: impl Into<String>) -> Self {
        Refusal { reason, detail: detail.into() }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.reason, self.detail)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no such file or folder: {0} (give a report file or a folder of them)")]
    MissingPath(PathBuf),
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] refinery::Error),
    #[error("bad data file {path}: {detail}")]
    DataFile { path: String, detail: String },
}

pub type Result<T> = std::result::Result<T, Error>;
