//! Web-page noise: navigation, "索引号/发布日期/浏览次数" lines, share buttons and footers are
//! dropped from the text; the metadata those lines carry is kept in [`PageMeta`].

use crate::model::PageMeta;
use crate::read::shape::{self, ParseLine};
use crate::text::fold::fold_str;
use crate::text::index::at_most_chars;
use crate::text::words::WordList;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct Keys {
    published_on: Vec<String>,
    written_on: Vec<String>,
    index_number: Vec<String>,
    publisher: Vec<String>,
    title: Vec<String>,
    ignored: Vec<String>,
}

#[derive(Deserialize)]
struct Lines {
    exact: Vec<String>,
    contains: Vec<String>,
    image_extensions: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    PublishedOn,
    WrittenOn,
    IndexNumber,
    Publisher,
    Title,
    Ignored,
}

struct Noise {
    /// Matches any key followed by a colon; group 1 is the key.
    key_colon: Regex,
    /// `key_colon` anchored at the start: whether a line opens with a key, without searching
    /// the whole of a long paragraph for one.
    key_first: Regex,
    /// Matches a line that is only a key (with or without a colon).
    key_alone: Regex,
    /// The first character of every key, sorted: each key expression starts with a key (after
    /// bullets and white space), so a line that opens with none of these matches none of them.
    key_heads: Vec<char>,
    fields: Vec<(String, Field)>,
    exact: Vec<String>,
    contains: WordList,
    /// The extensions of pictures' file names, in lower case.
    image_extensions: Vec<String>,
    breadcrumb: Regex,
    date: Regex,
    /// A line that is a date and time and little else ("2023-05-06 15:24", "某某网 2023-05-06").
    bare_date: Regex,
    url: Regex,
}

fn spaced(key: &str) -> String {
    key.chars().map(|c| regex::escape(&c.to_string())).collect::<Vec<_>>().join(r"\s*")
}

fn noise() -> &'static Noise {
    static NOISE: OnceLock<Noise> = OnceLock::new();
    NOISE.get_or_init(|| {
        let keys: Keys = super::lexicon::section("keys");
        let lines: Lines = super::lexicon::section("lines");
        let mut fields: Vec<(String, Field)> = Vec::new();
        for (list, f) in [
            (&keys.published_on, Field::PublishedOn),
            (&keys.written_on, Field::WrittenOn),
            (&keys.index_number, Field::IndexNumber),
            (&keys.publisher, Field::Publisher),
            (&keys.title, Field::Title),
            (&keys.ignored, Field::Ignored),
        ] {
            fields.extend(list.iter().map(|k| (k.clone(), f)));
        }
        // Longest keys first, so 信息索引号 wins over 索引号 and 成文日期 over 日期.
        fields.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
        let alternation = fields.iter().map(|(k, _)| spaced(k)).collect::<Vec<_>>().join("|");
        let mut key_heads: Vec<char> = fields.iter().filter_map(|(k, _)| k.chars().next()).collect();
        key_heads.sort_unstable();
        key_heads.dedup();
        Noise {
            key_colon: Regex::new(&format!(r"({alternation})\s*[:：]")).expect("key regex"),
            key_first: Regex::new(&format!(r"^(?:{alternation})\s*[:：]")).expect("key regex"),
            key_alone: Regex::new(&format!(r"^[•·\s]*({alternation})\s*[:：]?\s*$")).expect("key regex"),
            key_heads,
            fields,
            exact: lines.exact,
            contains: WordList::new(&lines.contains),
            image_extensions: lines.image_extensions.iter().map(|e| e.to_lowercase()).collect(),
            breadcrumb: Regex::new(r"^\s*(>|》|»)|(\s>\s|>>|»)").expect("breadcrumb regex"),
            date: Regex::new(r"([0-9]{4})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})").expect("date regex"),
            bare_date: Regex::new(
                r"^[^:：,。，]{0,30}?\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?$",
            )
            .expect("date regex"),
            url: Regex::new(r"https?://\S*").expect("url regex"),
        }
    })
}

/// A line without the bullets and white space it opens with.
fn after_bullets(line: &str) -> &str {
    line.trim_start_matches(|c: char| c.is_whitespace() || c == '•' || c == '·')
}

