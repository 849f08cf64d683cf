//! The number reader: quantities as these reports write them (74.23亿元, 两百万余元, 5-8分钟,
//! 增长23.75%), with multipliers folded into base units in one place ([`to_base`]).
//!
//! It reads a *folded* text (full-width digits and punctuation already ASCII). Offsets in [`Found`]
//! and [`Growth`] are byte offsets into that text; `Quantity::span` holds character offsets into
//! it, which are character offsets into the report body because folding is one character for one.
//!
//! How a quantity is read (the value and unit are kept *as written*):
//! - Arabic numerals (`74.23`), Chinese numerals (`一百二十三`, `两百`, `十`) and ranges
//!   (`5-8`, `5~8`, `5至8`: `value` is then `None`, `value_min`/`value_max` set).
//! - A multiplier 万/亿 (and 千/百 after Arabic digits) belongs to the unit: `7526万元` is 7526
//!   `万元`; `两百万余元` is 200 `万元` with qualifier 余; a bare `33.34万` is 33.34 `万`.
//! - A multiplier with no numeral only after a qualifier: `逾万人次` is 1 `万人次`.
//! - Qualifiers before the number (约, 超过, 超, 近, 逾, 突破, 不足...) or after it (余, 多, 以上,
//!   以下, 左右).
//! - Not quantities: years (`2024年`), ordinals (`第十五届`), numbers glued to a preceding digit,
//!   Chinese numerals that open a slogan (`三个一批`).

use crate::model::{Quantity, Span};
use crate::text::index::{char_len, Cursor};
use crate::text::words::ends_with;
use compact_str::CompactString;
use regex::Regex;
use std::sync::OnceLock;

mod growth;
mod growth_grammar;
mod pattern;
pub use growth::{growth_after, growths, growths_and_matches, rate_item_at, RateItem};
#[allow(unused_imports)]
use pattern::*;

/// A quantity found in a folded text, with its byte range there (qualifiers included).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub quantity: Quantity,
    pub start: usize,
    pub end: usize,
    /// The numeral was written in Chinese characters (两百, 十余).
    pub chinese: bool,
}

/// A change stated after (or instead of) a level: 同比增长23.75%, 下降9.9%, 增长74倍, 提高2.7个百分点.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Growth {
    /// Percent change; negative for 下降/减少/降低.
    pub pct: Option<f64>,
    /// 增长74倍 → 74.
    pub multiple: Option<f64>,
    /// Change in percentage points (提高2.7个百分点 → 2.7).
    pub pp: Option<f64>,
    /// 超/约/近 before the rate or 以上/左右 after it.
    pub qualifier: Option<String>,
    /// Byte range of the growth phrase (comparison word through the rate).
    pub start: usize,
    pub end: usize,
}

/// A quantity in base units, and that base unit. THE place where units convert; the rule:
/// - leading multipliers 万 (1e4), 亿 (1e8), 千 (1e3), 百 (1e2) fold into the value, combined
///   when stacked (千万 = 1e7): 74.23亿元 → 7.423e9 元, 1.5万美元 → 15000 美元, 2.4万件 → 24000 件;
/// - what remains is the base unit as written: money stays in its currency (元, 美元), shares stay
///   in %, counts keep their measure word (万人次 → 人次), 平米 is written 平方米;
/// - a bare multiplier (33.34万, 60亿) has the empty base unit: the text does not say what it counts;
/// - a unit that starts with 千 as part of a word (千米, 千克, 千瓦) folds the same way (5千米 → 5000 米),
///   so a base unit never carries a multiplier.
pub fn to_base(value: Option<f64>, unit: &str) -> (Option<f64>, CompactString) {
    let mut m = 1.0;
    let mut rest = unit;
    while let Some(c) = rest.chars().next() {
        match multiplier(c) {
            // 百分点 is a unit of its own, not 100 分点.
            Some(f) if !rest.starts_with("百分点") => {
                m *= f;
                rest = &rest[c.len_utf8()..];
            }
            _ => break,
        }
    }
    let base = match rest {
        "平米" => "平方米",
        other => other,
    };
    (value.map(|v| v * m), CompactString::new(base))
}

/// The longest stretch, in bytes, a quantity or growth phrase can span ("同比增长超过23.75个百分点"
/// is 40): the readers look no further, so a failed reading never scans the rest of the report.
const MAX_PHRASE_BYTES: usize = 160;

