//! One file through the whole pipeline, without a database: read → parse → extract → resolve.
//! `gwr load` stores what this returns; `gwr inspect` prints it.

use crate::error::{Reason, Refusal};
use crate::model::{FilePlan, PageMeta, ReportPlan, Span};
use crate::read::{self, Encoding, RawReport};
use crate::text::index::{CharBytes, Folded};
use crate::{extract, files, parse, resolve};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Choices that change how a file is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Read every file in this encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// Record the fate of every number (`gwr inspect --explain`, `gwr audit`).
    pub explain: bool,
}

/// Plans one file: what a load would store for it. Only a regular file of a report's size is
/// read ([`files::read`]).
pub fn plan_file(path: &Path, source_path: &str, opts: &Options) -> FilePlan {
    match files::read(path) {
        Ok(bytes) => plan_bytes(&bytes, source_path, opts),
        Err(refusal) => refused(source_path, refusal),
    }
}

/// A file refused before it was read.
pub fn refused(source_path: &str, refusal: Refusal) -> FilePlan {
    FilePlan {
        source_path: source_path.to_string(),
        byte_count: 0,
        bytes_sha256: String::new(),
        reports: Vec::new(),
        error: Some(refusal),
        warnings: Vec::new(),
        location: None,
    }
}

/// Plans a file's bytes. A panic anywhere in reading, parsing or extracting is a bug, and costs
/// that file only: it becomes the file's refusal (`internal_error`), and the run goes on.
pub fn plan_bytes(bytes: &[u8], source_path: &str, opts: &Options) -> FilePlan {
    refuse_on_panic(bytes, source_path, || plan_unguarded(bytes, source_path, opts))
}

/// Runs `plan`; a panic becomes the file's `internal_error` refusal.
fn refuse_on_panic(bytes: &[u8], source_path: &str, plan: impl FnOnce() -> FilePlan) -> FilePlan {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(plan)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_string());
        FilePlan {
            source_path: source_path.to_string(),
            byte_count: bytes.len(),
            bytes_sha256: sha256_hex(bytes),
            reports: Vec::new(),
            error: Some(Refusal::new(
                Reason::InternalError,
                format!("gwr failed on this file ({what}); this is a bug in gwr: please report it with the file"),
            )),
            warnings: Vec::new(),
            location: None,
        }
    })
}

fn plan_unguarded(bytes: &[u8], source_path: &str, opts: &Options) -> FilePlan {
    let byte_count = bytes.len();
    let bytes_sha256 = sha256_hex(bytes);
    match read::read_bytes(bytes, opts.encoding) {
        Ok(file) => FilePlan {
            source_path: source_path.to_string(),
            byte_count,
            bytes_sha256,
            reports: file
                .reports
                .into_iter()
                .map(|raw| plan_report(raw, &file.page, file.encoding, source_path, opts.explain))
                .collect(),
            error: None,
            warnings: file.warnings,
            location: None,
        },
        Err(refusal) => FilePlan {
            source_path: source_path.to_string(),
            byte_count,
            bytes_sha256,
            reports: Vec::new(),
            error: Some(refusal),
            warnings: Vec::new(),
            location: None,
        },
    }
}

fn plan_report(
    mut raw: RawReport,
    page: &PageMeta,
    encoding: Encoding,
    source_path: &str,
    explain: bool,
) -> ReportPlan {
    // The report's texts move into the plan rather than being copied (a 16 MB report held each twice).
    let folded = Folded::from_folded(std::mem::take(&mut raw.folded));
    // Metadata is read from the folded text, so a full-width or traditional repost names the same
    // town, years and dates as the original.
    let mut meta = parse::meta::parse(&folded.text, page, raw.kind, raw.page_title.as_deref());
    let mut sections = parse::sections::parse(&folded, &meta);
    // The extractors' context (the report's characters and clauses) goes once the facts are read.
    let (mut facts, mut fates) = {
        let ctx = extract::Context::new(&folded, &sections, &meta);
        let facts = extract::extract(&ctx);
        let fates = explain.then(|| extract::explain::fates(&ctx, &facts));
        (facts, fates)
    };
    let town = resolve::resolve(&meta, &folded.text, page);
    if let Some(back) = script_map(&raw, &folded.text) {
        as_written(&back, &mut meta, &mut sections, &mut facts);
    }
    if let Some(stored) = &raw.stored {
        to_stored(stored, &mut sections, &mut facts);
        if let Some(fates) = fates.as_mut() {
            fates.iter_mut().for_each(|f| f.span = stored_span(stored, f.span));
        }
    }
    fill_quotes(&raw.body, &mut facts);
    if let Some(fates) = fates.as_mut() {
        fill_fates(&raw.body, fates);
    }
    // The plan waits for the writer with the batches before it: its lists give back the room they
    // grew into (up to half of a list that doubled).
    sections.shrink_to_fit();
    facts.indicators.shrink_to_fit();
    facts.targets.shrink_to_fit();
    facts.projects.shrink_to_fit();
    ReportPlan {
        source_path: source_path.to_string(),
        source_index: raw.index,
        encoding: encoding.as_str().to_string(),
        content_sha256: sha256_hex(raw.body.as_bytes()),
        // The parse text has the body's characters, one for one, unless it left some out.
        char_count: if raw.stored.is_some() { raw.body.chars().count() } else { folded.char_len() },
        kind_reason: raw.kind_reason,
        body: raw.body,
        complete: raw.complete,
        page: page.clone(),
        meta,
        town,
        sections,
        indicators: facts.indicators,
        targets: facts.targets,
        projects: facts.projects,
        term_counts: raw.term_counts,
        fates,
    }
}

