//! The grammar of a growth phrase: its word lists, the reader of a phrase written at the start of
//! a text ([`growth_parts`]), and the same grammar as a regular expression ([`growth_pattern`]),
//! written from the same lists and tested equal to the reader.

#[allow(unused_imports)]
use super::*;
use crate::text::words::Ends;

/// Comparison words that open a growth phrase, in the order they are tried (the longer first where
/// one starts another).
pub(super) const COMPARISONS: &[&str] = &[
    "同比去年",
    "同比上年",
    "较去年同期",
    "较上年同期",
    "与去年同期相比",
    "比去年同期",
    "较去年",
    "较上年",
    "比去年",
    "比上年",
    "同比",
];

/// The words before a year compared with (较2023年, 比2023年同期, 与2023年相比).
pub(super) const YEAR_COMPARED: &[&str] = &["较", "比", "与"];

/// The words before a period compared with and a note on it in brackets (较去年同期(按可比价)).
pub(super) const PERIOD_COMPARED: &[&str] = &["较", "比"];
pub(super) const PERIODS: &[&str] = &["去年", "上年"];

/// The verbs of a change, in the order they are tried: the first of them that the rest of the
/// phrase fits is taken (增长 before 增, 增幅为 before 增幅).
pub(super) const VERBS: &[&str] = &[
    "增长",
    "增加",
    "提高",
    "提升",
    "上升",
    "增幅为",
    "增幅",
    "增速为",
    "增速",
    "增",
    "下降",
    "减少",
    "降低",
    "下滑",
    "回落",
    "降幅为",
    "降幅",
    "缩减",
    "缩短",
    "压减",
    "压缩",
    "降",
];

/// The words between the verb and the rate: 达到, 达 or 为, then a qualifier (超过, 约...).
pub(super) const LINKS: &[&str] = &["达到", "达", "为"];
pub(super) const RATE_QUALIFIERS: &[&str] = &["超过", "超", "约", "近", "逾"];

/// A sign that stands for the verb after a comparison (同比-6.2%).
pub(super) const SIGNS: &[&str] = &["-", "+", "−"];

/// The units of a change, and the words after it.
pub(super) const RATE_UNITS: &[&str] = &["%", "倍", "个百分点", "百分点", "成"];
pub(super) const RATE_POST: &[&str] = &["以上", "左右", "多"];

/// The parts of a growth phrase written at the start of a text, each where it stands (byte ranges
/// from that start; absent parts are `None`); `end` is where the phrase ends. The grammar:
///
/// ```text
/// [cmp: COMPARISONS | 较|比|与 (19|20)dd年 [同期] [相比] | 较|比 去年|上年 同期 (note of 1 to 24 characters)]
/// [分别]
/// ( verb: VERBS [了] [达到|达|为] [pre: 超过|超|约|近|逾] | sign: - | + | − )
/// [" "] num: digits[.digits] | 一…十 then any of 十百千
/// [" "] unit: % | 倍 | 个百分点 | 百分点 | 成
/// [post: 以上|左右|多]
/// ```
///
/// Where a part may be read more than one way, the ways are tried in the order above (a word of a
/// list before the next, a part before its absence) and the first with which the whole phrase
/// reads is taken: 提高三百分点 is 三 and 百分点, not 三百 without a unit. The reader is tested equal,
/// part for part, to the same grammar as a regular expression ([`growth_pattern`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct GrowthParts {
    pub(super) end: usize,
    pub(super) cmp: Part,
    pub(super) verb: Part,
    pub(super) pre: Part,
    pub(super) sign: Part,
    pub(super) num: Part,
    pub(super) unit: Part,
    pub(super) post: Part,
}

