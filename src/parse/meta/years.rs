//! The review and plan years of a text, by its kind.
//!
//! A report or summary says them in its title and headings; a news item says them in its
//! sentences: a year followed by words of a plan (`2025年,某镇将…`, `2025年主要预期目标`) is the plan
//! year, one followed by results (`2024年,某镇完成…`) the review year, and `今年`, `过去一年` count from
//! the year the article speaks in.

use crate::model::ReportKind;
use crate::text::words::WordList;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

const META_TOML: &str = include_str!("../../../data/meta.toml");

#[derive(Deserialize)]
struct MetaFile {
    years: YearsFile,
}

#[derive(Deserialize)]
struct YearsFile {
    plan_cues: Vec<String>,
    review_cues: Vec<String>,
    plan_before: Vec<String>,
    last_year: Vec<String>,
}

struct Lexicon {
    plan: WordList,
    review: WordList,
    plan_before: Vec<String>,
    last_year: WordList,
    p: Patterns,
}

struct Patterns {
    two_years: Regex,
    review_heading: Regex,
    plan_heading: Regex,
    plan_sentence: Regex,
    inline_review_heading: Regex,
    year: Regex,
}

/// The words that close a heading of the year's review (2023年工作回顾): a line holding none of
/// them holds no such heading.
const REVIEW_WORDS: [&str; 7] = ["回顾", "总结", "完成情况", "工作情况", "发展情况", "成效", "成绩"];

/// The words of a sentence that gives the plan's year (2024年经济社会发展的主要预期目标).
const PLAN_SENTENCE_WORD: &str = "主要预期目标";

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let f = toml::from_str::<MetaFile>(META_TOML).expect("data/meta.toml [years] is valid").years;
        let re = |s: &str| Regex::new(s).expect("years regex");
        Lexicon {
            plan: WordList::new(&f.plan_cues),
            review: WordList::new(&f.review_cues),
            plan_before: f.plan_before,
            last_year: WordList::new(&f.last_year),
            p: Patterns {
                two_years: re(r"(\d{4})年度?[^\d]{0,8}?(?:工作)?总结.{0,3}?(\d{4})年"),
                review_heading: re(&format!(
                    r"^(?:过去的|刚刚过去的)?(\d{{4}})\s*年[^。,，\d]{{0,14}}?(?:{})",
                    REVIEW_WORDS.join("|")
                )),
                plan_heading: re(r"^(\d{4})年度?[^。]{0,12}?(?:安排|计划|任务|思路|打算|目标|重点|部署)"),
                plan_sentence: re(&format!(r"(\d{{4}})年[^。]{{0,20}}?{PLAN_SENTENCE_WORD}")),
                inline_review_heading: re(&format!(
                    r"(?:^|[。!！\s])[一二三四五六七八九十]+、\s*(\d{{4}})\s*年[^。,，\d]{{0,14}}?(?:{})",
                    REVIEW_WORDS.join("|")
                )),
                year: re(r"((?:19|20)\d{2})年"),
            },
        }
    })
}

