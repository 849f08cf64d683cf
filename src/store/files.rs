//! The files behind the reports: `source_files` (one row per file loaded or refused, with its name,
//! location and bytes' hash) and `file_reports` (every report text each file holds, duplicates
//! included). A report is stored once, under the first file that brought it; when that file
//! changes or is gone, another file holding the same text takes the report over, so a report held
//! by any file never disappears.

use crate::error::Result;
use crate::model::FilePlan;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};

/// A file stored by an earlier run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub bytes_sha256: String,
    pub report_count: usize,
    /// Its canonical path; unknown for files stored before locations were kept.
    pub location: Option<String>,
    /// Why it was refused, when it was.
    pub refusal: Option<String>,
}

/// Every stored file, by name.
pub fn stored(conn: &Connection) -> Result<HashMap<String, StoredFile>> {
    let mut stmt =
        conn.prepare("SELECT source_path, bytes_sha256, report_count, location, refusal FROM source_files")?;
    let rows = stmt.query_map([], |r| {
        let file = StoredFile {
            bytes_sha256: r.get(1)?,
            report_count: r.get::<_, i64>(2)? as usize,
            location: r.get(3)?,
            refusal: r.get(4)?,
        };
        Ok((r.get::<_, String>(0)?, file))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Records a file as this run read it: its row in source_files and the report texts it holds.
pub fn record(conn: &Connection, run_id: i64, file: &FilePlan) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO source_files (source_path, byte_count, bytes_sha256, report_count, load_run_id, location, refusal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (source_path) DO UPDATE SET byte_count = excluded.byte_count,
             bytes_sha256 = excluded.bytes_sha256, report_count = excluded.report_count,
             load_run_id = excluded.load_run_id, location = coalesce(excluded.location, location),
             refusal = excluded.refusal",
    )?
    .execute(params![
        file.source_path,
        file.byte_count as i64,
        file.bytes_sha256,
        file.reports.len() as i64,
        run_id,
        file.location,
        file.error.as_ref().map(|e| e.reason.as_str())
    ])?;
    if file.error.is_some() {
        return Ok(()); // a refused file's earlier reports stay, and so does what it held
    }
    conn.prepare_cached("DELETE FROM file_reports WHERE source_path = ?1")?.execute([&file.source_path])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO file_reports (source_path, source_index, content_sha256) VALUES (?1, ?2, ?3)",
    )?;
    for r in &file.reports {
        insert.execute(params![file.source_path, r.source_index as i64, r.content_sha256])?;
    }
    Ok(())
}

/// Lets go of a stored report its file no longer holds: another file that holds the same text takes
/// it over (the first by name), else it is deleted with its facts.
pub fn release_report(conn: &Connection, report_id: i64, sha: &str, path: &str) -> Result<()> {
    let heir: Option<(String, i64)> = conn
        .prepare_cached(
            "SELECT source_path, source_index FROM file_reports
             WHERE content_sha256 = ?1 AND source_path <> ?2 ORDER BY source_path, source_index LIMIT 1",
        )?
        .query_row(params![sha, path], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match heir {
        Some((heir, index)) => {
            conn.prepare_cached("UPDATE reports SET source_path = ?2, source_index = ?3 WHERE id = ?1")?
                .execute(params![report_id, heir, index])?;
        }
        None => {
            conn.prepare_cached("DELETE FROM reports WHERE id = ?1")?.execute([report_id])?;
        }
    }
    Ok(())
}

/// The stored files that lived in one of the loaded `folders` (canonical locations) and were not
/// met by this run: deleted, renamed or moved away. Files stored before locations were kept are
/// matched by the folder's name.
pub fn gone(conn: &Connection, folders: &[String], met: &HashSet<String>) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT source_path FROM source_files
         WHERE (location IS NOT NULL AND substr(location, 1, length(?1) + 1) = ?1 || '/')
            OR (location IS NULL AND substr(source_path, 1, length(?2) + 1) = ?2 || '/')
         ORDER BY source_path",
    )?;
    for folder in folders {
        let base = folder.rsplit('/').next().unwrap_or(folder);
        let rows = stmt.query_map(params![folder, base], |r| r.get::<_, String>(0))?;
        for name in rows {
            let name = name?;
            if !met.contains(&name) {
                names.push(name);
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// Removes a file that is gone: its reports (unless another file holds their text), what it held,
/// and its row.
pub fn prune(conn: &Connection, name: &str) -> Result<()> {
    let reports: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, content_sha256 FROM reports WHERE source_path = ?1")?
        .query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    conn.prepare_cached("DELETE FROM file_reports WHERE source_path = ?1")?.execute([name])?;
    for (id, sha) in reports {
        release_report(conn, id, &sha, name)?;
    }
    conn.prepare_cached("DELETE FROM source_files WHERE source_path = ?1")?.execute([name])?;
    Ok(())
}
