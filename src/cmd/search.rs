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
    store::search::attach(&conn, &index).with_context(|| format!("opening {}", index.display()))?;
    if !store::search::is_current(&conn)? {
        eprintln!("gwr: {} predates the last load: run `gwr index` again for current results", index.display());
    }
    let first_word = args.words.first().map(String::as_str).unwrap_or_default();
    // --limit 0: every paragraph.
    let hits = store::search::find(&conn, &query, (args.limit > 0).then_some(args.limit))?;
    let mut out = String::new();
    for hit in &hits {
        let year = hit.review_year.map_or_else(|| "----".to_string(), |y| y.to_string());
        writeln!(
            out,
            "{}\t{year}\treport {} @{}\t{}",
            hit.town,
            hit.report_id,
            hit.char_start,
            snippet(&hit.text, first_word)
        )?;
    }
    let hits = hits.len();
    let written = match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(super::EXIT_OK),
    };
    if hits == 0 {
        eprintln!("no paragraph contains {words}");
    } else if hits == args.limit {
        // The limit was reached: say how many more there are (on stderr, so the rows stay clean).
        let all = store::search::count_matches(&conn, &query)?;
        let more = all.saturating_sub(hits);
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