/// How a report writes the characters its parse text folds (a traditional repost: 镇 back to 鎮),
/// or None when it writes them as they are folded. `folded` is the report's parse text. Folding is
/// one for one; glosses and letter spacing left out of the parse text are passed over.
fn script_map(raw: &RawReport, folded: &str) -> Option<FxHashMap<char, char>> {
    if raw.stored.is_none() && folded == raw.body {
        return None;
    }
    let mut back = FxHashMap::default();
    let mut pair = |f: char, w: char| {
        if f != w && !w.is_ascii() && !f.is_ascii() && !f.is_whitespace() {
            back.insert(f, w);
        }
    };
    match &raw.stored {
        // The body's characters at the parse text's positions: `stored` names them (its positions
        // rise, so one walk over the body serves).
        Some(stored) => {
            let mut positions = stored.iter().map(|&i| i as usize).peekable();
            let written =
                raw.body.chars().enumerate().filter_map(|(k, c)| (positions.next_if_eq(&k).is_some()).then_some(c));
            folded.chars().zip(written).for_each(|(f, w)| pair(f, w));
        }
        None => each_folded_pair(folded, &raw.body, pair),
    }
    (!back.is_empty()).then_some(back)
}

/// Every character of `folded` that differs from the one at its place in `written`, with that one:
/// the pairs of `folded.chars().zip(written.chars())` that differ, in order. The two texts step
/// together over the bytes they share (most of a report folds to itself: a full-width comma is a
/// difference every sentence or so), and only a difference is read as characters.
fn each_folded_pair(folded: &str, written: &str, mut pair: impl FnMut(char, char)) {
    let (f, w) = (folded.as_bytes(), written.as_bytes());
    let (mut i, mut j) = (0, 0);
    loop {
        let same = shared_prefix(&f[i..], &w[j..]);
        // The shared bytes are whole characters in both, up to the start of the one they differ
        // in: a character's first byte says its length, so the two split the shared run alike.
        let mut back = 0;
        while !folded.is_char_boundary(i + same - back) {
            back += 1;
        }
        (i, j) = (i + same - back, j + same - back);
        let (Some(a), Some(b)) = (folded[i..].chars().next(), written[j..].chars().next()) else {
            return;
        };
        pair(a, b);
        (i, j) = (i + a.len_utf8(), j + b.len_utf8());
    }
}

