//! The quantity pattern: units and measure words, qualifiers, Chinese numerals and multipliers.

#[allow(unused_imports)]
use super::*;
use crate::text::words::Ends;

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

/// The characters of a Chinese numeral after its first, as a string: for the grammar's regular
/// expression in the tests, which check that [`is_cn_digit`] says the same.
#[cfg(test)]
pub(super) const CN_DIGITS: &str = "零一二两三四五六七八九十百千";

/// Whether `c` opens a Chinese numeral: 一 to 十 and 两.
pub(super) fn opens_cn_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// Whether `c` may stand in a Chinese numeral after its first character: 零 to 十, 两, 百 and 千.
pub(super) fn is_cn_digit(c: char) -> bool {
    matches!(c, '零' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千')
}

/// Multipliers written after a numeral, in the order they are tried (万亿 before 万).
pub(super) const MULTIPLIERS: &[&str] = &["万亿", "千万", "百万", "万", "亿", "千", "百"];

/// Units after a slash (元/吨), in the order they are tried.
pub(super) const PER_UNITS: &[&str] =
    &["吨", "亩", "平方米", "人", "户", "斤", "公斤", "千克", "天", "日", "小时", "月", "年"];

/// Words written after a number and its unit (以上, 左右, 余).
pub(super) const POST_QUALIFIERS: &[&str] = &["以上", "以下", "左右", "余", "多"];

/// Range marks between two numbers (5-8, 5至8).
pub(super) const RANGE_MARKS: &[&str] = &["-", "~", "—", "–", "至", "到"];

/// A part of a quantity: its byte range, counted from where the quantity starts.
pub(super) type Part = Option<(usize, usize)>;

/// The parts of a quantity as written at the start of a text, each where it stands (absent parts
/// are `None`); `end` is where the quantity ends. The grammar, one part after the other, each part
/// taken where it can be (the first word of a list that fits, the longest run of digits):
///
/// ```text
/// ( num: digits[.digits] [ [space] range-mark [space] num2: digits[.digits] ]
/// | cn: 一…十 then any of 零一二两三四五六七八九十百千
/// | bare: 万 | 亿 | 千 | 百 )
/// [" "] [q1: 余|多] [mult: MULTIPLIERS] [q2: 余|多] [[" "] unit: UNITS] ["/" per: PER_UNITS]
/// [post: POST_QUALIFIERS]
/// ```
///
/// Digits are any script's decimal digits; a space is any white space in a range, the space
/// character elsewhere. The reader is tested equal, part for part, to the same grammar written as
/// a regular expression (`quantity_pattern`, in the tests).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Parts {
    pub(super) end: usize,
    pub(super) num: Part,
    pub(super) num2: Part,
    pub(super) cn: Part,
    pub(super) bare: Part,
    pub(super) q1: Part,
    pub(super) mult: Part,
    pub(super) q2: Part,
    pub(super) unit: Part,
    pub(super) per: Part,
    pub(super) post: Part,
}

/// Reads the quantity written at the start of `hay` (see [`Parts`]): `None` unless `hay` opens with
/// a digit, a Chinese numeral or a bare multiplier.
pub(super) fn parts(hay: &str) -> Option<Parts> {
    let mut s = Scan { hay, pos: 0 };
    let mut p = Parts::default();
    if let Some(num) = s.decimal() {
        p.num = Some(num);
        let before_range = s.pos;
        s.eat(char::is_whitespace);
        p.num2 = s.word(RANGE_MARKS).and_then(|_| {
            s.eat(char::is_whitespace);
            s.decimal()
        });
        if p.num2.is_none() {
            s.pos = before_range;
        }
    } else if s.eat(opens_cn_numeral) {
        while s.eat(is_cn_digit) {}
        p.cn = Some((0, s.pos));
    } else {
        p.bare = Some(s.word(&["万", "亿", "千", "百"])?);
    }
    s.eat(|c| c == ' ');
    p.q1 = s.word(&["余", "多"]);
    p.mult = s.word(MULTIPLIERS);
    p.q2 = s.word(&["余", "多"]);
    let before_unit = s.pos;
    s.eat(|c| c == ' ');
    p.unit = s.longest(units());
    if p.unit.is_none() {
        s.pos = before_unit;
    }
    let before_per = s.pos;
    p.per = s.eat(|c| c == '/').then(|| s.word(PER_UNITS)).flatten();
    if p.per.is_none() {
        s.pos = before_per;
    }
    p.post = s.word(POST_QUALIFIERS);
    p.end = s.pos;
    Some(p)
}

