//! The library's own failure kinds.
//!
//! A [`Refusal`] is a file the loader will not load, for a reason a person can act on: it becomes a
//! `load_errors` row and the run goes on. An [`Error`] is a failure of the machinery itself
//! (the database, the file system).

use serde::Serialize;
use std::path::PathBuf;

/// Why a file yields no report, as `load_errors.reason` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No text at all: empty, or only white space.
    Empty,
    /// Bytes of an image, an archive or another binary format.
    Binary,
    /// Bytes valid in no encoding the loader knows.
    Undecodable,
    /// The file system would not give the bytes (permissions, I/O error).
    Unreadable,
    /// A folder that cannot be listed.
    UnreadableFolder,
    /// A pipe, a device or a socket: no file to read.
    NotAFile,
    /// Larger than any report.
    TooLarge,
    /// A template whose figures are placeholders.
    Template,
    /// No township government document: a product page, a notice, a novel.
    NotAReport,
    /// The loader failed on this file; the rest of the run went on.
    InternalError,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Empty => "empty",
            Reason::Binary => "binary",
            Reason::Undecodable => "undecodable",
            Reason::Unreadable => "unreadable",
            Reason::UnreadableFolder => "unreadable_folder",
            Reason::NotAFile => "not_a_file",
            Reason::TooLarge => "too_large",
            Reason::Template => "template",
            Reason::NotAReport => "not_a_report",
            Reason::InternalError => "internal_error",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a file yields no report: the reason, and a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub reason: Reason,
    pub detail: String,
}

impl Refusal {
    pub fn new(reason: Reason, detail: impl Into<String>) -> Self {
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
    // Not sources: the message says all of it once (a source would be printed again after it).
    #[error("{}", describe_db(.0))]
    Db(rusqlite::Error),
    #[error("{}", describe_migration(.0))]
    Migration(refinery::Error),
    #[error("no warehouse at {0}: `gwr load` creates one (or give the right --db)")]
    MissingDb(PathBuf),
    #[error("{0} is not a SQLite database; give another --db")]
    NotADatabase(PathBuf),
    #[error("{path} is a SQLite database but not a gwr warehouse (it holds {tables}); it was left untouched: give another --db")]
    NotAWarehouse { path: PathBuf, tables: String },
    #[error("{path} was written by a newer gwr (schema V{found}); this gwr knows V{known}: upgrade gwr to use it")]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    #[error("cannot create {path}: the folder {folder} does not exist (create it first)")]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("bad data file {path}: {detail}")]
    DataFile { path: String, detail: String },
    /// A new warehouse's file could not be cleared, synced or moved to its path.
    #[error("cannot {action} {path}: {source}")]
    Building { action: &'static str, path: PathBuf, source: std::io::Error },
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e)
    }
}

impl From<refinery::Error> for Error {
    fn from(e: refinery::Error) -> Self {
        Error::Migration(e)
    }
}

/// A SQLite failure said once, in words, with what to do where there is something to do (SQLite's
/// own text repeats its code and name).
fn describe_db(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, msg) => match f.code {
            C::DiskFull => "the disk is full: free some space and run again (what was stored is kept)".into(),
            C::ReadOnly => "the warehouse is read-only (the file or its folder cannot be written): \
                            make it writable, or load into another --db"
                .into(),
            C::CannotOpen => "the database file cannot be opened: its folder does not exist or cannot be \
                              written"
                .into(),
            C::DatabaseBusy | C::DatabaseLocked => "the warehouse is locked by another program writing to it: \
                                                   wait for it to finish and run again"
                .into(),
            C::NotADatabase => "the file is not a SQLite database".into(),
            C::DatabaseCorrupt => "the warehouse file is damaged: load into a new --db".into(),
            _ => format!("database error: {}", msg.as_deref().unwrap_or("unknown")),
        },
        // SQL text is never printed: a message, at most.
        rusqlite::Error::SqlInputError { msg, .. } => format!("database error: {msg}"),
        other => format!("database error: {other}"),
    }
}

/// A failed migration named by its version, with the database's reason (never the SQL).
fn describe_migration(e: &refinery::Error) -> String {
    match e.kind() {
        refinery::error::Kind::Connection(what, source) => {
            let why = match source.downcast_ref::<rusqlite::Error>() {
                Some(db) => describe_db(db),
                None => source.to_string(),
            };
            let what = what.strip_prefix("error applying ").unwrap_or(what);
            format!("upgrading the warehouse's schema failed ({what}): {why}")
        }
        other => format!("upgrading the warehouse's schema failed: {other}"),
    }
}