/// The review and plan years of a text of `kind` titled `title`, whose lines under its title are
/// `lines` (a text without a title line opens on its first heading or paragraph), delivered on
/// `delivered` and published on `published` (ISO dates) when known.
pub fn years(
    kind: ReportKind,
    lines: &[&str],
    title: Option<&str>,
    delivered: Option<&str>,
    published: Option<&str>,
) -> (Option<i32>, Option<i32>) {
    let p = &lexicon().p;
    let num = |s: &str| s.parse::<i32>().ok();
    let title_year = title.and_then(|t| p.year.captures(t)).and_then(|c| num(&c[1]));
    let first_year = || lines.iter().find_map(|l| p.year.captures(l)).and_then(|c| num(&c[1]));
    match kind {
        ReportKind::NewsCoverage => return news_years(&lines.join("\n"), published),
        ReportKind::HalfYearReport => {
            let y = title_year.or_else(first_year);
            return (y, y);
        }
        ReportKind::Other => return (title_year.or_else(first_year), None),
        _ => {}
    }
    if let Some(c) = title.and_then(|t| p.two_years.captures(t)) {
        return (num(&c[1]), num(&c[2]));
    }
    let headings = lines.iter().filter(|l| l.chars().count() <= 40);
    let (mut review, mut plan) = (None, None);
    let mut to_date = false;
    // A heading's marker ("一、", "(二)") is read off before its words are.
    let headings = headings.map(|l| crate::text::markers::marker_of(l).map_or(*l, |m| m.rest));
    // Both headings open with the year (or 过去的/刚刚过去的 before it): a line that opens with
    // another character is not searched.
    let opens_with_year = |l: &str| l.starts_with(char::is_numeric);
    for l in headings {
        let mut reviews = false;
        if opens_with_year(l) || l.starts_with(['过', '刚']) {
            if let Some(c) = p.review_heading.captures(l) {
                reviews = true;
                if review.is_none() {
                    review = num(&c[1]);
                    to_date = c[0].contains("以来");
                }
            }
        }
        // "2022年重点工作成效": a heading of the review is none of the plan, whatever it holds.
        if opens_with_year(l) && !reviews {
            plan = plan.or_else(|| p.plan_heading.captures(l).and_then(|c| num(&c[1])));
        }
    }
    // A page that lost its line breaks keeps its headings inline, after a sentence or a space.
    if review.is_none() {
        // (A line with none of the heading's closing words is not searched.)
        let may_hold = |l: &&&str| REVIEW_WORDS.iter().any(|w| l.contains(w));
        if let Some(c) = lines.iter().filter(may_hold).find_map(|l| p.inline_review_heading.captures(l)) {
            review = num(&c[1]);
            to_date = c[0].contains("以来");
        }
    }
    if to_date && plan.is_none() {
        // "2024年以来工作回顾": the year to date, reviewed in that year; the year it plans is not said.
        return (review, None);
    }
    let may_plan = |l: &&&str| l.contains(PLAN_SENTENCE_WORD);
    plan = plan
        .or_else(|| lines.iter().filter(may_plan).find_map(|l| p.plan_sentence.captures(l)).and_then(|c| num(&c[1])));
    match kind {
        ReportKind::WorkPlan => return (None, plan.or(title_year).or_else(first_year)),
        // A summary plans a year only where it says so.
        ReportKind::WorkSummaryAndPlan => return (review.or(title_year).or_else(first_year), plan),
        _ => {}
    }
    if plan.is_none() && review.is_none() {
        // A text that opens on its plan part ("2025年是…之年。今年工作的总体要求是…").
        plan = lines.iter().find(|l| !l.trim().is_empty()).and_then(|l| crate::read::genre::opens_on_the_plan_year(l));
    }
    if plan.is_none() && review.is_none() {
        // A report delivered in the year's last quarter (a session at the year's end, a new term's
        // first session in the autumn) reviews that year and plans the year after.
        plan = delivered.and_then(|d| {
            let y = num(&d[..4])?;
            let month = d.get(5..7).and_then(num)?;
            Some(if month >= 10 { y + 1 } else { y })
        });
    }
    if plan.is_none() && review.is_none() {
        // A bare title year: "2024年度…" reviews that year; otherwise the year in the title is the
        // year the report is delivered and plans.
        if let (Some(t), Some(y)) = (title, title_year) {
            if t.contains(&format!("{y}年度")) {
                review = Some(y);
            } else {
                plan = Some(y);
            }
        }
    }
    match (review, plan) {
        (Some(r), None) => (Some(r), Some(r + 1)),
        (None, Some(pl)) => (Some(pl - 1), Some(pl)),
        other => other,
    }
}

/// Characters after a year (or 今年) read for its cue words.
const CUE_WINDOW: usize = 60;

