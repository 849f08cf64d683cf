//! Growth phrases: a change stated after (or instead of) a level (同比增长23.75%, 下降9.9%,
//! 增长74倍, 提高2.7个百分点).

#[allow(unused_imports)]
use super::*;

/// A growth phrase; `^` anchors it for [`growth_after`], which tries it at given places only.
pub(super) const GROWTH_PATTERN: &str = r"(?x)
            (?P<cmp>同比去年|同比上年|较去年同期|较上年同期|与去年同期相比|比去年同期|较去年|较上年|比去年|比上年|同比
                |(?:较|比|与)(?:19|20)\d{2}年(?:同期)?(?:相比)?
                |(?:较|比)(?:去年|上年)同期\([^()]{1,24}\))?
            (?:分别)?
            (?:
                (?P<verb>增长|增加|提高|提升|上升|增幅为?|增速为?|增|下降|减少|降低|下滑|回落|降幅为?|缩减|缩短|压减|压缩|降)
                (?:了)?
                (?:达到|达|为)?
                (?P<pre>超过|超|约|近|逾)?
              | (?P<sign>[-+−])
            )
            \x20?
            (?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十][十百千]*)
            \x20?
            (?P<unit>%|倍|个百分点|百分点|成)
            (?P<post>以上|左右|多)?";

pub(super) fn growth_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(GROWTH_PATTERN).expect("the growth pattern is valid"))
}

/// The indexes of the growth pattern's groups: the same in the anchored pattern, whose wrapper
/// group does not capture.
pub(super) struct GrowthGroups {
    pub(super) cmp: usize,
    pub(super) verb: usize,
    pub(super) pre: usize,
    pub(super) sign: usize,
    pub(super) num: usize,
    pub(super) unit: usize,
    pub(super) post: usize,
}

pub(super) fn growth_groups() -> &'static GrowthGroups {
    static GROUPS: OnceLock<GrowthGroups> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let re = growth_re();
        GrowthGroups {
            cmp: group(re, "cmp"),
            verb: group(re, "verb"),
            pre: group(re, "pre"),
            sign: group(re, "sign"),
            num: group(re, "num"),
            unit: group(re, "unit"),
            post: group(re, "post"),
        }
    })
}

pub(super) fn growth_re_anchored() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!("^(?:{GROWTH_PATTERN})")).expect("the growth pattern is valid"))
}

/// Reads a growth phrase from `caps`, whose offsets count from byte `at` of `text`.
pub(super) fn read_growth(text: &str, at: usize, caps: &regex::Captures) -> Option<Growth> {
    let gr = growth_groups();
    let whole = caps.get(0)?;
    let whole = (at + whole.start())..(at + whole.end());
    let num = caps.get(gr.num)?.as_str();
    let v: f64 = num.parse().ok().or_else(|| crate::text::markers::chinese_value(num))?;
    if whole.start > 0 && text[..whole.start].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A bare sign stands for the verb only after a comparison word (同比-6.2%): alone, "-6.2%" is a
    // figure, not a change.
    let sign = match (caps.get(gr.verb), caps.get(gr.sign)) {
        (Some(verb), _) if verb.as_str().starts_with(['下', '减', '降', '回', '缩', '压']) => -1.0,
        (Some(_), _) => 1.0,
        (None, Some(sign)) if caps.get(gr.cmp).is_some() => {
            if sign.as_str() == "+" {
                1.0
            } else {
                -1.0
            }
        }
        _ => return None,
    };
    let mut g = Growth {
        qualifier: caps.get(gr.pre).or(caps.get(gr.post)).map(|m| m.as_str().to_string()),
        start: whole.start,
        end: whole.end,
        ..Growth::default()
    };
    match caps.get(gr.unit)?.as_str() {
        "%" => g.pct = Some(sign * v),
        "成" => g.pct = Some(sign * v * 10.0),
        "倍" => g.multiple = Some(sign * v),
        _ => g.pp = Some(sign * v),
    }
    Some(g)
}

/// Every growth phrase in a folded text (同比增长23.75%, 下降9.9%, 增长74倍...), in order.
pub fn growths(text: &str) -> Vec<Growth> {
    // Every growth phrase ends in one of its units: most clauses hold none, and are not searched.
    if !text.contains(['%', '倍', '成']) && !text.contains("百分点") {
        return Vec::new();
    }
    growth_re().captures_iter(text).filter_map(|c| read_growth(text, 0, &c)).collect()
}

/// The growth phrase that follows a quantity ending at byte `byte`, in the same clause: after at
/// most a few words of the same clause (创下历史新高) and one comma or 、, the phrase must open
/// with the comparison (同比, 较去年) or the verb itself, or 比重/占比 (a share's change), so that a
/// rate given for another subject (`, 税收同比增长10%`) is not taken.
pub fn growth_after(text: &str, byte: usize) -> Option<Growth> {
    let rest = text.get(byte..)?;
    let at = |i: usize| {
        let c = growth_re_anchored().captures(window(text, byte + i).get(byte + i..)?)?;
        read_growth(text, byte + i, &c)
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
