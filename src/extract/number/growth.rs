//! Growth phrases: a change stated after (or instead of) a level (同比增长23.75%, 下降9.9%,
//! 增长74倍, 提高2.7个百分点).

use super::growth_grammar::*;
#[allow(unused_imports)]
use super::*;

/// [`growth_pattern`], compiled once.
fn growth_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&growth_pattern()).expect("the growth pattern is valid"))
}

/// The growth phrase read at byte `at` of `text` (its parts counted from there), if it is one.
pub(super) fn read_growth(text: &str, at: usize, p: &GrowthParts) -> Option<Growth> {
    let part = |part: Part| part.map(|(s, e)| &text[at + s..at + e]);
    let num = part(p.num)?;
    let v: f64 = num.parse().ok().or_else(|| crate::text::markers::chinese_value(num))?;
    if at > 0 && text[..at].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A bare sign stands for the verb only after a comparison word (同比-6.2%): alone, "-6.2%" is a
    // figure, not a change.
    let sign = match (part(p.verb), part(p.sign)) {
        (Some(verb), _) if verb.starts_with(['下', '减', '降', '回', '缩', '压']) => -1.0,
        (Some(_), _) => 1.0,
        (None, Some(sign)) if p.cmp.is_some() => {
            if sign == "+" {
                1.0
            } else {
                -1.0
            }
        }
        _ => return None,
    };
    let mut g = Growth {
        qualifier: part(p.pre).or(part(p.post)).map(str::to_string),
        start: at,
        end: at + p.end,
        ..Growth::default()
    };
    match part(p.unit)? {
        "%" => g.pct = Some(sign * v),
        "成" => g.pct = Some(sign * v * 10.0),
        "倍" => g.multiple = Some(sign * v),
        _ => g.pp = Some(sign * v),
    }
    Some(g)
}

/// Every growth phrase in a folded text (同比增长23.75%, 下降9.9%, 增长74倍...), in order.
pub fn growths(text: &str) -> Vec<Growth> {
    growths_and_matches(text).0
}

/// [`growths`], and where the growth expression matched, each match (byte range) whether or not
/// it read as a growth phrase: a stretch of the text reads alike alone unless one of them
/// crosses its edge.
pub fn growths_and_matches(text: &str) -> (Vec<Growth>, Vec<(usize, usize)>) {
    let (mut found, mut matched) = (Vec::new(), Vec::new());
    // Every growth phrase ends in one of its units: most clauses hold none, and are not searched.
    if !text.contains(['%', '倍', '成']) && !crate::text::words::contains(text, "百分点") {
        return (found, matched);
    }
    // The expression finds the phrases, left to right; the reader reads the parts of each (it
    // reads what the expression matched, and asking the expression for its groups costs more).
    // It searches only the stretches around a unit after a number (see `unit_windows`).
    for (ws, we) in unit_windows(text) {
        for m in growth_re().find_iter(&text[ws..we]) {
            let (start, end) = (ws + m.start(), ws + m.end());
            matched.push((start, end));
            let Some(p) = growth_parts(&text[start..]) else { continue };
            debug_assert_eq!(start + p.end, end, "the reader and the expression agree");
            found.extend(read_growth(text, start, &p));
        }
    }
    (found, matched)
}