/// How many bytes two slices share from their starts, eight at a time.
fn shared_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut k = 0;
    while k + 8 <= n {
        let x = u64::from_le_bytes(a[k..k + 8].try_into().expect("eight bytes"));
        let y = u64::from_le_bytes(b[k..k + 8].try_into().expect("eight bytes"));
        if x != y {
            return k + ((x ^ y).trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    k + a[k..n].iter().zip(&b[k..n]).take_while(|(x, y)| x == y).count()
}

/// Titles, meetings, speakers, section titles, and the names and units of facts in the script the
/// report writes them in (a traditional repost keeps its script), as its quotes are. The town stays
/// folded, as the gazetteer names it; catalog codes were matched on the folded names.
fn as_written(
    back: &FxHashMap<char, char>,
    meta: &mut crate::model::ReportMeta,
    sections: &mut [crate::model::Section],
    facts: &mut extract::Facts,
) {
    fn restore_in<S: std::ops::Deref<Target = str> + FromIterator<char>>(back: &FxHashMap<char, char>, v: &mut S) {
        if v.chars().any(|c| back.contains_key(&c)) {
            *v = v.chars().map(|c| *back.get(&c).unwrap_or(&c)).collect();
        }
    }
    let restore = |v: &mut String| restore_in(back, v);
    for value in [&mut meta.title, &mut meta.meeting, &mut meta.speaker].into_iter().flatten() {
        restore(value);
    }
    sections.iter_mut().for_each(|s| restore(&mut s.title));
    // Units as written too (公頃, 萬元); `unit_base` stays the folded unit every view compares.
    for f in &mut facts.indicators {
        restore(&mut f.name);
        restore_in(back, &mut f.quantity.unit);
    }
    for f in &mut facts.targets {
        restore(&mut f.name);
        if let Some(q) = f.quantity.as_mut() {
            restore_in(back, &mut q.unit);
        }
    }
    for f in &mut facts.projects {
        restore(&mut f.name);
        if let Some(u) = f.investment_unit.as_mut() {
            restore(u);
        }
    }
}

/// Spans found in the parse text (glosses and letter spacing left out) moved to the stored body's
/// characters: a span starts where its first character stands and ends after its last.
fn to_stored(stored: &[u32], sections: &mut [crate::model::Section], facts: &mut extract::Facts) {
    let at = |span: Span| stored_span(stored, span);
    sections.iter_mut().for_each(|s| s.span = at(s.span));
    facts.indicators.iter_mut().for_each(|f| f.span = at(f.span));
    facts.targets.iter_mut().for_each(|f| f.span = at(f.span));
    facts.projects.iter_mut().for_each(|f| f.span = at(f.span));
}

/// A span of the parse text moved to the stored body's characters.
fn stored_span(stored: &[u32], span: Span) -> Span {
    let start = stored.get(span.start).map_or_else(|| stored.last().map_or(0, |&l| l + 1), |&s| s);
    let end = span.end.checked_sub(1).and_then(|e| stored.get(e)).map_or(start, |&e| e + 1);
    Span::new(start as usize, (end as usize).max(start as usize))
}

/// Each number's text and the clause around it, from the stored body.
fn fill_fates(body: &str, fates: &mut [extract::explain::NumberFate]) {
    let chars: Vec<char> = body.chars().collect();
    let ends = |c: char| matches!(c, '。' | ',' | '，' | ';' | '；' | '\n');
    for f in fates {
        let (s, e) = (f.span.start.min(chars.len()), f.span.end.min(chars.len()));
        f.text = chars[s..e].iter().collect();
        let from = chars[..s].iter().rposition(|&c| ends(c)).map_or(0, |i| i + 1).max(s.saturating_sub(30));
        let to = chars[e..].iter().position(|&c| ends(c)).map_or(chars.len(), |i| e + i).min(e + 30);
        f.context = chars[from..to].iter().collect();
    }
}

/// Every fact's quote is the body's text at its span, so the provenance invariant holds by
/// construction.
fn fill_quotes(body: &str, facts: &mut extract::Facts) {
    let index = CharBytes::new(body);
    let quote = |span: Span| index.slice(body, span.start, span.end).to_string();
    facts.indicators.iter_mut().for_each(|f| f.quote = quote(f.span));
    facts.targets.iter_mut().for_each(|f| f.quote = quote(f.span));
    facts.projects.iter_mut().for_each(|f| f.quote = quote(f.span));
}

/// The SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A character likely in a report or its repost: ASCII, its full-width forms, Chinese in
    /// either script, spaces, and characters of four bytes.
    fn report_char() -> impl proptest::strategy::Strategy<Value = char> {
        proptest::prop_oneof![
            proptest::char::range(' ', '~'),
            proptest::char::range('\u{FF01}', '\u{FF5E}'),
            proptest::sample::select(vec!['镇', '鎮', '发', '發', '展', '经', '經', '\u{3000}', '\u{A0}', '\u{1F600}']),
            proptest::char::any(),
        ]
    }

    proptest::proptest! {
        /// The pairs read by stepping over shared bytes are those of the two texts' characters
        /// zipped, in order. It fails when a difference inside a character is read from its
        /// middle, or when a shared run is taken for a difference.
        #[test]
        fn folded_pairs_are_the_zipped_characters_that_differ(
            pairs in proptest::collection::vec((report_char(), report_char(), proptest::bool::ANY), 0..64)
        ) {
            // Half the places write the folded character itself, as most of a report does.
            let folded: String = pairs.iter().map(|p| p.0).collect();
            let written: String = pairs.iter().map(|&(f, w, same)| if same { f } else { w }).collect();
            let mut got = Vec::new();
            each_folded_pair(&folded, &written, |f, w| got.push((f, w)));
            let expected: Vec<(char, char)> = folded.chars().zip(written.chars()).filter(|(f, w)| f != w).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    /// A panic while planning one file becomes that file's refusal, naming what failed.
    #[test]
    fn a_panic_in_planning_is_the_files_refusal() {
        let plan = refuse_on_panic(b"abc", "x.txt", || panic!("index out of range"));
        let refusal = plan.error.expect("a refusal");
        assert_eq!(refusal.reason, Reason::InternalError);
        assert!(refusal.detail.contains("index out of range"), "{}", refusal.detail);
        assert_eq!((plan.source_path.as_str(), plan.byte_count), ("x.txt", 3));
    }
}
