//! Full-text search over the reports' text, kept apart from the warehouse in a file of its own
//! (`gwr index`), so that a client whose SQLite lacks FTS5 still reads the warehouse itself.
//!
//! Chinese has no spaces, and FTS5's `trigram` tokenizer cannot match a two-character word. So the
//! text is segmented here into overlapping bigrams (新质生产力 → 新质 质生 生产 产力) and indexed with
//! the plain `unicode61` tokenizer: a two-character word is one token, a longer word is the phrase
//! of its bigrams, and [`fts_query`] writes that phrase for a word. A break token between runs of
//! text that punctuation separates keeps a phrase from matching across a comma.
//!
//! One row per paragraph (a line of `reports.body`), with the innermost section it sits in and its
//! character span in the body, so a hit links back to the report like any fact does.

use crate::error::Result;
use rusqlite::{params, Connection, OpenFlags};
use std::path::Path;

/// Inserted where punctuation or space separates two runs of text; never produced by a query.
pub const BREAK: &str = "0brk0";

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// The bigram text FTS5 indexes for `text`.
pub fn grams(text: &str) -> String {
    let mut tokens: Vec<String> = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let mut broke = false;
    let flush_run = |run: &mut Vec<char>, tokens: &mut Vec<String>| {
        match run.len() {
            0 => {}
            1 => tokens.push(run[0].to_string()),
            _ => tokens.extend(run.windows(2).map(|w| w.iter().collect::<String>())),
        }
        run.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            if broke && !tokens.is_empty() {
                tokens.push(BREAK.to_string());
            }
            broke = false;
            run.push(c);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, &mut tokens);
            if broke && !tokens.is_empty() {
                tokens.push(BREAK.to_string());
            }
            broke = false;
            word.extend(c.to_lowercase());
        } else {
            flush_run(&mut run, &mut tokens);
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            broke = true;
        }
    }
    flush_run(&mut run, &mut tokens);
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens.join(" ")
}