/// The stretches of `text` that can hold a growth phrase, in order and apart. Every phrase ends
/// in a unit written after its number (`5%`, `三成`, `2.7个百分点`), opens at most
/// [`growth_lead_max_len`] bytes before that number, and ends at most the longest unit and
/// qualifier after the unit's start: so within a stretch from that far before the run of numerals
/// ending at a unit to that far after the unit. A stretch is searched as a text of its own, which
/// finds what a search of the whole text finds there: the expression asserts nothing about what
/// stands around a match, every match lies inside one stretch, and none starts between two.
fn unit_windows(text: &str) -> Vec<(usize, usize)> {
    let lead = growth_lead_max_len();
    let tail =
        RATE_UNITS.iter().map(|u| u.len()).max().unwrap_or(0) + RATE_POST.iter().map(|p| p.len()).max().unwrap_or(0);
    let bytes = text.as_bytes();
    let mut units: Vec<(usize, usize)> = RATE_UNITS
        .iter()
        .flat_map(|unit| memchr::memmem::find_iter(bytes, unit.as_bytes()))
        .filter_map(|at| numerals_before(text, at).map(|from| (from, at)))
        .collect();
    units.sort_unstable_by_key(|&(_, at)| at);
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for (from, at) in units {
        let (mut start, mut end) = (from.saturating_sub(lead), (at + tail).min(text.len()));
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    windows
}

/// Where the run of numerals (digits of any script, as the expression's `\d`, points and Chinese
/// numerals) ends before byte `at`, less at most one space, starts; `None` when none stands there.
fn numerals_before(text: &str, at: usize) -> Option<usize> {
    let before = &text[..at];
    let before = before.strip_suffix(' ').unwrap_or(before);
    let numeral = |c: char| c.is_numeric() || c == '.' || "一二两三四五六七八九十百千".contains(c);
    before.char_indices().rev().take_while(|&(_, c)| numeral(c)).last().map(|(i, _)| i)
}

/// The most bytes the part of a growth phrase before its number spans, as the expression's syntax
/// bounds it.
fn growth_lead_max_len() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| {
        regex_syntax::parse(&growth_lead_pattern())
            .ok()
            .and_then(|hir| hir.properties().maximum_len())
            .expect("the growth phrase's lead is bounded")
    })
}

/// The growth phrase that follows a quantity ending at byte `byte`, in the same clause: after at
/// most a few words of the same clause (创下历史新高) and one comma or 、, the phrase must open
/// with the comparison (同比, 较去年) or the verb itself, or 比重/占比 (a share's change), so that a
/// rate given for another subject (`, 税收同比增长10%`) is not taken.
pub fn growth_after(text: &str, byte: usize) -> Option<Growth> {
    let rest = text.get(byte..)?;
    let at = |i: usize| {
        let p = growth_parts(window(text, byte + i).get(byte + i..)?)?;
        read_growth(text, byte + i, &p)
    };
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if let Some(g) = at(i) {
            return Some(g);
        }
        if c == ',' || c == '、' {
            let mut j = i + c.len_utf8();
            for lead in ["比重", "占比"] {
                if rest[j..].starts_with(lead) {
                    j += lead.len();
                }
            }
            return at(j);
        }
        if n >= 10 || c.is_ascii_digit() || matches!(c, '。' | ';' | ':' | '\n' | '%') {
            break;
        }
    }
    None
}

/// One more rate of a list after a growth phrase, as written: `、8%`, `和-19.3%`, `,2.5个百分点`,
/// `、7%以上`.
#[derive(Debug, Clone, PartialEq)]
pub struct RateItem {
    /// The mark that joins it to the rate before (、 和 及 or a comma), if any.
    pub sep: Option<char>,
    /// The rate with its own sign (`-19.3%` → -19.3).
    pub value: f64,
    /// The rate carries a sign of its own.
    pub signed: bool,
    /// In percentage points (个百分点) rather than percent.
    pub points: bool,
    /// 以上 or 左右 written after it.
    pub qualifier: Option<String>,
    /// Byte range through the unit, and the end through the qualifier.
    pub start: usize,
    pub end: usize,
    pub end_with_qualifier: usize,
}

fn rate_item_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^([、和及,])?([-+−])?(\d+(?:\.\d+)?)(%|个百分点)(以上|左右)?")
            .expect("the rate item pattern is valid")
    })
}

/// The rate of a list that starts at byte `at` of a folded text, if one does.
pub fn rate_item_at(text: &str, at: usize) -> Option<RateItem> {
    let c = rate_item_re().captures(text.get(at..)?)?;
    let digits = c.get(3)?;
    let unit = c.get(4)?;
    let own = c.get(2).map(|m| m.as_str());
    let value: f64 = digits.as_str().parse().ok()?;
    Some(RateItem {
        sep: c.get(1).and_then(|m| m.as_str().chars().next()),
        value: if own.is_some_and(|s| s != "+") { -value } else { value },
        signed: own.is_some(),
        points: unit.as_str() != "%",
        qualifier: c.get(5).map(|m| m.as_str().to_string()),
        start: at,
        end: at + unit.end(),
        end_with_qualifier: at + c.get(0)?.end(),
    })
}
