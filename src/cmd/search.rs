//! `gwr search`: finds the paragraphs that contain every word asked for, through the search file
//! `gwr index` builds, and prints each with its town, year and place in the report.

use super::count;
use crate::cli::SearchArgs;
use crate::store;
use anyhow::{bail, Context};
use std::fmt::Write as _;
use std::io::Write as _;

/// Characters of context shown on each side of the first word found.
const CONTEXT: usize = 24;

pub fn run(args: &SearchArgs) -> anyhow::Result<i32> {
    let words = args.words.join(" ");
    let query = store::search::fts_query(&words);
    if query.is_empty() {
        bail!("nothing to search for in {words:?}: give a word");
    }
    let index = args.index.clone().unwrap_or_else(|| store::search::default_path(&args.db));
    if !index.exists() {
        bail!("no search file at {}: build it with `gwr index --db {}`", index.display(), args.db.display());
    }
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    conn.execute("ATTACH DATABASE ?1 AS search", [index.display().to_string()])
        .with_context(|| format!("opening {}", index.display()))?;
    let indexed_run: Option<String> = conn
        .query_row("SELECT value FROM search.index_meta WHERE key = 'last_load_run_id'", [], |r| r.get(0))
        .ok()
        .flatten();
    let last_run: Option<i64> = conn.query_row("SELECT max(id) FROM load_runs", [], |r| r.get(0))?;
    if indexed_run != last_run.map(|r| r.to_string()) {
        eprintln!("gwr: {} predates the last load: run `gwr index` again for current results", index.display());
    }
    let mut stmt = conn.prepare(
        "SELECT r.town, r.review_year, p.report_id, p.char_start, p.text
         FROM search.passages AS p JOIN v_reports AS r ON r.report_id = p.report_id
         WHERE p.grams MATCH ?1
         ORDER BY p.rank, p.report_id, p.char_start
         LIMIT ?2",
    )?;
    let first_word = args.words.first().map(String::as_str).unwrap_or_default();
    let mut out = String::new();
    let mut hits = 0;
    // --limit 0: every paragraph (SQLite reads a negative LIMIT as none).
    let limit = if args.limit == 0 { -1 } else { i64::try_from(args.limit).unwrap_or(i64::MAX) };
    let rows = stmt.query_map(rusqlite::params![query, limit], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (town, year, report_id, start, text) = row?;
        hits += 1;
        let year = year.map_or_else(|| "----".to_string(), |y| y.to_string());
        writeln!(out, "{town}\t{year}\treport {report_id} @{start}\t{}", snippet(&text, first_word))?;
    }
    let written = match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(super::EXIT_OK),
    };
    if hits == 0 {
        eprintln!("no paragraph contains {words}");
    } else if hits == args.limit {
        // The limit was reached: say how many more there are (on stderr, so the rows stay clean).
        let all: i64 =
            conn.query_row("SELECT count(*) FROM search.passages WHERE grams MATCH ?1", [&query], |r| r.get(0))?;
        let more = usize::try_from(all).unwrap_or(0).saturating_sub(hits);
        if more > 0 {
            eprintln!("{} more: --limit {all} (or --limit 0) shows them all", count(more, "paragraph", "paragraphs"));
        }
    }
    written
}

/// The paragraph around the first occurrence of `word` (the whole of a short paragraph).
fn snippet(text: &str, word: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = text.find(word).map(|b| text[..b].chars().count()).unwrap_or(0);
    let from = at.saturating_sub(CONTEXT);
    let to = (at + word.chars().count() + CONTEXT).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s
}
