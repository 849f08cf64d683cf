//! What a saved page's furniture looks like, from the lists of data/page_noise.toml: the keys of
//! its metadata lines ("索引号", "发布日期", "浏览次数") and the fields they fill, the lines that are
//! furniture, and the dates they write.

use super::PageMeta;
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
pub(super) enum Field {
    PublishedOn,
    WrittenOn,
    IndexNumber,
    Publisher,
    Title,
    Ignored,
}

pub(super) struct Noise {
    /// Matches any key followed by a colon; group 1 is the key.
    pub(super) key_colon: Regex,
    /// `key_colon` anchored at the start: whether a line opens with a key, without searching
    /// the whole of a long paragraph for one.
    pub(super) key_first: Regex,
    /// Matches a line that is only a key (with or without a colon).
    pub(super) key_alone: Regex,
    /// The first character of every key, sorted: each key expression starts with a key (after
    /// bullets and white space), so a line that opens with none of these matches none of them.
    key_heads: Vec<char>,
    pub(super) fields: Vec<(String, Field)>,
    exact: Vec<String>,
    contains: WordList,
    /// The extensions of pictures' file names, in lower case.
    image_extensions: Vec<String>,
    breadcrumb: Regex,
    date: Regex,
    /// A line that is a date and time and little else ("2023-05-06 15:24", "某某网 2023-05-06").
    pub(super) bare_date: Regex,
    /// A date and time opening a line of "key: value" pairs ("2024-01-02 17:43 来源: 某某网").
    dated: Regex,
    url: Regex,
}

fn spaced(key: &str) -> String {
    key.chars().map(|c| regex::escape(&c.to_string())).collect::<Vec<_>>().join(r"\s*")
}

pub(super) fn noise() -> &'static Noise {
    static NOISE: OnceLock<Noise> = OnceLock::new();
    NOISE.get_or_init(|| {
        let keys: Keys = crate::read::lexicon::section("keys");
        let lines: Lines = crate::read::lexicon::section("lines");
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
            dated: Regex::new(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\s+")
                .expect("date regex"),
            url: Regex::new(r"https?://\S*").expect("url regex"),
        }
    })
}

/// A line without the bullets and white space it opens with, and without a list's number before
/// white space ("  1. 发布时间:…", a page's metadata written as a numbered list).
pub(super) fn after_bullets(line: &str) -> &str {
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || c == '•' || c == '·');
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line[digits..].strip_prefix('.') {
        Some(rest) if (1..=2).contains(&digits) && rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => line,
    }
}

/// Whether a (trimmed) line is only a picture in Markdown (`![说明](/files/1.jpg)`), as a page saved
/// as Markdown shows one.
fn is_markdown_picture(t: &str) -> bool {
    t.starts_with("![") && t.ends_with(')') && t.contains("](") && !t.contains(['。', '，', ','])
}

/// Whether a (trimmed) line under a picture is its caption: a short phrase wholly in brackets
/// ("(新农村建设)").
pub(super) fn is_caption(t: &str) -> bool {
    let inner = t.strip_prefix(['(', '（']).and_then(|r| r.strip_suffix([')', '）']));
    inner.is_some_and(|i| !i.is_empty() && at_most_chars(i, 20) && !i.contains(['(', '（', '。', '，', ',']))
}

/// Whether a (trimmed) line is a printed page's number standing alone where a document saved from
/// print breaks its pages: "- 1 -", "—2—" (the dashes before it may be trimmed already), "第3页",
/// "第3页 共8页".
fn is_page_number(t: &str) -> bool {
    const DASHES: [char; 3] = ['-', '—', '–'];
    if t.len() > 30 || !t.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let framed = t.trim_matches(|c: char| DASHES.contains(&c) || c.is_whitespace());
    if t.trim_end().ends_with(DASHES) && digits(framed) {
        return true;
    }
    // "第3页", "共8页": a count of pages after its opening word.
    let pages =
        |s: &str, open: char| s.strip_prefix(open).and_then(|s| s.strip_suffix('页')).is_some_and(|n| digits(n.trim()));
    match t.split_once(char::is_whitespace) {
        Some((page, total)) => pages(page, '第') && pages(total.trim(), '共'),
        None => pages(t, '第'),
    }
}

impl Noise {
    pub(super) fn field_of(&self, key: &str) -> Field {
        let key: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, f)| *f).unwrap_or(Field::Ignored)
    }

    /// Whether `line` opens with the first character of a key, after bullets and white space (what
    /// `\s` matches is what `char::is_whitespace` says): the key expressions are asked only then.
    pub(super) fn opens_with_key(&self, line: &str) -> bool {
        self.heads_a_key(after_bullets(line))
    }

    /// Whether `text` starts with the first character of a key.
    fn heads_a_key(&self, text: &str) -> bool {
        text.chars().next().is_some_and(|c| self.key_heads.binary_search(&c).is_ok())
    }

    /// A metadata line: it starts with a key and a colon (after bullets and spaces).
    pub(super) fn key_pairs<'a>(&self, line: &'a str) -> Option<Vec<(Field, &'a str)>> {
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
    pub(super) fn unpipe(&self, line: &str) -> Option<String> {
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

    /// A line that is the page's date and time, then its "key: value" pairs ("2024-01-02 17:43
    /// 来源: 某某网"): the date and the pairs.
    pub(super) fn dated_pairs<'a>(&self, line: &'a str) -> Option<(String, Vec<(Field, &'a str)>)> {
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let c = self.dated.captures(line)?;
        let pairs = self.key_pairs(&line[c.get(0)?.end()..])?;
        Some((iso_ymd(&c[1], &c[2], &c[3])?, pairs))
    }

    /// The publication date on a line that is a date and time, with at most a site's name and
    /// address before it.
    pub(super) fn bare_date(&self, line: &str) -> Option<String> {
        // A date line is short and writes its date with hyphens: most lines are neither.
        if line.len() > 240 || !line.contains('-') {
            return None;
        }
        let line = self.url.replace_all(line, "");
        let c = self.bare_date.captures(line.trim())?;
        iso_ymd(&c[1], &c[2], &c[3])
    }

    pub(super) fn is_furniture(&self, line: &str) -> bool {
        let t = line.trim();
        self.exact.iter().any(|e| e == t)
            || self.contains.any_in(t)
            || self.is_breadcrumb(t)
            || self.is_picture(t)
            || is_page_number(t)
    }

    /// Whether a (trimmed) line is a breadcrumb trail ("首页 > 要闻 > 正文").
    pub(super) fn is_breadcrumb(&self, t: &str) -> bool {
        at_most_chars(t, 79) && self.breadcrumb.is_match(t)
    }

    /// Whether a (trimmed) line stands for a picture: its file name, or the picture in Markdown.
    pub(super) fn is_picture(&self, t: &str) -> bool {
        self.is_image_file_name(t) || is_markdown_picture(t)
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

    pub(super) fn iso_date(&self, s: &str) -> Option<String> {
        let c = self.date.captures(s)?;
        iso_ymd(&c[1], &c[2], &c[3])
    }

    /// Whether `value` (a line after a key standing alone) is a plausible value for `field`.
    pub(super) fn plausible(&self, field: Field, value: &str) -> bool {
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

/// The ISO date (YYYY-MM-DD) of a year, month and day as written, if they make a plausible date.
pub fn iso_ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A metadata field's value on the page, kept where the field is still empty.
pub(super) fn record(meta: &mut PageMeta, field: Field, value: &str, n: &Noise) {
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
