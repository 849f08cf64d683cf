//! Periods: the time a figure covers (全年, 1-11月, 上半年, 前三季度), from the text and the
//! report's years.
//!
//! A figure's period is the last period marker written before it in its sentence (a year such as
//! `2023年`, a month range `1-11月` / `1—10月` / `2024年1-10月`, a half or a quarter); with none,
//! the figure covers the review year. Month fields: `None` for a whole year (全年 included), so
//! `month_from`/`month_to` are only set when the text narrows the year to months. The year so far
//! (今年以来, 截至目前) starts in January and ends in a month the text does not say: `month_from` 1,
//! `month_to` `None`, which no view takes for a whole year.

use regex::Regex;
use std::sync::OnceLock;

/// The time a figure covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub year: Option<i32>,
    /// First and last month covered, both `None` for a whole year.
    pub month_from: Option<u8>,
    pub month_to: Option<u8>,
}

impl Period {
    pub fn year(year: Option<i32>) -> Self {
        Period { year, month_from: None, month_to: None }
    }
}

/// One marker found in a text: what it says and where it ends (byte offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    start: usize,
    end: usize,
    year: Option<i32>,
    months: Option<(u8, u8)>,
    /// The marker names the whole year (全年, 2024年), which resets months set earlier.
    whole_year: bool,
    /// The marker names the year so far (今年以来, 截至目前): from January to a month not said.
    to_date: bool,
}

impl Marker {
    /// A marker that narrows the year to months `from..=to`.
    fn months(start: usize, end: usize, from: u8, to: u8) -> Self {
        Marker { start, end, year: None, months: Some((from, to)), whole_year: false, to_date: false }
    }
}

fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<year>(?:19|20)\d{2})年(?:度)?
            | (?P<m1>\d{1,2})\s?(?:-|—|–|~|至|到)\s?(?P<m2>\d{1,2})(?P<yue>月(?:份)?(?:底|末)?)?
            | (?P<half>上半年|下半年)
            | (?P<q>前三季度|前两季度|(?:第)?[一二三四1-4]季度)
            | 前(?P<firstn>[一二三四五六七八九十]{1,2}|\d{1,2})个月
            | (?P<ytd>今年以来|年初以来|截至目前|截止目前)
            | 截至\d{1,2}月(?:底|末)
            | (?P<all>全年|今年|一年来|本年度|去年|上年)",
        )
        .expect("the period pattern is valid")
    })
}

fn cn_small(s: &str) -> Option<u8> {
    if let Ok(v) = s.parse::<u8>() {
        return Some(v);
    }
    crate::text::markers::chinese_value(s).and_then(|v| u8::try_from(v as i64).ok())
}