/// `text` cut a phrase's length after `at` (on a character boundary).
fn window(text: &str, at: usize) -> &str {
    let mut end = (at + MAX_PHRASE_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Characters that go on with a numeral (a multiplier, a range, 余/多/以/左 of a qualifier).
const AFTER_A_NUMERAL: &[char] = &['余', '多', '万', '亿', '千', '百', '以', '左', '/', '-', '~', '—', '–', '至', '到'];

/// The qualifier written just before byte `at`, if any, with its start.
fn pre_qualifier(text: &str, at: usize, list: &[&'static str]) -> Option<(&'static str, usize)> {
    let before = text.get(..at)?;
    let (q, start) = list.iter().find(|q| ends_with(before, q)).map(|q| (*q, at - q.len()))?;
    // The character ends a word of its own (完成签约1200亩, 附近3个村): no qualifier.
    (!WORDS_ENDING_IN_A_QUALIFIER.iter().any(|w| ends_with(before, w))).then_some((q, start))
}

/// Words whose last character is also a qualifier (约, 近, 超): the number reader and the name
/// trimmer leave them whole.
pub(crate) const WORDS_ENDING_IN_A_QUALIFIER: &[&str] =
    &["签约", "合约", "节约", "制约", "预约", "履约", "违约", "特约", "邀约", "公约", "附近", "最近", "赶超", "高超"];

/// Whether a quantity can start with `c`: a digit, a Chinese numeral or a bare multiplier. (The
/// reader also takes other scripts' digits, but such a number never parses as a value.)
fn may_start_number(c: char) -> bool {
    c.is_ascii_digit() || opens_cn_numeral(c) || matches!(c, '万' | '亿' | '千' | '百')
}

/// The characters besides the digits that [`may_start_number`] accepts.
const NUMERAL_OPENINGS: [char; 15] =
    ['一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '万', '亿', '千', '百'];

/// The first byte from `pos` (a character boundary) where a number can start: what
/// `text[pos..].char_indices().find(may_start_number)` finds. Characters are stepped over by
/// their length, told by their first byte, without being read: one of three bytes is read whole
/// only in a block that holds an opening, any other opens a number only as a digit.
fn next_number_start(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = pos;
    while let Some(&b) = bytes.get(at) {
        // A character of three bytes (nearly every one of a Chinese text) is told by a test of its
        // first byte, so that the next place is known without a load from the table; it is read
        // whole only when its first two bytes are an opening's (see `OPENING_BLOCKS`).
        if b & 0xF0 == 0xE0 {
            let second = bytes.get(at + 1).map_or(0, |&c| c & 0x3F);
            if OPENING_BLOCKS[usize::from(b & 0x0F)] >> second & 1 != 0
                && text[at..].chars().next().is_some_and(may_start_number)
            {
                return Some(at);
            }
            at += 3;
            continue;
        }
        // Every other opening is a digit (see `OPENING_BLOCKS`); a byte inside a character is
        // stepped over alone.
        if b.is_ascii_digit() {
            return Some(at);
        }
        at += char_len(b).max(1);
    }
    None
}

/// The blocks of 64 characters of three bytes that hold an opening (see [`NUMERAL_OPENINGS`]): one
/// word per first byte (its low four bits), one bit per second byte (its low six), so that a
/// character is read whole only in a block that holds one (一, 三, 七, 万 and 两 share theirs with
/// 丁, 上 and 下). Every opening is a character of three bytes (the build fails otherwise):
/// 1110xxxx, then 10 and the next six bits of its code.
const OPENING_BLOCKS: [u64; 16] = {
    let mut blocks = [0u64; 16];
    let mut k = 0;
    while k < NUMERAL_OPENINGS.len() {
        let code = NUMERAL_OPENINGS[k] as usize;
        assert!(code >= 0x800 && code <= 0xFFFF, "a numeral opening of three bytes in UTF-8");
        blocks[code >> 12] |= 1 << ((code >> 6) & 0x3F);
        k += 1;
    }
    blocks
};

/// The parts of the quantity written at one place, with the text they are counted in.
struct Groups<'h> {
    hay: &'h str,
    parts: Parts,
}

/// One part of [`Groups`]: where it ends and what it holds.
#[derive(Clone, Copy)]
struct Group<'h> {
    end: usize,
    text: &'h str,
}

impl<'h> Group<'h> {
    fn as_str(&self) -> &'h str {
        self.text
    }

    fn end(&self) -> usize {
        self.end
    }
}

impl<'h> Groups<'h> {
    fn get(&self, part: Part) -> Option<Group<'h>> {
        part.map(|(start, end)| Group { end, text: &self.hay[start..end] })
    }
}