/// [`UNITS`] filed by first character: a unit is looked for among the few that start with the
/// character after the number. Where one unit starts another the longer comes first in the list,
/// so the longest is also the first that fits.
pub(super) fn units() -> &'static Ends {
    static UNITS_BY_HEAD: OnceLock<Ends> = OnceLock::new();
    UNITS_BY_HEAD.get_or_init(|| Ends::heads(UNITS.iter().copied()))
}

/// A reading position in a text.
pub(super) struct Scan<'h> {
    pub(super) hay: &'h str,
    pub(super) pos: usize,
}

impl Scan<'_> {
    /// Takes the next character if `accept` says so.
    pub(super) fn eat(&mut self, accept: impl Fn(char) -> bool) -> bool {
        match self.hay[self.pos..].chars().next() {
            Some(c) if accept(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// Takes the first of `words` the text goes on with, and returns where it stands.
    fn word(&mut self, words: &[&str]) -> Part {
        let rest = &self.hay[self.pos..];
        let w = words.iter().find(|w| rest.starts_with(**w))?;
        let start = self.pos;
        self.pos += w.len();
        Some((start, self.pos))
    }

    /// Takes the longest of `words` the text goes on with, and returns where it stands.
    fn longest(&mut self, words: &Ends) -> Part {
        let w = words.head_of(&self.hay[self.pos..])?;
        let start = self.pos;
        self.pos += w.len();
        Some((start, self.pos))
    }

    /// Takes a run of digits and its decimals (`74.23`: the point only with a digit after it).
    pub(super) fn decimal(&mut self) -> Part {
        let start = self.pos;
        if !self.eat(is_digit) {
            return None;
        }
        while self.eat(is_digit) {}
        let whole = self.pos;
        if self.eat(|c| c == '.') && self.eat(is_digit) {
            while self.eat(is_digit) {}
        } else {
            self.pos = whole;
        }
        Some((start, self.pos))
    }
}

/// A decimal digit of any script (Unicode's Nd, what `\d` matches): ASCII digits are answered at
/// once, and the few other characters Unicode calls numeric are looked up.
pub(super) fn is_digit(c: char) -> bool {
    if c.is_ascii() || !crate::text::markers::is_numeric(c) {
        return c.is_ascii_digit();
    }
    static DIGIT: OnceLock<Regex> = OnceLock::new();
    let mut buf = [0u8; 4];
    DIGIT.get_or_init(|| Regex::new(r"\A\d\z").expect("a valid pattern")).is_match(c.encode_utf8(&mut buf))
}

/// The grammar of [`Parts`] as a regular expression, anchored at the start: what the reader is
/// tested against.
#[cfg(test)]
pub(super) fn quantity_pattern() -> Regex {
    let alternatives = |words: &[&str]| words.iter().map(|u| regex::escape(u)).collect::<Vec<_>>().join("|");
    let pattern = format!(
        r"(?x)
        ^
        (?:
            (?P<num>\d+(?:\.\d+)?)
            (?:\s?(?:{range})\s?(?P<num2>\d+(?:\.\d+)?))?
          | (?P<cn>[一二两三四五六七八九十][{cn}]*)
          | (?P<bare>万|亿|千|百)
        )
        \x20?
        (?P<q1>余|多)?
        (?P<mult>{mult})?
        (?P<q2>余|多)?
        (?:\x20?(?P<unit>{units}))?
        (?:/(?P<per>{per}))?
        (?P<post>{post})?",
        range = alternatives(RANGE_MARKS),
        cn = CN_DIGITS,
        mult = alternatives(MULTIPLIERS),
        units = alternatives(UNITS),
        per = alternatives(PER_UNITS),
        post = alternatives(POST_QUALIFIERS),
    );
    Regex::new(&pattern).expect("the quantity pattern is valid")
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