impl Noise {
    fn field_of(&self, key: &str) -> Field {
        let key: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, f)| *f).unwrap_or(Field::Ignored)
    }

    /// Whether `line` opens with the first character of a key, after bullets and white space (what
    /// `\s` matches is what `char::is_whitespace` says): the key expressions are asked only then.
    fn opens_with_key(&self, line: &str) -> bool {
        self.heads_a_key(after_bullets(line))
    }

    /// Whether `text` starts with the first character of a key.
    fn heads_a_key(&self, text: &str) -> bool {
        text.chars().next().is_some_and(|c| self.key_heads.binary_search(&c).is_ok())
    }

    /// A metadata line: it starts with a key and a colon (after bullets and spaces).
    fn key_pairs<'a>(&self, line: &'a str) -> Option<Vec<(Field, &'a str)>> {
        let trimmed = after_bullets(line);
        // The leftmost match starts at 0 exactly when one starts there.
        if !self.heads_a_key(trimmed) || !self.key_first.is_match(trimmed) {
            return None;
        }
        // A match is the key, white space and the colon: the key is read as the match without its
        // colon, whose white space `field_of` leaves out (no need for the expression's group).
        let matches: Vec<_> = self.key_colon.find_iter(trimmed).collect();
        let mut pairs = Vec::with_capacity(matches.len());
        for (i, whole) in matches.iter().enumerate() {
            let end = matches.get(i + 1).map_or(trimmed.len(), |m| m.start());
            let key = whole.as_str().trim_end_matches([':', '：']);
            pairs.push((self.field_of(key), trimmed[whole.end()..end].trim()));
        }
        Some(pairs)
    }

    /// A table row of metadata ("标 题: | … |", "[ 发布日期 ] | 2024-02-22 |") written as
    /// "key: value" pairs; `None` for a row that holds no key.
    fn unpipe(&self, line: &str) -> Option<String> {
        // (Two searches for one character each: vectorised, where a search for either decodes
        // every character of the line.)
        if !(line.contains('|') || line.contains('｜')) {
            return None;
        }
        let cells: Vec<&str> = line
            .split(['|', '｜'])
            .map(|c| c.trim().trim_matches(['[', ']', '【', '】']).trim())
            .filter(|c| !c.is_empty())
            .collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < cells.len() {
            let key = self.key_alone.captures(cells[k]).map(|c| c[1].to_string());
            match (key, cells.get(k + 1)) {
                (Some(key), Some(value)) if !self.key_alone.is_match(value) => {
                    out.push(format!("{key}:{value}"));
                    k += 2;
                }
                (None, _) if self.key_first.is_match(cells[k]) => {
                    out.push(cells[k].to_string());
                    k += 1;
                }
                _ => k += 1,
            }
        }
        (!out.is_empty()).then(|| out.join(" "))
    }

    /// The publication date on a line that is a date and time, with at most a site's name and
    /// address before it.
    fn bare_date(&self, line: &str) -> Option<String> {
        // A date line is short and writes its date with hyphens: most lines are neither.
        if line.len() > 240 || !line.contains('-') {
            return None;
        }
        let line = self.url.replace_all(line, "");
        let c = self.bare_date.captures(line.trim())?;
        iso_ymd(&c[1], &c[2], &c[3])
    }

    fn is_furniture(&self, line: &str) -> bool {
        let t = line.trim();
        self.exact.iter().any(|e| e == t)
            || self.contains.any_in(t)
            || (at_most_chars(t, 79) && self.breadcrumb.is_match(t))
            || self.is_image_file_name(t)
    }

    /// Whether a (trimmed) line is a picture's file name and nothing else: a name of at most 60
    /// characters without spaces, ending in a picture's extension after a dot.
    fn is_image_file_name(&self, t: &str) -> bool {
        // (A line of the text ends in punctuation or a character: the name is looked for only
        // in a short line ending in a Latin letter.)
        if !t.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) || !at_most_chars(t, 60) {
            return false;
        }
        let Some((stem, ext)) = t.rsplit_once('.') else { return false };
        !stem.is_empty()
            && !t.contains(char::is_whitespace)
            && self.image_extensions.iter().any(|e| e.eq_ignore_ascii_case(ext))
    }

    fn iso_date(&self, s: &str) -> Option<String> {
        let c = self.date.captures(s)?;
        iso_ymd(&c[1], &c[2], &c[3])
    }

    /// Whether `value` (a line after a key standing alone) is a plausible value for `field`.
    fn plausible(&self, field: Field, value: &str) -> bool {
        let v = value.trim();
        if v.is_empty()
            || v.ends_with(':')
            || v.ends_with('：')
            || self.key_alone.is_match(v)
            || self.key_pairs(v).is_some()
        {
            return false;
        }
        let n = v.chars().count();
        match field {
            Field::PublishedOn | Field::WrittenOn => self.iso_date(v).is_some() && n <= 25,
            Field::IndexNumber => n <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || "-/_ 〔〕[]".contains(c)),
            Field::Publisher => n <= 20 && !v.contains("报告") && !v.contains("总结"),
            Field::Title => n <= 80,
            Field::Ignored => {
                n <= 12
                    && !v.contains("各位")
                    && !v.contains(|c: char| "。,，、!！;；".contains(c))
                    && !crate::read::split::is_title_line(v)
            }
        }
    }
}