/// The years a news item speaks of: the first year it plans and the first it reviews.
fn news_years(text: &str, published: Option<&str>) -> (Option<i32>, Option<i32>) {
    let l = lexicon();
    let found: Vec<(usize, usize, i32)> =
        l.p.year
            .captures_iter(text)
            .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c[1].parse().ok()?)))
            .collect();
    let (mut plan, mut review) = (None, None);
    let window = |from: usize, to: usize| {
        let rest = &text[from..to.min(text.len())];
        let end = rest.find(['。', ';', '；', '\n']).unwrap_or(rest.len());
        rest[..end].char_indices().nth(CUE_WINDOW).map_or(&rest[..end], |(b, _)| &rest[..b])
    };
    // Each year's cues: whether the words around it plan it, whether the words after it review it.
    let cues: Vec<(i32, bool, bool)> = found
        .iter()
        .enumerate()
        .map(|(k, &(start, end, y))| {
            let next = found.get(k + 1).map_or(text.len(), |f| f.0);
            let after = window(end, next);
            let before: String = text[..start].chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
            (
                y,
                l.plan.any_in(after) || l.plan_before.iter().any(|w| before.ends_with(w.as_str())),
                l.review.any_in(after),
            )
        })
        .collect();
    // A year the item reports done: no year before it is the one it looks ahead to ("2022年,在
    // 乡政府努力争取下建成…" beside "2024年工作总结" plans nothing for 2022).
    let reported = cues.iter().filter(|c| c.2 && !c.1).map(|c| c.0).max();
    for &(y, plans, reviews) in &cues {
        if plan.is_none() && plans && reported.is_none_or(|r| y >= r) {
            plan = Some(y);
        } else if review.is_none() && reviews {
            review = Some(y);
        }
    }
    // A paragraph that opens on the year before the plan's, and does not plan it, tells of that
    // year ("2024年,某镇紧紧围绕…,经济发展稳中向好" beside "2025年,某镇将…").
    if let (None, Some(p)) = (review, plan) {
        let before = format!("{}年", p - 1);
        let planned = cues.iter().any(|c| c.0 == p - 1 && c.1);
        if !planned && text.lines().any(|l| l.trim_start().starts_with(&before)) {
            review = Some(p - 1);
        }
    }
    // The year the article speaks in: its publication's, else the latest it names, unless that is
    // the year whose results it reports (then it speaks in the year after).
    let latest = found.iter().map(|f| f.2).max().map(|y| if Some(y) == review && plan.is_none() { y + 1 } else { y });
    let this_year = published.and_then(|d| d.get(..4)?.parse().ok()).or(latest);
    if let Some(now) = this_year {
        for (b, _) in text.match_indices("今年") {
            let after = window(b + "今年".len(), text.len());
            if plan.is_none() && l.plan.any_in(after) && !after.starts_with("以来") {
                plan = Some(now);
            } else if review.is_none() && after.starts_with("以来") && l.review.any_in(after) {
                review = Some(now);
            }
        }
        if review.is_none() {
            let past = text.split(['。', '\n']).any(|s| l.last_year.any_in(s) && l.review.any_in(s));
            if past {
                review = plan.or(Some(now)).map(|y| y - 1);
            }
        }
    }
    (review.filter(|r| plan.is_none_or(|p| *r < p)), plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn news(text: &str, published: Option<&str>) -> (Option<i32>, Option<i32>) {
        years(ReportKind::NewsCoverage, &text.lines().collect::<Vec<_>>(), None, None, published)
    }

    #[test]
    fn a_news_item_plans_the_year_it_looks_ahead_to_and_reviews_the_one_it_reports() {
        let text =
            "2025年,青石镇将聚焦产业发展,力争地区生产总值增长6%。\n2024年,青石镇完成地区生产总值30亿元,同比增长5%。";
        assert_eq!(news(text, None), (Some(2024), Some(2025)));
        assert_eq!(news("谋划2019年街道经济社会发展,力争增长9%。", None), (None, Some(2019)));
        let text = "会议听取了2023年工作完成情况,明确了2024年的工作思路和主要任务。";
        assert_eq!(news(text, None), (Some(2023), Some(2024)));
        // A year before the one the item reports is no plan's, whatever words follow it.
        let text = "青石乡召开2023年农业工作总结会。\n2021年,在村委会力争之下建成冷库一座。2023年全乡种植蔬菜1.2万亩。";
        assert_eq!(news(text, None), (Some(2023), None));
        // A paragraph opening on the year before the plan's tells of it, without a word of results.
        let text = "3月5日,青石镇人民代表大会召开。\n2024年,青石镇紧紧围绕发展主线,经济发展稳中向好。\n\
                    2025年,青石镇将聚焦产业发展。";
        assert_eq!(news(text, None), (Some(2024), Some(2025)));
    }

    #[test]
    fn this_year_and_the_past_year_count_from_the_article() {
        let text = "过去一年,青石镇实现地区生产总值41亿元。今年青石镇将坚持稳中求进。";
        assert_eq!(news(text, Some("2025-03-05")), (Some(2024), Some(2025)));
        assert_eq!(news("今年以来,街道完成投资15亿元。", Some("2023-09-20")), (Some(2023), None));
        assert_eq!(news("今年1-7月份,新引进项目3个。", None), (None, None), "no year to count from");
    }

    #[test]
    fn half_year_plans_and_summaries() {
        let title = "青石镇2024年上半年工作总结";
        assert_eq!(
            years(ReportKind::HalfYearReport, &["一、上半年工作完成情况"], Some(title), None, None),
            (Some(2024), Some(2024))
        );
        let title = "青石街道2025年工作计划";
        assert_eq!(years(ReportKind::WorkPlan, &["一、总体思路"], Some(title), None, None), (None, Some(2025)));
        let lines = ["一、2022年重点任务推进成效", "正文"];
        assert_eq!(years(ReportKind::WorkSummaryAndPlan, &lines, None, None, None), (Some(2022), None));
        let lines = ["一、2022年项目工作总结", "正文"];
        assert_eq!(years(ReportKind::WorkSummaryAndPlan, &lines, None, None, None), (Some(2022), None));
    }

    #[test]
    fn reports_by_heading_delivery_and_title() {
        let lines = ["一、2014年经济社会总体发展情况"];
        let y = years(ReportKind::GovernmentWorkReport, &lines, Some("政府工作报告"), None, None);
        assert_eq!(y, (Some(2014), Some(2015)), "the year's development reviewed");
        let lines = ["一、2020年及过去五年工作回顾"];
        assert_eq!(
            years(ReportKind::GovernmentWorkReport, &lines, Some("政府工作报告"), None, None),
            (Some(2020), Some(2021))
        );
        let (title, lines) = ("2018年青石镇人民政府工作报告", ["过去五年的工作回顾"]);
        let y = years(ReportKind::GovernmentWorkReport, &lines, Some(title), Some("2017-12-26"), None);
        assert_eq!(y, (Some(2017), Some(2018)), "a December delivery plans the next year");
        let y = years(ReportKind::GovernmentWorkReport, &lines, Some("2021年政府工作报告"), Some("2021-10-20"), None);
        assert_eq!(y, (Some(2021), Some(2022)), "so does a new term's first session in October");
        let y = years(ReportKind::GovernmentWorkReport, &lines, Some(title), Some("2022-03-24"), None);
        assert_eq!(y, (Some(2021), Some(2022)), "the delivery date over the page's title year");
        let lines = ["各位代表: 现在,我代表镇人民政府报告工作。 一、2024年以来工作回顾 全镇完成投资3亿元。"];
        let y = years(ReportKind::GovernmentWorkReport, &lines, Some("2024年青石镇政府工作报告"), None, None);
        assert_eq!(y, (Some(2024), None), "an inline heading reviewing the year to date");
        // A text whose title is the page's (no title line) opens on its first heading, which
        // is read: its year reviewed outranks the title's year.
        let lines = ["一、2024年工作回顾", "2024年,全镇完成投资3亿元。"];
        let y = years(ReportKind::GovernmentWorkReport, &lines, Some("2024年政府工作报告"), None, None);
        assert_eq!(y, (Some(2024), Some(2025)));
    }
}