/// The parts of the quantity written at byte `at` of `text`; their offsets count from `at`.
fn captures_at(text: &str, at: usize) -> Option<Groups<'_>> {
    let hay = window(text, at).get(at..)?;
    Some(Groups { hay, parts: parts(hay)? })
}

/// Reads the quantity whose number starts at byte `at` of `text`, with its context checked.
fn read_at(text: &str, at: usize) -> Option<Found> {
    read_captures(text, at, &captures_at(text, at)?, &mut Cursor::default())
}

/// Reads the quantity matched at byte `at` of `text` (`caps` count from `at`).
fn read_captures(text: &str, at: usize, caps: &Groups, cursor: &mut Cursor) -> Option<Found> {
    let g = caps.parts;
    let before = &text[..at];
    let prev = before.chars().next_back();
    // Part of a longer number, a decimal or an ordinal (第十五届).
    if prev.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '第') {
        return None;
    }
    let mult = caps.get(g.mult).map_or("", |m| m.as_str());
    let unit_w = caps.get(g.unit).map_or("", |m| m.as_str());
    let per = caps.get(g.per).map(|m| m.as_str());
    let chinese = caps.get(g.cn).is_some();
    let (value, value_min, value_max, qual_pre) = if let Some(n) = caps.get(g.num) {
        let v: f64 = n.as_str().parse().ok()?;
        match caps.get(g.num2).and_then(|m| m.as_str().parse::<f64>().ok()) {
            Some(v2) if v2 > v => (None, Some(v), Some(v2), None),
            Some(_) => return None,
            None => (Some(v), None, None, None),
        }
    } else if let Some(c) = caps.get(g.cn) {
        if prev.is_some_and(is_cn_digit) {
            return None;
        }
        // The second half of a slogan (三个一批): a measure word right after another numeral.
        let mut back = before.chars().rev();
        if let (Some(p1), Some(p2)) = (back.next(), back.next()) {
            if is_cn_digit(p2) && UNITS.iter().any(|u| u.chars().eq(std::iter::once(p1))) {
                return None;
            }
        }
        (Some(crate::text::markers::chinese_value(c.as_str())?), None, None, None)
    } else {
        // A bare multiplier counts only after a qualifier: 逾万人次, 上百家.
        let b = caps.get(g.bare)?;
        let (q, _) = pre_qualifier(text, at, BARE_QUALIFIERS)?;
        // 近千万元 is a thousand 万元; any other multiplier after a bare one is not a quantity.
        let thousand_wan = matches!(b.as_str(), "千" | "百") && matches!(mult, "万" | "亿");
        if !mult.is_empty() && !thousand_wan {
            return None;
        }
        match b.as_str() {
            "万" | "亿" => (Some(1.0), None, None, Some(CompactString::new(q))),
            s => (Some(if s == "千" { 1000.0 } else { 100.0 }), None, None, Some(CompactString::new(q))),
        }
    };
    let bare_mult = caps.get(g.bare).map_or("", |m| if matches!(m.as_str(), "万" | "亿") { m.as_str() } else { "" });
    // Chinese numerals take 千/百 inside the numeral; after them only 万/亿 are multipliers.
    if chinese && matches!(mult, "千" | "百") {
        return None;
    }
    // The unit is checked before it is written out: most numerals read here have none.
    if bare_mult.is_empty() && mult.is_empty() && unit_w.is_empty() && per.is_none() {
        return None;
    }
    if unit_w.is_empty() && per.is_some() {
        return None;
    }
    let mut unit = CompactString::default();
    for part in [bare_mult, mult, unit_w] {
        unit.push_str(part);
    }
    if let Some(p) = per {
        unit.push('/');
        unit.push_str(p);
    }
    // 千 and 百 stand as a unit only before one (5千亩); alone they start a word (110千伏).
    if unit_w.is_empty() && matches!(mult, "千" | "百" | "千万" | "百万") {
        return None;
    }
    if caps.get(g.bare).is_some() && unit_w.is_empty() && bare_mult.is_empty() {
        return None;
    }
    let end_unit = caps.get(g.per).or(caps.get(g.unit)).or(caps.get(g.q2)).or(caps.get(g.mult)).map(|m| at + m.end());
    let after = &text[end_unit.unwrap_or(at + g.end)..];
    // Years and dates: 2024年, 2023年度.
    if unit_w == "年" && mult.is_empty() && value.is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v)) {
        return None;
    }
    // A Chinese numeral that opens a slogan or a name (三个一批, 四个“一”).
    if chinese && after.chars().next().is_some_and(|c| is_cn_digit(c) || matches!(c, '"' | '“' | '大')) {
        return None;
    }
    let pre = pre_qualifier(text, at, PRE_QUALIFIERS);
    let qualifier = qual_pre
        .or_else(|| pre.filter(|(q, _)| *q != "上").map(|(q, _)| CompactString::new(q)))
        .or_else(|| caps.get(g.q1).or(caps.get(g.q2)).or(caps.get(g.post)).map(|m| CompactString::new(m.as_str())));
    let start = pre.filter(|(q, _)| qualifier.as_deref() == Some(*q)).map_or(at, |(_, s)| s);
    let end = at + g.end;
    let (value_base, unit_base) = to_base(value, &unit);
    let span_start = cursor.at(text, start);
    let span = Span::new(span_start, span_start + text[start..end].chars().count());
    Some(Found {
        quantity: Quantity { value, value_min, value_max, unit, value_base, unit_base, qualifier, span },
        start,
        end,
        chinese,
    })
}