/// A page's text with its furniture dropped.
#[derive(Debug, Default)]
pub struct CleanPage {
    /// The remaining lines, trimmed, blank lines dropped.
    pub lines: Vec<String>,
    pub meta: PageMeta,
    /// `lines` as the parsers read them (folded, glosses and letter spacing left out, each with its
    /// way back to the stored line): the rest of the reader recognises titles, templates and
    /// genres on these instead of folding again.
    pub folded: Vec<ParseLine>,
    /// The watermark dropped from the end of the page's lines, if there was one.
    pub watermark: Option<String>,
}

/// Splits a page into the lines that may belong to a report and the metadata its furniture carries.
///
/// Lines are recognised on their folded form (full-width "２０２５年１月" reads as "2025年1月"), and
/// kept as written.
pub fn clean(text: &str) -> CleanPage {
    let n = noise();
    let folded_text = fold_str(text);
    let mut raw: Vec<&str> = crate::text::words::lines(text).collect();
    // Folding is one character for one character and never makes or takes a line break, so the
    // folded lines stand beside the raw ones.
    let mut folded: Vec<&str> = crate::text::words::lines(&folded_text).collect();
    let mut page = CleanPage { watermark: shape::watermark(&folded), ..Default::default() };
    if let Some(mark) = &page.watermark {
        // The folded mark is as long as the written one: both lines lose the same characters.
        for (r, f) in raw.iter_mut().zip(folded.iter_mut()) {
            let kept = shape::strip_mark(f, mark);
            if kept.len() != f.len() {
                let cut = f.trim_end().chars().count() - kept.chars().count();
                let chars = r.trim_end().chars().count() - cut;
                *r = &r[..r.char_indices().nth(chars).map_or(r.len(), |(b, _)| b)];
                *f = kept;
            }
        }
    }
    // The folded form of each kept line, beside it: folding is one character for one and maps
    // white space to white space, so the folded line trimmed is the kept line folded.
    let mut kept_folded: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < raw.len() && i < folded.len() {
        let unpiped = n.unpipe(folded[i].trim());
        let line = unpiped.as_deref().unwrap_or(folded[i].trim()).trim_start_matches(['-', '—']).trim_start();
        let original = raw[i].trim();
        let original_folded = folded[i].trim();
        i += 1;
        if line.is_empty() {
            continue;
        }
        // Metadata first: a "来源:本站" line is furniture too, but its date is the page's.
        if let Some(pairs) = n.key_pairs(line).filter(|_| !n.key_alone.is_match(line)) {
            for (field, value) in pairs {
                record(&mut page.meta, field, value, n);
            }
            continue;
        }
        if let Some(date) = n.bare_date(line) {
            page.meta.published_on.get_or_insert(date);
            continue;
        }
        if n.is_furniture(line) {
            continue;
        }
        if let Some(caps) = n.opens_with_key(line).then(|| n.key_alone.captures(line)).flatten() {
            // A key alone: its value, if any, stands on the next non-blank line.
            let field = n.field_of(&caps[1]);
            let mut j = i;
            while j < folded.len() && folded[j].trim().is_empty() {
                j += 1;
            }
            if j < folded.len() && n.plausible(field, folded[j]) {
                record(&mut page.meta, field, folded[j].trim(), n);
                i = j + 1;
            }
            continue;
        }
        if let Some(pairs) = n.key_pairs(line) {
            for (field, value) in pairs {
                record(&mut page.meta, field, value, n);
            }
            continue;
        }
        page.lines.push(original.to_string());
        kept_folded.push(original_folded);
    }
    page.meta.site = folded
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .filter(|l| l.chars().count() <= 20 && is_site_name(l))
        .map(str::to_string);
    if needs_reflow(&page.lines) {
        page.lines = reflow(std::mem::take(&mut page.lines));
        page.folded = page.lines.iter().map(|l| shape::parse_line(&fold_str(l))).collect();
    } else {
        debug_assert!(page.lines.iter().zip(&kept_folded).all(|(l, f)| fold_str(l) == *f));
        page.folded = kept_folded.iter().map(|f| shape::parse_line(f)).collect();
    }
    page
}

