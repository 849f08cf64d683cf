//! Web-page noise: navigation, "索引号/发布日期/浏览次数" lines, share buttons and footers are
//! dropped from the text; the metadata those lines carry is kept in [`PageMeta`].

use crate::model::PageMeta;
use crate::read::fold::fold_str;
use crate::words::WordList;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

const NOISE_TOML: &str = include_str!("../../data/page_noise.toml");

#[derive(Deserialize)]
struct NoiseFile {
    keys: Keys,
    lines: Lines,
}

#[derive(Deserialize)]
struct Keys {
    published_on: Vec<String>,
    written_on: Vec<String>,
    index_number: Vec<String>,
    publisher: Vec<String>,
    ignored: Vec<String>,
}

#[derive(Deserialize)]
struct Lines {
    exact: Vec<String>,
    contains: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    PublishedOn,
    WrittenOn,
    IndexNumber,
    Publisher,
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
    fields: Vec<(String, Field)>,
    exact: Vec<String>,
    contains: WordList,
    breadcrumb: Regex,
    date: Regex,
}

fn spaced(key: &str) -> String {
    key.chars().map(|c| regex::escape(&c.to_string())).collect::<Vec<_>>().join(r"\s*")
}

fn noise() -> &'static Noise {
    static NOISE: OnceLock<Noise> = OnceLock::new();
    NOISE.get_or_init(|| {
        // The data file is part of the binary; a malformed one is a build defect that the unit
        // tests catch, so failing loudly here is right.
        let file: NoiseFile = toml::from_str(NOISE_TOML).expect("data/page_noise.toml is valid");
        let mut fields: Vec<(String, Field)> = Vec::new();
        for (list, f) in [
            (&file.keys.published_on, Field::PublishedOn),
            (&file.keys.written_on, Field::WrittenOn),
            (&file.keys.index_number, Field::IndexNumber),
            (&file.keys.publisher, Field::Publisher),
            (&file.keys.ignored, Field::Ignored),
        ] {
            fields.extend(list.iter().map(|k| (k.clone(), f)));
        }
        // Longest keys first, so 信息索引号 wins over 索引号 and 成文日期 over 日期.
        fields.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
        let alternation = fields.iter().map(|(k, _)| spaced(k)).collect::<Vec<_>>().join("|");
        Noise {
            key_colon: Regex::new(&format!(r"({alternation})\s*[:：]")).expect("key regex"),
            key_first: Regex::new(&format!(r"^(?:{alternation})\s*[:：]")).expect("key regex"),
            key_alone: Regex::new(&format!(r"^[•·\s]*({alternation})\s*[:：]?\s*$")).expect("key regex"),
            fields,
            exact: file.lines.exact,
            contains: WordList::new(&file.lines.contains),
            breadcrumb: Regex::new(r"^\s*(>|》|»)|(\s>\s|>>|»)").expect("breadcrumb regex"),
            date: Regex::new(r"([0-9]{4})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})").expect("date regex"),
        }
    })
}

impl Noise {
    fn field_of(&self, key: &str) -> Field {
        let key: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, f)| *f).unwrap_or(Field::Ignored)
    }

    /// A metadata line: it starts with a key and a colon (after bullets and spaces).
    fn key_pairs<'a>(&self, line: &'a str) -> Option<Vec<(Field, &'a str)>> {
        let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || c == '•' || c == '·');
        // The leftmost match starts at 0 exactly when one starts there.
        if !self.key_first.is_match(trimmed) {
            return None;
        }
        let matches: Vec<_> = self.key_colon.captures_iter(trimmed).collect();
        let mut pairs = Vec::new();
        for (i, caps) in matches.iter().enumerate() {
            let whole = caps.get(0)?;
            let end = matches.get(i + 1).and_then(|c| c.get(0)).map_or(trimmed.len(), |m| m.start());
            pairs.push((self.field_of(&caps[1]), trimmed[whole.end()..end].trim()));
        }
        Some(pairs)
    }

    fn is_furniture(&self, line: &str) -> bool {
        let t = line.trim();
        self.exact.iter().any(|e| e == t)
            || self.contains.any_in(t)
            || (t.chars().count() < 80 && self.breadcrumb.is_match(t))
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
    /// `lines` folded for parsing (one character for one character): the rest of the reader
    /// recognises titles, templates and genres on these instead of folding again.
    pub folded: Vec<String>,
}