/// The grammar's word lists, filed by first character (longest first, the order of each list
/// where one of its words starts another).
struct Lists {
    comparisons: Ends,
    year_compared: Ends,
    period_compared: Ends,
    periods: Ends,
    verbs: Ends,
    links: Ends,
    rate_qualifiers: Ends,
    signs: Ends,
    rate_units: Ends,
    rate_post: Ends,
    /// One bit for each character a phrase can open with (its code modulo 64): a place whose
    /// bit is clear opens none.
    opening: u64,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let opening = [COMPARISONS, YEAR_COMPARED, PERIOD_COMPARED, &["分别"], VERBS, SIGNS]
            .iter()
            .flat_map(|list| list.iter().filter_map(|w| w.chars().next()))
            .fold(0, |bits, c| bits | 1 << (c as u32 % 64));
        Lists {
            comparisons: Ends::heads(COMPARISONS.iter().copied()),
            year_compared: Ends::heads(YEAR_COMPARED.iter().copied()),
            period_compared: Ends::heads(PERIOD_COMPARED.iter().copied()),
            periods: Ends::heads(PERIODS.iter().copied()),
            verbs: Ends::heads(VERBS.iter().copied()),
            links: Ends::heads(LINKS.iter().copied()),
            rate_qualifiers: Ends::heads(RATE_QUALIFIERS.iter().copied()),
            signs: Ends::heads(SIGNS.iter().copied()),
            rate_units: Ends::heads(RATE_UNITS.iter().copied()),
            rate_post: Ends::heads(RATE_POST.iter().copied()),
            opening,
        }
    })
}

/// The spans of the words of a list that `hay` goes on with at `at`, longest first.
fn heads_at<'a>(list: &'a Ends, hay: &'a str, at: usize) -> impl Iterator<Item = (usize, usize)> + 'a {
    list.heads_in(&hay[at..]).map(move |w| (at, at + w.len()))
}

/// The spans of the words of a short list that `hay` goes on with at `at`, in the list's order.
fn words_at<'a>(hay: &'a str, at: usize, words: &'a [&str]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let rest = &hay[at..];
    words.iter().filter(move |w| rest.starts_with(**w)).map(move |w| (at, at + w.len()))
}

/// The ways an optional part may be read: each span of a word written there (from `words`), then
/// none. Yields the position after the part and the part (`None` when it is absent).
fn optional(at: usize, words: impl Iterator<Item = (usize, usize)>) -> impl Iterator<Item = (usize, Part)> {
    words.map(|(s, e)| (e, Some((s, e)))).chain(std::iter::once((at, None)))
}

/// Reads the growth phrase written at the start of `hay` (see [`GrowthParts`]).
pub(super) fn growth_parts(hay: &str) -> Option<GrowthParts> {
    if hay.chars().next().is_none_or(|c| lists().opening & 1 << (c as u32 % 64) == 0) {
        return None;
    }
    for (at, cmp) in optional(0, comparisons(hay).into_iter()) {
        for (at, _) in optional(at, words_at(hay, at, &["分别"])) {
            if let Some(p) = change(hay, at) {
                return Some(GrowthParts { cmp, ..p });
            }
        }
    }
    None
}

/// The comparisons written at the start of `hay`, in the order they are tried.
fn comparisons(hay: &str) -> Vec<(usize, usize)> {
    let l = lists();
    let mut out: Vec<(usize, usize)> = heads_at(&l.comparisons, hay, 0).collect();
    // 较2023年 [同期] [相比]: with both, with 同期 alone, with 相比 alone, with neither.
    for (_, e) in heads_at(&l.year_compared, hay, 0) {
        if let Some(year) = year_at(hay, e) {
            for (at, _) in optional(year, words_at(hay, year, &["同期"])) {
                out.extend(optional(at, words_at(hay, at, &["相比"])).map(|(end, _)| (0, end)));
            }
        }
    }
    // 较去年同期(按可比价计算): a note of 1 to 24 characters, none of them a bracket.
    for (_, e) in heads_at(&l.period_compared, hay, 0) {
        for (_, p) in heads_at(&l.periods, hay, e) {
            if hay[p..].starts_with("同期(") {
                let open = p + "同期(".len();
                let note = hay[open..].char_indices().enumerate().take(25).find(|(_, (_, c))| matches!(c, '(' | ')'));
                if let Some((chars, (len, ')'))) = note {
                    if chars > 0 {
                        out.push((0, open + len + 1));
                    }
                }
            }
        }
    }
    out
}

