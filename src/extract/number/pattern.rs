//! The quantity pattern: units and measure words, qualifiers, Chinese numerals and multipliers.

#[allow(unused_imports)]
use super::*;

/// Units and measure words, longest first so that 人次 wins over 人 and 个百分点 over 个.
pub(super) const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "平米",
    "公顷",
    "公里",
    "千米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "千克",
    "公斤",
    "美元",
    "欧元",
    "港元",
    "人次",
    "户次",
    "场次",
    "针次",
    "车次",
    "架次",
    "批次",
    "班次",
    "个月",
    "个季度",
    "分钟",
    "小时",
    "元",
    "%",
    "‰",
    "亩",
    "米",
    "吨",
    "斤",
    "人",
    "户",
    "名",
    "位",
    "个",
    "家",
    "件",
    "场",
    "次",
    "起",
    "处",
    "条",
    "项",
    "宗",
    "座",
    "幢",
    "栋",
    "间",
    "套",
    "辆",
    "台",
    "艘",
    "头",
    "羽",
    "只",
    "株",
    "棵",
    "支",
    "批",
    "期",
    "棒",
    "所",
    "张",
    "份",
    "篇",
    "轮",
    "村",
    "组",
    "类",
    "种",
    "块",
    "部",
    "册",
    "本",
    "床",
    "盏",
    "眼",
    "根",
    "笔",
    "天",
    "周",
    "年",
];

/// Qualifiers written before a number, longest first.
pub(super) const PRE_QUALIFIERS: &[&str] =
    &["超过", "突破", "多达", "将近", "不足", "不到", "近", "约", "超", "逾", "破", "上"];

/// Prefix qualifiers that may stand alone before a bare multiplier (逾万人次, 上百家).
pub(super) const BARE_QUALIFIERS: &[&str] = &["超过", "突破", "将近", "近", "约", "超", "逾", "破", "上"];

pub(super) const CN_DIGITS: &str = "零一二两三四五六七八九十百千";

/// The index of the capture group `name` of `re`. Readers ask for groups by index: `Captures::name`
/// looks the name up in a hashed map on every call, and they ask for a dozen groups per figure.
pub(super) fn group(re: &Regex, name: &str) -> usize {
    re.capture_names().position(|n| n == Some(name)).expect("the pattern has the group")
}

/// The quantity pattern with the indexes of its groups.
pub(super) struct QuantityRe {
    pub(super) re: Regex,
    pub(super) num: usize,
    pub(super) num2: usize,
    pub(super) cn: usize,
    pub(super) bare: usize,
    pub(super) q1: usize,
    pub(super) mult: usize,
    pub(super) q2: usize,
    pub(super) unit: usize,
    pub(super) per: usize,
    pub(super) post: usize,
}

pub(super) fn quantity_re() -> &'static QuantityRe {
    static RE: OnceLock<QuantityRe> = OnceLock::new();
    RE.get_or_init(|| {
        let re = quantity_pattern();
        QuantityRe {
            num: group(&re, "num"),
            num2: group(&re, "num2"),
            cn: group(&re, "cn"),
            bare: group(&re, "bare"),
            q1: group(&re, "q1"),
            mult: group(&re, "mult"),
            q2: group(&re, "q2"),
            unit: group(&re, "unit"),
            per: group(&re, "per"),
            post: group(&re, "post"),
            re,
        }
    })
}

/// The quantity pattern, anchored: it is tried only where a number can start (see
/// [`may_start_number`]), on a window of the text cut at that position.
pub(super) fn quantity_pattern() -> Regex {
    {
        let units: Vec<String> = UNITS.iter().map(|u| regex::escape(u)).collect();
        let pattern = format!(
            r"(?x)
            ^
            (?:
                (?P<num>\d+(?:\.\d+)?)
                (?:\s?(?:-|~|—|–|至|到)\s?(?P<num2>\d+(?:\.\d+)?))?
              | (?P<cn>[一二两三四五六七八九十][{cn}]*)
              | (?P<bare>万|亿|千|百)
            )
            \x20?
            (?P<q1>余|多)?
            (?P<mult>万亿|千万|百万|万|亿|千|百)?
            (?P<q2>余|多)?
            (?:\x20?(?P<unit>{units}))?
            (?:/(?P<per>吨|亩|平方米|人|户|斤|公斤|千克|天|日|小时|月|年))?
            (?P<post>以上|以下|左右|余|多)?",
            cn = CN_DIGITS,
            units = units.join("|")
        );
        Regex::new(&pattern).expect("the quantity pattern is valid")
    }
}

/// The multiplier a leading character stands for in a unit.
pub(super) fn multiplier(c: char) -> Option<f64> {
    match c {
        '万' => Some(1e4),
        '亿' => Some(1e8),
        '千' => Some(1e3),
        '百' => Some(1e2),
        _ => None,
    }
}