/// Which branch of the marker expression matched, with the groups it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Branch<'t> {
    Year(&'t str),
    MonthRange { from: &'t str, to: &'t str, yue: bool },
    Half(&'t str),
    Quarter(&'t str),
    FirstMonths(&'t str),
    YearToDate,
    UpToMonth,
    Whole(&'t str),
}

/// The branch of the match at `start` of `text`: read from the matched text where it can only be
/// one (a year such as 2024年, 全年, 今年以来, 上半年: most markers), otherwise from the
/// expression's groups, which cost a second search.
fn branch<'t>(text: &'t str, start: usize, matched: &'t str) -> Option<Branch<'t>> {
    by_text(matched).or_else(|| by_groups(text, start))
}

/// The branch a matched text can only come from, when it can be told without the groups: a year
/// ((19|20)dd年, 年度: no other branch opens with two digits and ends in 年), or one of the fixed
/// words of the halves, the year so far and the whole year (the branches are tried in order, so
/// 今年以来 is the year so far and 今年 alone the whole year).
fn by_text(matched: &str) -> Option<Branch<'_>> {
    if (matched.starts_with("19") || matched.starts_with("20"))
        && (matched.ends_with('年') || matched.ends_with("年度"))
    {
        return matched.find('年').map(|y| Branch::Year(&matched[..y]));
    }
    match matched {
        "上半年" | "下半年" => Some(Branch::Half(matched)),
        "今年以来" | "年初以来" | "截至目前" | "截止目前" => Some(Branch::YearToDate),
        "全年" | "今年" | "一年来" | "本年度" | "去年" | "上年" => Some(Branch::Whole(matched)),
        _ => None,
    }
}

/// The branch of the match at `start`, from the expression's groups.
fn by_groups(text: &str, start: usize) -> Option<Branch<'_>> {
    let c = marker_re().captures_at(text, start)?;
    let whole = c.get(0)?;
    Some(if let Some(y) = c.name("year") {
        Branch::Year(y.as_str())
    } else if let (Some(a), Some(b)) = (c.name("m1"), c.name("m2")) {
        Branch::MonthRange { from: a.as_str(), to: b.as_str(), yue: c.name("yue").is_some() }
    } else if let Some(h) = c.name("half") {
        Branch::Half(h.as_str())
    } else if let Some(q) = c.name("q") {
        Branch::Quarter(q.as_str())
    } else if let Some(n) = c.name("firstn") {
        Branch::FirstMonths(n.as_str())
    } else if c.name("ytd").is_some() {
        Branch::YearToDate
    } else if whole.as_str().starts_with("截至") {
        Branch::UpToMonth
    } else if let Some(a) = c.name("all") {
        Branch::Whole(a.as_str())
    } else {
        return None;
    })
}

fn markers(text: &str, review_year: Option<i32>) -> Vec<Marker> {
    let mut out = Vec::new();
    // The matches, left to right; the groups of a match are asked only when its text does not
    // tell its branch (see `branch`).
    for whole in marker_re().find_iter(text) {
        let (start, end) = (whole.start(), whole.end());
        let Some(found) = branch(text, start, whole.as_str()) else { continue };
        let m = match found {
            Branch::Year(y) => {
                let y: i32 = y.parse().unwrap_or(0);
                Marker { start, end, year: Some(y), months: None, whole_year: true, to_date: false }
            }
            Branch::MonthRange { from, to, yue } => {
                let (a, b) = (from.parse::<u8>().unwrap_or(0), to.parse::<u8>().unwrap_or(0));
                // 1-11月; without 月 only a month range from January at the head of a clause (1-10成功办理).
                let head =
                    text[..start].chars().next_back().is_none_or(|p| matches!(p, ',' | '。' | ';' | '\n' | '年'));
                if !(1..=12).contains(&a) || !(1..=12).contains(&b) || a >= b || !(yue || a == 1 && head) {
                    continue;
                }
                let prev = text[..start].chars().next_back();
                if prev.is_some_and(|p| p.is_ascii_digit() || p == '.') {
                    continue;
                }
                Marker::months(start, end, a, b)
            }
            Branch::Half(h) => {
                let months = if h == "上半年" { (1, 6) } else { (7, 12) };
                Marker::months(start, end, months.0, months.1)
            }
            Branch::Quarter(s) => {
                let months = if s.starts_with("前三") {
                    (1, 9)
                } else if s.starts_with("前两") {
                    (1, 6)
                } else {
                    let n = s.chars().find_map(|ch| cn_small(&ch.to_string())).unwrap_or(1).clamp(1, 4);
                    (n * 3 - 2, n * 3)
                };
                Marker::months(start, end, months.0, months.1)
            }
            Branch::FirstMonths(n) => match cn_small(n) {
                Some(n) if (1..12).contains(&n) => Marker::months(start, end, 1, n),
                _ => continue,
            },
            Branch::YearToDate => Marker { start, end, year: None, months: None, whole_year: false, to_date: true },
            Branch::UpToMonth => {
                let n = whole.as_str().chars().filter(char::is_ascii_digit).collect::<String>().parse::<u8>().ok();
                match n {
                    Some(n) if (1..12).contains(&n) => Marker::months(start, end, 1, n),
                    _ => continue,
                }
            }
            Branch::Whole(a) => {
                let year = match a {
                    "去年" | "上年" => review_year.map(|y| y - 1),
                    _ => None,
                };
                // 去年 in 较去年 / 比去年 names the base of a comparison, not the figure's period.
                if year.is_some() && text[..start].ends_with(['较', '比', '年']) {
                    continue;
                }
                Marker { start, end, year, months: None, whole_year: true, to_date: false }
            }
        };
        out.push(m);
    }
    out
}

/// The periods of the figures of one text, asked in turn: the markers of a sentence are read once
/// for all its figures (figures come sentence by sentence, so the last sentence's are kept).
#[derive(Default)]
pub struct Periods {
    last: Option<((usize, usize), Vec<Marker>)>,
}

impl Periods {
    /// The period of the figure at byte `at` of `text`, whose sentence is `text[start..end]` (up to
    /// the figure and beyond), given the report's review year.
    pub fn at(&mut self, text: &str, (start, end): (usize, usize), at: usize, review_year: Option<i32>) -> Period {
        let sentence = &text[start..end];
        if self.last.as_ref().is_none_or(|(range, _)| *range != (start, end)) {
            self.last = Some(((start, end), markers(sentence, review_year)));
        }
        let found = self.last.as_ref().map_or(&[][..], |(_, m)| m.as_slice());
        period_among(sentence, found, at - start, review_year)
    }
}

fn period_among(sentence: &str, markers: &[Marker], at: usize, review_year: Option<i32>) -> Period {
    let mut p = Period::year(review_year);
    let clause_break = |a: usize, b: usize| sentence.get(a..b).is_some_and(|s| s.contains([',', ';', '、', ':']));
    for m in markers.iter().filter(|m| m.end <= at) {
        // A marker inside a clause (规下样本企业三季度综合加权营收增速) holds for that clause only;
        // one that opens a clause (1-10月,...) holds for the rest of the sentence.
        let opens = sentence[m.end..].starts_with([',', ':'])
            || m.start == 0
            || sentence[..m.start].ends_with([',', ';', '年']);
        if !opens && clause_break(m.end, at) {
            continue;
        }
        if let Some(y) = m.year {
            p.year = Some(y);
        }
        if m.whole_year {
            p.month_from = None;
            p.month_to = None;
        }
        if let Some((a, b)) = m.months {
            p.month_from = Some(a);
            p.month_to = Some(b);
        }
        if m.to_date {
            p.month_from = Some(1);
            p.month_to = None;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A branch told from the matched text is the branch whose groups the expression reads.
        #[test]
        fn a_branch_told_by_its_text_is_the_expressions(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["2024", "19", "20", "1", "12", "3", "年", "度", "月", "份", "底", "-", "—",
                    "至", "到", " ", "上半年", "下半年", "前三季度", "第", "二", "季度", "前", "个月", "今年", "以来",
                    "年初", "截至", "目前", "全年", "去年", "上年", "一年来", "本年度", "较", ",", "增长"]),
                0..24,
            )
        ) {
            let text = parts.concat();
            for m in marker_re().find_iter(&text) {
                if let Some(told) = by_text(m.as_str()) {
                    proptest::prop_assert_eq!(Some(told), by_groups(&text, m.start()), "{}", m.as_str());
                }
            }
        }
    }

    fn at_value(s: &str, value: &str, year: i32) -> Period {
        Periods::default().at(s, (0, s.len()), s.find(value).unwrap_or(s.len()), Some(year))
    }

    #[test]
    fn a_sentence_markers_hold_for_its_figures_only() {
        let text = "上半年实现产值5亿元,税收1亿元。全镇实现产值12亿元。";
        let second = text.find("全镇").expect("second sentence");
        let mut periods = Periods::default();
        let at =
            |periods: &mut Periods, value: &str, range| periods.at(text, range, text.find(value).unwrap(), Some(2024));
        let half = at(&mut periods, "5亿", (0, second));
        assert_eq!((half.month_from, half.month_to), (Some(1), Some(6)));
        let same_sentence = at(&mut periods, "1亿", (0, second));
        assert_eq!((same_sentence.month_from, same_sentence.month_to), (Some(1), Some(6)));
        assert_eq!(at(&mut periods, "12亿", (second, text.len())), Period::year(Some(2024)), "the next sentence");
    }

    #[test]
    fn whole_year_by_default_and_for_quanian() {
        assert_eq!(at_value("全年税收收入约3.77亿元", "3.77", 2024), Period::year(Some(2024)));
        assert_eq!(at_value("税收收入约3.77亿元", "3.77", 2024), Period::year(Some(2024)));
    }

    #[test]
    fn month_ranges_with_hyphen_and_em_dash() {
        let p = at_value("1—11月工业总产值19亿元", "19", 2024);
        assert_eq!((p.year, p.month_from, p.month_to), (Some(2024), Some(1), Some(11)));
        let p = at_value("2024年1-10月,实现财政总收入2.7亿元", "2.7", 2024);
        assert_eq!((p.year, p.month_from, p.month_to), (Some(2024), Some(1), Some(10)));
        let p = at_value("1-10成功办理各类事项超2.4万件", "2.4", 2024);
        assert_eq!((p.month_from, p.month_to), (Some(1), Some(10)));
    }

    #[test]
    fn halves_and_quarters() {
        let p = at_value("上半年实现产值5亿元", "5", 2024);
        assert_eq!((p.month_from, p.month_to), (Some(1), Some(6)));
        let p = at_value("前三季度实现产值5亿元", "5", 2024);
        assert_eq!((p.month_from, p.month_to), (Some(1), Some(9)));
        let p = at_value("1-10月,规下样本企业三季度综合加权营收增速37.18%", "37.18", 2024);
        assert_eq!((p.month_from, p.month_to), (Some(7), Some(9)));
        // The quarter belongs to its own clause; the next figure is back to 1-10月.
        let s = "1-10月,规下样本企业三季度综合加权营收增速37.18%,限上社会消费品零售总额3亿元";
        let p = at_value(s, "3亿元", 2024);
        assert_eq!((p.month_from, p.month_to), (Some(1), Some(10)));
    }

    #[test]
    fn an_earlier_year_restated() {
        let p = at_value("规上工业产值继2023年突破60亿大关之后,2024年达到74.23亿元", "60", 2024);
        assert_eq!(p.year, Some(2023));
        let p = at_value("规上工业产值继2023年突破60亿大关之后,2024年达到74.23亿元", "74.23", 2024);
        assert_eq!(p.year, Some(2024));
        let p = at_value("2021年度R&D投入达8.18亿元", "8.18", 2022);
        assert_eq!(p.year, Some(2021));
    }

    #[test]
    fn comparison_base_is_not_the_period() {
        let p = at_value("较去年增长5.5%,经营性收入1883万元", "1883", 2024);
        assert_eq!(p.year, Some(2024));
    }

    #[test]
    fn ranges_of_quantities_are_not_months() {
        let p = at_value("时间缩短至5-8分钟,出警67次", "67", 2024);
        assert_eq!((p.month_from, p.month_to), (None, None));
    }
}
