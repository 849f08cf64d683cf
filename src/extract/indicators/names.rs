//! Names of indicators: where a clause and a list start, the words trimmed from a name, the noun a
//! count names. One trimmer for every rule.

use super::words::words;
use crate::extract::number::WORDS_ENDING_IN_A_QUALIFIER;
use crate::extract::Context;
use crate::text::clauses::{ends, Clause, Stop};
use crate::text::markers::{is_cn_digit, is_numeric};
use crate::text::names::Trimmer;
use regex::Regex;
use std::sync::OnceLock;

/// Characters that end a clause or a list item.
pub(super) fn clause_end(c: char) -> bool {
    ends(c, Stop::Item)
}

fn lead_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:[一二三四五六七八九十]+是|(?:19|20)\d{2}年(?:度)?|\d{1,2}\s?[-—–~]\s?\d{1,2}\s?月?(?:份)?|上半年|下半年|前三季度|\(?[一二三四五六七八九十\d]{1,2}[)、.](?:\D|$)|[\s“”]+$)",
        )
        .expect("the lead marker pattern is valid")
    })
}

fn tail_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:(?:由|从)?(?:19|20)\d{2}年(?:底|末)?的|(?:19|20)\d{2}年(?:度)?|\d{1,2}\s?[-—–~]\s?\d{1,2}月?|上半年|前三季度|[一二三四]季度|\s+)$")
            .expect("the tail marker pattern is valid")
    })
}

/// Whether `s` opens with a character that opens a branch of [`lead_marker_re`]: a Chinese
/// numeral, a digit, a bracket, 上, 下 or 前, a space or a quotation mark. Names are trimmed in a
/// loop, each name several times, and most open with none of them: the expression, whose every
/// call costs a search's setting up, is asked only of the others.
fn may_open_with_marker(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        is_cn_digit(c) || matches!(c, '(' | '上' | '下' | '前' | '“' | '”') || is_numeric(c) || c.is_whitespace()
    })
}

/// Whether `s` closes with a character that closes a branch of [`tail_marker_re`]: 的, 年, 度,
/// 月, a digit or a space.
fn may_close_with_marker(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| matches!(c, '的' | '年' | '度' | '月') || is_numeric(c) || c.is_whitespace())
}

/// The byte range `start..end` of `text` with markers and verbs trimmed from both ends.
/// `s.starts_with(w)`, byte by byte: trimming tries every word of a list on every name, and most
/// tries fail within a byte or two, where `starts_with` calls memcmp.
pub(super) fn has_prefix(s: &str, w: &str) -> bool {
    s.len() >= w.len() && s.bytes().zip(w.bytes()).all(|(a, b)| a == b)
}

pub(super) fn trim_name(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    loop {
        let s = &text[start..end];
        let before = (start, end);
        if let Some(m) = may_open_with_marker(s).then(|| lead_marker_re().find(s)).flatten() {
            // The heading-marker branch eats one character after the marker; give it back.
            let cut = if m
                .as_str()
                .ends_with(|c: char| !matches!(c, ')' | '、' | '.' | ' ' | '“' | '”') && !c.is_ascii_digit())
                && m.as_str().contains([')', '、', '.'])
            {
                m.end() - m.as_str().chars().next_back().map_or(0, char::len_utf8)
            } else {
                m.end()
            };
            if cut > 0 && cut < s.len() {
                start += cut;
            }
        }
        // The words (data/indicator_words.toml), by the one trimmer of names.
        let (a, b) = trimmer().trim(&text[start..end]);
        (start, end) = (start + a, start + b);
        let s = &text[start..end];
        if let Some(m) = may_close_with_marker(s).then(|| tail_marker_re().find(s)).flatten() {
            if m.start() > 0 {
                end = start + m.start();
            }
        }
        if (start, end) == before {
            return (start, end);
        }
    }
}

/// The indicators' trimmer: their lead and tail words; 签约 and its kind stay whole.
fn trimmer() -> &'static Trimmer {
    static T: OnceLock<Trimmer> = OnceLock::new();
    T.get_or_init(|| Trimmer::new(&words().lead, &words().tail, WORDS_ENDING_IN_A_QUALIFIER, true))
}

/// A name cut inside a quoted name (力量”队伍, “某某产业园) takes the whole quote, when its other
/// mark stands within a few characters.
pub(super) fn close_quotes(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    const REACH: usize = 45;
    let s = &text[start..end];
    let (open, close) = (s.find('“'), s.find('”'));
    if close.is_some_and(|c| open.is_none_or(|o| o > c)) {
        let from = start.saturating_sub(REACH);
        let from = (from..start).find(|&i| text.is_char_boundary(i)).unwrap_or(start);
        if let Some(o) =
            text[from..start].rfind('“').filter(|&o| !text[from + o..start].contains(['”', ',', '。', ';']))
        {
            start = from + o;
        }
    } else if open.is_some_and(|o| !s[o..].contains('”')) {
        let to = (end + REACH).min(text.len());
        let to = (end..=to).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(end);
        if let Some(c) = text[end..to].find('”').filter(|&c| !text[end..end + c].contains(['“', ',', '。', ';'])) {
            end = end + c + '”'.len_utf8();
        }
    }
    (start, end)
}

/// Length of a list marker (一是, 其中) opening a clause.
pub(super) fn ordinal_marker_len(s: &str) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^(?:[一二三四五六七八九十]+是|其中|同时|此外|另外)").expect("valid"));
    // (Asked only of a clause that opens with a character one of the markers opens with.)
    let opens = s.chars().next().is_some_and(|c| is_cn_digit(c) || matches!(c, '其' | '同' | '此' | '另'));
    if !opens {
        return 0;
    }
    re.find(s).map_or(0, |m| m.end())
}