/// Splits a page into the lines that may belong to a report and the metadata its furniture carries.
///
/// Lines are recognised on their folded form (full-width "２０２５年１月" reads as "2025年1月"), and
/// kept as written.
pub fn clean(text: &str) -> CleanPage {
    let n = noise();
    let folded_text = fold_str(text);
    let raw: Vec<&str> = text.lines().collect();
    // Folding is one character for one character and never makes or takes a line break, so the
    // folded lines stand beside the raw ones.
    let folded: Vec<&str> = folded_text.lines().collect();
    let mut page = CleanPage::default();
    let mut i = 0;
    while i < raw.len() && i < folded.len() {
        let line = folded[i].trim();
        let original = raw[i].trim();
        i += 1;
        if line.is_empty() || n.is_furniture(line) {
            continue;
        }
        if let Some(caps) = n.key_alone.captures(line) {
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
    }
    page.meta.site = folded
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .filter(|l| l.chars().count() <= 20 && (l.ends_with("人民政府") || l.ends_with("政府网")))
        .map(str::to_string);
    page.lines = reflow(std::mem::take(&mut page.lines));
    page.folded = page.lines.iter().map(|l| fold_str(l)).collect();
    page
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

/// Breaks very long lines back into paragraphs: a whole report saved on one line still gets its
/// title line first and one paragraph a line. Each pass is linear in the line's length.
pub fn reflow(lines: Vec<String>) -> Vec<String> {
    if lines.iter().all(|l| l.len() < LONG_LINE_CHARS) {
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
        Field::Ignored => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_lines_are_dropped_and_read() {
        let page = clean(
            "嵊州市人民政府\n您当前的位置:\n>> 政府信息公开 >> 工作信息\n\
             索 引 号: 113306830025853214/2025-00157 主题分类: 政务公开\n\
             发布机构: 甘霖镇 公开日期: 2025-01-09 16:02:30\n甘霖镇2024年工作总结\n\
             发布日期: 2025- 01- 09 16: 02\n浏览次数:\n正文第一段。\n设为首页 | 网站地图",
        );
        assert_eq!(page.lines, vec!["嵊州市人民政府", "甘霖镇2024年工作总结", "正文第一段。"]);
        assert_eq!(page.meta.published_on.as_deref(), Some("2025-01-09"));
        assert_eq!(page.meta.index_number.as_deref(), Some("113306830025853214/2025-00157"));
        assert_eq!(page.meta.publisher.as_deref(), Some("甘霖镇"));
        assert_eq!(page.meta.site.as_deref(), Some("嵊州市人民政府"));
    }

    #[test]
    fn keys_with_values_on_the_next_line() {
        let page = clean(
            "索引号\n002968082/2025-65346\n成文日期\n2025-02-12\n  • 统一编号:\n\
             2024年度高家镇政府工作报告\n分享到:\n各位代表:",
        );
        assert_eq!(page.lines, vec!["2024年度高家镇政府工作报告", "各位代表:"]);
        assert_eq!(page.meta.index_number.as_deref(), Some("002968082/2025-65346"));
        assert_eq!(page.meta.written_on.as_deref(), Some("2025-02-12"));
    }

    #[test]
    fn data_file_parses() {
        assert!(!noise().fields.is_empty());
    }

    #[test]
    fn a_report_on_one_line_gets_its_paragraphs_back() {
        let para = "一年来,全镇规上工业产值达到74.23亿元。".repeat(150);
        let line =
            format!("2024年湖镇镇政府工作报告 湖镇镇镇长 钟罗谊　　各位代表:　　{para}二、2025年工作安排　　{para}");
        let lines = reflow(vec![line]);
        assert_eq!(lines[0], "2024年湖镇镇政府工作报告");
        assert!(lines.contains(&"各位代表:".to_string()), "{:?}", &lines[..3]);
        assert!(lines.contains(&"二、2025年工作安排".to_string()));
        assert_eq!(reflow(vec!["短行 两个  空格".to_string()]), ["短行 两个  空格"], "short lines stay");
    }

    #[test]
    fn full_width_metadata_lines_are_read() {
        let page = clean("发布日期：２０２５－０１－０９\n正文。");
        assert_eq!(page.meta.published_on.as_deref(), Some("2025-01-09"));
        assert_eq!(page.lines, ["正文。"]);
    }
}