/// The FTS5 query for what a user types: each space-separated word becomes the quoted phrase of
/// its bigrams, and all words must occur (新质生产力 → "新质 质生 生产 产力"). A single Chinese
/// character becomes a prefix query on the bigrams it starts.
pub fn fts_query(input: &str) -> String {
    input
        .split_whitespace()
        .filter_map(|w| {
            let g = grams(w);
            let g = g.split(' ').filter(|t| *t != BREAK && !t.is_empty()).collect::<Vec<_>>().join(" ");
            if g.is_empty() {
                return None;
            }
            let single_cjk = w.chars().count() == 1 && w.chars().all(is_cjk);
            Some(if single_cjk { format!("\"{g}\"*") } else { format!("\"{g}\"") })
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The search file beside a warehouse: `warehouse.db` → `warehouse-search.db`.
pub fn default_path(db: &Path) -> std::path::PathBuf {
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("warehouse");
    db.with_file_name(format!("{stem}-search.db"))
}

/// What building the index did.
pub struct Built {
    pub reports: usize,
    pub passages: usize,
}

/// Builds the search file `out` from the warehouse `db` (read-only), replacing any earlier one.
/// `progress` is told (reports done, reports in all) after each report.
pub fn build(db: &Path, out: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Built> {
    let src = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let tmp = out.with_extension("db-building");
    let _ = std::fs::remove_file(&tmp);
    let mut dst = Connection::open(&tmp)?;
    dst.execute_batch(
        "CREATE TABLE index_meta (key TEXT PRIMARY KEY, value TEXT);
         CREATE VIRTUAL TABLE passages USING fts5(
             grams, text UNINDEXED, report_id UNINDEXED, section_id UNINDEXED,
             char_start UNINDEXED, char_end UNINDEXED, tokenize = 'unicode61');
         -- Where each report comes from, so that a client of this file alone (Datasette's canned
         -- query) shows the town and year of a hit.
         CREATE TABLE report_towns (
             report_id INTEGER PRIMARY KEY, town TEXT, province TEXT, kind TEXT, review_year INTEGER);",
    )?;
    let tx = dst.transaction()?;
    let mut built = Built { reports: 0, passages: 0 };
    let total: i64 = src.query_row("SELECT count(*) FROM reports", [], |r| r.get(0))?;
    let total = u64::try_from(total).unwrap_or(0);
    {
        let mut reports = src.prepare("SELECT id, body FROM reports ORDER BY id")?;
        let mut sections = src
            .prepare("SELECT id, char_start, char_end, level FROM sections WHERE report_id = ?1 ORDER BY char_start")?;
        let mut insert = tx.prepare(
            "INSERT INTO passages (grams, text, report_id, section_id, char_start, char_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let rows = reports.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (report_id, body) = row?;
            let spans: Vec<(i64, i64, i64, i64)> = sections
                .query_map([report_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<std::result::Result<_, _>>()?;
            let mut start = 0i64;
            for line in body.split('\n') {
                let len = line.chars().count() as i64;
                if !line.trim().is_empty() {
                    // The deepest section whose span holds the paragraph's first character.
                    let section = spans
                        .iter()
                        .filter(|(_, s, e, _)| *s <= start && start < *e)
                        .max_by_key(|(_, s, _, level)| (*level, *s))
                        .map(|(id, ..)| *id);
                    insert.execute(params![grams(line), line, report_id, section, start, start + len])?;
                    built.passages += 1;
                }
                start += len + 1;
            }
            built.reports += 1;
            progress(built.reports as u64, total);
        }
        let mut towns = src.prepare("SELECT report_id, town, province, kind, review_year FROM v_reports")?;
        let mut insert_town = tx.prepare("INSERT INTO report_towns VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let rows = towns.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, town, province, kind, year) = row?;
            insert_town.execute(params![id, town, province, kind, year])?;
        }
        let last_run: Option<i64> = src.query_row("SELECT max(id) FROM load_runs", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO index_meta (key, value) VALUES ('source_db', ?1), ('last_load_run_id', ?2),
                 ('built_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            params![db.display().to_string(), last_run.map(|r| r.to_string())],
        )?;
    }
    tx.commit()?;
    dst.execute_batch("INSERT INTO passages (passages) VALUES ('optimize')")?;
    drop(dst);
    std::fs::rename(&tmp, out).map_err(|source| crate::error::Error::Io { path: out.to_path_buf(), source })?;
    Ok(built)
}

/// One paragraph a search found, with its report's town and year.
pub struct Hit {
    pub town: String,
    pub review_year: Option<i64>,
    pub report_id: i64,
    pub char_start: i64,
    pub text: String,
}

/// Attaches the search file `index` to a warehouse connection, as `search`.
pub fn attach(conn: &Connection, index: &Path) -> Result<()> {
    conn.execute("ATTACH DATABASE ?1 AS search", [index.display().to_string()])?;
    Ok(())
}

/// Whether the attached search file was built after the warehouse's last load.
pub fn is_current(conn: &Connection) -> Result<bool> {
    let indexed_run: Option<String> = conn
        .query_row("SELECT value FROM search.index_meta WHERE key = 'last_load_run_id'", [], |r| r.get(0))
        .ok()
        .flatten();
    let last_run: Option<i64> = conn.query_row("SELECT max(id) FROM load_runs", [], |r| r.get(0))?;
    Ok(indexed_run == last_run.map(|r| r.to_string()))
}

/// The paragraphs of the attached search file matching `query` (an [`fts_query`]), best first, at
/// most `limit` of them (`None`: all).
pub fn find(conn: &Connection, query: &str, limit: Option<usize>) -> Result<Vec<Hit>> {
    // SQLite reads a negative LIMIT as none.
    let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    let mut stmt = conn.prepare(
        "SELECT r.town, r.review_year, p.report_id, p.char_start, p.text
         FROM search.passages AS p JOIN v_reports AS r ON r.report_id = p.report_id
         WHERE p.grams MATCH ?1
         ORDER BY p.rank, p.report_id, p.char_start
         LIMIT ?2",
    )?;
    let hits = stmt
        .query_map(params![query, limit], |r| {
            Ok(Hit {
                town: r.get(0)?,
                review_year: r.get(1)?,
                report_id: r.get(2)?,
                char_start: r.get(3)?,
                text: r.get(4)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(hits)
}

/// How many paragraphs of the attached search file match `query`.
pub fn count_matches(conn: &Connection, query: &str) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM search.passages WHERE grams MATCH ?1", [query], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_runs_become_overlapping_bigrams_and_punctuation_a_break() {
        assert_eq!(grams("新质生产力"), "新质 质生 生产 产力");
        assert_eq!(grams("安全"), "安全");
        assert_eq!(grams("规上工业总产值80亿元"), "规上 上工 工业 业总 总产 产值 80 亿元");
        assert_eq!(grams("新质,质生产力"), format!("新质 {BREAK} 质生 生产 产力"));
        assert_eq!(grams("GDP增长8%"), "gdp 增长 8");
        assert_eq!(grams(" 镇 "), "镇");
    }

    #[test]
    fn a_query_word_becomes_the_phrase_of_its_bigrams() {
        assert_eq!(fts_query("新质生产力"), "\"新质 质生 生产 产力\"");
        assert_eq!(fts_query("乡村 振兴"), "\"乡村\" AND \"振兴\"");
        assert_eq!(fts_query("镇"), "\"镇\"*");
        // Quotes and operators typed by the user cannot break out of the phrase.
        assert_eq!(fts_query("\"数字\" OR"), "\"数字\" AND \"or\"");
        assert_eq!(fts_query(",,"), "");
    }
}