/// Whether the numeral at byte `at` is surely followed by nothing the reader takes after a number
/// (range, multiplier, qualifier, unit, per-unit): the reader would then read the bare numeral,
/// whose unit is empty, and [`read_captures`] refuse it. Most Chinese numerals in a report are
/// words (进一步, 一是, 统一), and this spares the reader there. When in doubt it says no.
fn surely_unitless(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let mut chars = rest.chars();
    let next = match chars.next() {
        Some(c) if c.is_ascii_digit() => chars.find(|c| !c.is_ascii_digit()),
        // The reader's Chinese numeral: one character opens_cn_numeral accepts, then any
        // is_cn_digit accepts.
        Some(c) if opens_cn_numeral(c) => chars.find(|&c| !is_cn_digit(c)),
        _ => return false,
    };
    next.is_none_or(|n| {
        !(n == '.'
            || crate::text::markers::is_numeric(n)
            || n.is_whitespace()
            || AFTER_A_NUMERAL.contains(&n)
            || units().files_under(n))
    })
}

/// Every quantity (number with a unit or multiplier) in a folded text, in order.
pub fn quantities(text: &str) -> Vec<Found> {
    // A report holds a quantity in about every hundred bytes or fewer: room for them at once
    // rather than a copy of all found so far at every doubling.
    let mut out = Vec::with_capacity(text.len() / 128);
    let mut cursor = Cursor::default();
    let mut pos = 0;
    while pos < text.len() {
        // The next place, from `pos`, where a number can start. The reader reads a quantity at every
        // such place (each of its three openings is one of those characters, and all that follows
        // is optional), so the first is where one is written.
        let Some(start) = next_number_start(text, pos) else {
            break;
        };
        let found = if surely_unitless(text, start) {
            None
        } else {
            match captures_at(text, start) {
                Some(caps) => read_captures(text, start, &caps, &mut cursor),
                None => {
                    pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
            }
        };
        match found {
            Some(f) => {
                pos = f.end.max(start + 1);
                out.push(f);
            }
            None => {
                // Skip the whole run of digits so that a rejected year does not yield its tail.
                let skip = text[start..]
                    .char_indices()
                    .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || is_cn_digit(*c)))
                    .map_or(text.len() - start, |(i, _)| i);
                pos = start + skip.max(text[start..].chars().next().map_or(1, char::len_utf8));
            }
        }
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// The quantity whose number (or bare multiplier) starts at byte `byte` of a folded text.
pub fn quantity_at(text: &str, byte: usize) -> Option<Found> {
    if !text.is_char_boundary(byte) {
        return None;
    }
    read_at(text, byte)
}

#[cfg(test)]
mod tests;