/// A site's name on a page's first line: a government's or a news site's ("某某县人民政府",
/// "某某阳光网", "某某日报", "某某融媒").
fn is_site_name(line: &str) -> bool {
    ["人民政府", "政府网", "网", "日报", "融媒", "新闻", "在线"].iter().any(|w| line.ends_with(w))
        && !line.contains(['，', ',', '。', ':', '：', ' '])
}

/// Lines longer than this are a page that lost its line breaks, not one paragraph.
const LONG_LINE_CHARS: usize = 5000;

struct Breaks {
    /// A sentence end followed by white space, the trace of a lost paragraph break.
    after_sentence: Regex,
    /// Two or more spaces in a row: the indentation that opened a paragraph.
    indent: Regex,
    /// A sentence end directly followed by a heading marker (一、 （二）).
    before_heading: Regex,
    /// The opening address.
    after_address: Regex,
}

fn breaks() -> &'static Breaks {
    static B: OnceLock<Breaks> = OnceLock::new();
    B.get_or_init(|| Breaks {
        after_sentence: Regex::new(r"([。！？!?])\s+").expect("break regex"),
        indent: Regex::new(r"\s{2,}").expect("break regex"),
        before_heading: Regex::new(
            r"([。！？；;])([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])",
        )
        .expect("break regex"),
        after_address: Regex::new(r"\s*(各位代表[:：])\s*").expect("break regex"),
    })
}

/// Whether any line is long enough to be a page that lost its line breaks.
fn needs_reflow(lines: &[String]) -> bool {
    lines.iter().any(|l| l.len() >= LONG_LINE_CHARS)
}

/// Breaks very long lines back into paragraphs: a whole report saved on one line still gets its
/// title line first and one paragraph a line. Each pass is linear in the line's length.
pub fn reflow(lines: Vec<String>) -> Vec<String> {
    if !needs_reflow(&lines) {
        return lines;
    }
    let b = breaks();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.chars().count() < LONG_LINE_CHARS {
            out.push(line);
            continue;
        }
        let mut text = line;
        // The title stands before the first white space when it reads as one.
        if let Some(p) = text.find(char::is_whitespace) {
            if crate::read::split::is_title_line(text[..p].trim()) {
                text.insert(p, '\n');
            }
        }
        let text = b.after_sentence.replace_all(&text, "$1\n");
        let text = b.indent.replace_all(&text, "\n");
        let text = b.before_heading.replace_all(&text, "$1\n$2");
        let text = b.after_address.replace_all(&text, "\n$1\n");
        out.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string));
    }
    out
}

/// The ISO date (YYYY-MM-DD) of a year, month and day as written, if they make a plausible date.
pub fn iso_ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The ISO date (YYYY-MM-DD) a date-like text names, if it names a plausible one.
pub fn iso_date(s: &str) -> Option<String> {
    let folded = fold_str(s);
    noise().iso_date(&folded)
}

fn record(meta: &mut PageMeta, field: Field, value: &str, n: &Noise) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match field {
        Field::PublishedOn => {
            if meta.published_on.is_none() {
                meta.published_on = n.iso_date(value);
            }
        }
        Field::WrittenOn => {
            if meta.written_on.is_none() {
                meta.written_on = n.iso_date(value);
            }
        }
        Field::IndexNumber => {
            if meta.index_number.is_none() {
                meta.index_number = Some(value.split_whitespace().next().unwrap_or(value).to_string());
            }
        }
        Field::Publisher => {
            if meta.publisher.is_none() && value.chars().count() <= 30 {
                meta.publisher = Some(value.to_string());
            }
        }
        Field::Title => {
            if meta.title.is_none() && value.chars().count() <= 80 {
                meta.title = Some(value.to_string());
            }
        }
        Field::Ignored => {}
    }
}

#[cfg(test)]
mod tests;