/// The start of the clause holding byte `at`.
pub(super) fn clause_start(text: &str, at: usize, floor: usize) -> usize {
    text[floor..at].char_indices().rev().find(|(_, c)| clause_end(*c)).map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// Where the stops of a text (sentence ends) stand, found once: the sentence around a figure is then
/// found by binary search, not by scanning from the figure both ways (a sentence listing thousands
/// of figures was scanned once per figure).
pub(super) struct Stops {
    at: Vec<usize>,
}

impl Stops {
    /// The stops of `level` in the report: [`Stop::Semicolon`] for a sentence of a list of
    /// results, [`Stop::Sentence`] for a full sentence (semicolons inside). They are the ends of
    /// the report's clauses (split once) that stop at that level.
    pub(super) fn new(ctx: &Context, level: Stop) -> Self {
        debug_assert!(level <= Stop::Clause, "the report's clauses end at every stop up to Clause");
        let ends_at = |c: &Clause| c.stop.is_some_and(|s| ends(s, level));
        Stops { at: ctx.clauses.iter().filter(|c| ends_at(c)).map(|c| ctx.chars.byte(c.end)).collect() }
    }

    /// The stretch holding byte `at`: after the last stop before it, up to the first stop at or
    /// after it.
    pub(super) fn around(&self, text: &str, at: usize) -> (usize, usize) {
        let k = self.at.partition_point(|&p| p < at);
        let start = k.checked_sub(1).map_or(0, |j| {
            let p = self.at[j];
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
        (start, self.at.get(k).copied().unwrap_or(text.len()))
    }
}

/// How far (in bytes) a figure's sentence is read either side of it for its period and 预计: a
/// sentence of a report is far shorter; a text that never ends a sentence is then read in time
/// proportional to its length, not to its square.
const SENTENCE_REACH: usize = 4096;

/// The part of the sentence [start, end) within [`SENTENCE_REACH`] of byte `at`, on character
/// boundaries.
pub(super) fn near(text: &str, start: usize, end: usize, at: usize) -> (usize, usize) {
    let mut s = start.max(at.saturating_sub(SENTENCE_REACH));
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let mut e = end.min(at.saturating_add(SENTENCE_REACH));
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    (s.min(at), e.max(at))
}

/// The noun a count names when written before it (`10余个重点项目`, `46支队伍`): up to the clause's
/// end, the next number, or a word that starts the predicate.
pub(super) fn noun_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    // A bracket after a figure is its note (1200亩(含东片区), 3家(甲科技、乙食品)), not its noun; a
    // full stop flattened to '.' ends the sentence.
    if rest.starts_with(['(', ')', '.']) {
        return None;
    }
    let mut end = 0;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= 12
            || clause_end(c)
            || c.is_ascii_digit()
            || words().noun_stops.iter().any(|s| has_prefix(&rest[i..], s))
        {
            break;
        }
        end = i + c.len_utf8();
    }
    let name = &rest[..end];
    (name.chars().any(|c| !c.is_ascii_punctuation() && !matches!(c, '“' | '”'))).then_some((at, at + end))
}

/// Names in a distributive clause (`限上零、住、餐`, `村集体经济和从业农户年增收`).
pub(super) fn split_names(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '、' | '和' | '及' | '与') {
            out.push((start + from, start + i));
            from = i + c.len_utf8();
        }
    }
    out.push((start + from, end));
    out.into_iter().map(|(a, b)| trim_name(text, a, b)).collect()
}

/// The start of the clause holding byte `at` when a list (A、B、C) belongs to it.
pub(super) fn list_clause_start(text: &str, at: usize, floor: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c != &'、' && clause_end(*c))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts made of the pieces markers are written with (years, month ranges, halves, quarters,
    /// ordinals, brackets, quotes, spaces), words of names, and any character.
    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "2024年的",
            "从2023年末的",
            "由2022年底的",
            "2024年度",
            "2024年",
            "1998",
            "年",
            "的",
            "1-10月",
            "3 - 5",
            "11~12",
            "1—3月",
            "12",
            "月份",
            "上半年",
            "下半年",
            "前三季度",
            "三季度",
            "一季度",
            "十二是",
            "一是",
            "(三)",
            "(2)",
            "3、",
            "5.",
            " ",
            "“",
            "”",
            "其中",
            "同时",
            "此外",
            "另外",
            "产值",
            "全镇",
            "增长",
        ]);
        let piece = prop_oneof![pieces.prop_map(String::from), "\\PC"];
        prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]
        /// The first-character and last-character tests let through every text the expressions
        /// match: asking them first changes no trim.
        #[test]
        fn the_character_tests_pass_every_marker(s in text()) {
            if lead_marker_re().is_match(&s) {
                proptest::prop_assert!(may_open_with_marker(&s), "lead {s:?}");
            }
            if tail_marker_re().is_match(&s) {
                proptest::prop_assert!(may_close_with_marker(&s), "tail {s:?}");
            }
        }
    }

    #[test]
    fn markers_are_trimmed_and_plain_names_kept() {
        fn trim(s: &str) -> &str {
            let (a, b) = trim_name(s, 0, s.len());
            &s[a..b]
        }
        assert_eq!(trim("一是规上工业产值"), "规上工业产值");
        assert_eq!(trim("1-10月规上工业产值"), "规上工业产值");
        assert_eq!(trim("规上工业产值2024年度"), "规上工业产值");
        assert_eq!(trim("规上工业产值"), "规上工业产值");
        assert_eq!(ordinal_marker_len("其中农业产值"), "其中".len());
        assert_eq!(ordinal_marker_len("三是农业产值"), "三是".len());
        assert_eq!(ordinal_marker_len("农业产值"), 0);
    }
}