/// The end of a year written at `at`: 19 or 20, two digits, 年.
fn year_at(hay: &str, at: usize) -> Option<usize> {
    let (_, e) = words_at(hay, at, &["19", "20"]).next()?;
    let mut s = Scan { hay, pos: e };
    (s.eat(is_digit) && s.eat(is_digit) && s.eat(|c| c == '年')).then_some(s.pos)
}

/// The change written at `at`: a verb and what may follow it, or a sign, then the rate.
fn change(hay: &str, at: usize) -> Option<GrowthParts> {
    let l = lists();
    for verb in heads_at(&l.verbs, hay, at) {
        for (at, _) in optional(verb.1, words_at(hay, verb.1, &["了"])) {
            for (at, _) in optional(at, heads_at(&l.links, hay, at)) {
                for (at, pre) in optional(at, heads_at(&l.rate_qualifiers, hay, at)) {
                    if let Some(p) = rate(hay, at) {
                        return Some(GrowthParts { verb: Some(verb), pre, ..p });
                    }
                }
            }
        }
    }
    let sign = heads_at(&l.signs, hay, at).next()?;
    rate(hay, sign.1).map(|p| GrowthParts { sign: Some(sign), ..p })
}

/// The rate written at `at`: [space] number [space] unit [qualifier].
fn rate(hay: &str, at: usize) -> Option<GrowthParts> {
    let l = lists();
    for (at, _) in optional(at, words_at(hay, at, &[" "])) {
        for num in numbers(hay, at) {
            for (at, _) in optional(num.1, words_at(hay, num.1, &[" "])) {
                if let Some(unit) = heads_at(&l.rate_units, hay, at).next() {
                    let post = heads_at(&l.rate_post, hay, unit.1).next();
                    let end = post.map_or(unit.1, |(_, e)| e);
                    return Some(GrowthParts { end, num: Some(num), unit: Some(unit), post, ..Default::default() });
                }
            }
        }
    }
    None
}

/// The ways a number may be read at `at`, in the order they are tried. Digits are read to their
/// end, with their decimals: fewer would leave a digit or a point where a space or a unit must
/// follow. A Chinese numeral is its first character and any of 十百千 after it, the most first:
/// 三百分点 reads as 三 before 百分点.
fn numbers(hay: &str, at: usize) -> Vec<(usize, usize)> {
    let mut s = Scan { hay, pos: at };
    if let Some(num) = s.decimal() {
        return vec![num];
    }
    if !s.eat(opens_cn_numeral) {
        return Vec::new();
    }
    let mut ends = vec![s.pos];
    while s.eat(|c| matches!(c, '十' | '百' | '千')) {
        ends.push(s.pos);
    }
    ends.into_iter().rev().map(|e| (at, e)).collect()
}

/// The grammar of [`GrowthParts`] as a regular expression, written from the same lists:
/// [`growths`] finds phrases with it, and the reader is tested equal to it.
pub(super) fn growth_pattern() -> String {
    let alternatives = |words: &[&str]| words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
    format!(
        r"{lead}
        (?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十][十百千]*)
        \x20?
        (?P<unit>{units})
        (?P<post>{post})?",
        lead = growth_lead_pattern(),
        units = alternatives(RATE_UNITS),
        post = alternatives(RATE_POST),
    )
}

/// The part of [`growth_pattern`] before the number: the comparison, the verb or sign, a space.
pub(super) fn growth_lead_pattern() -> String {
    let alternatives = |words: &[&str]| words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
    format!(
        r"(?x)
        (?P<cmp>{cmp}
            |(?:{year})(?:19|20)\d{{2}}年(?:同期)?(?:相比)?
            |(?:{period})(?:{periods})同期\([^()]{{1,24}}\))?
        (?:分别)?
        (?:
            (?P<verb>{verbs})
            (?:了)?
            (?:{links})?
            (?P<pre>{pre})?
          | (?P<sign>{signs})
        )
        \x20?",
        cmp = alternatives(COMPARISONS),
        year = alternatives(YEAR_COMPARED),
        period = alternatives(PERIOD_COMPARED),
        periods = alternatives(PERIODS),
        verbs = alternatives(VERBS),
        links = alternatives(LINKS),
        pre = alternatives(RATE_QUALIFIERS),
        signs = alternatives(SIGNS),
    )
}
