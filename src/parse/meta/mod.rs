//! Report metadata from the title, the lines under it and the page: town, kind, years, dates,
//! meeting and speaker.

use crate::model::{PageMeta, ReportKind, ReportMeta};
use regex::Regex;
use std::sync::OnceLock;

/// How many lines after the title may still carry the date, meeting and speaker.
const HEADER_LINES: usize = 8;

struct Patterns {
    town_in_title: Regex,
    town_anywhere: Regex,
    two_years: Regex,
    review_heading: Regex,
    plan_heading: Regex,
    plan_sentence: Regex,
    date: Regex,
    meeting: Regex,
    speaker: Regex,
    year: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("metadata regex");
        Patterns {
            town_in_title: re(r"^(?:\d{4}年度?)?(\p{Han}{1,12}?(?:镇|乡|街道))(?:人民政府|政府|办事处|\d{4}|工作|关于|$)"),
            town_anywhere: re(r"(\p{Han}{1,8}?(?:镇|乡|街道))(?:人民政府|第[一二三四五六七八九十]+届|镇长|乡长)"),
            two_years: re(r"(\d{4})年度?[^\d]{0,8}?(?:工作)?总结.{0,3}?(\d{4})年"),
            review_heading: re(r"^(?:[一二三四五六七八九十]+[、.．]\s*)?(?:过去的|刚刚过去的)?(\d{4})年度?(?:主要)?(?:工作)?(?:回顾|总结|完成情况)"),
            plan_heading: re(r"^(?:[一二三四五六七八九十]+[、.．]\s*)?(\d{4})年度?[^。]{0,12}?(?:安排|计划|任务|思路|打算|目标|重点|部署)"),
            plan_sentence: re(r"(\d{4})年[^。]{0,20}?主要预期目标"),
            date: re(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
            meeting: re(r"在(\p{Han}{0,12}?第[一二三四五六七八九十]+届人民代表大会第[一二三四五六七八九十]+次会议)上"),
            // The speaker's line may carry the whole style of the office ("重庆市某某区某某镇人民政府镇长").
            speaker: re(r"^(?:\p{Han}{0,24}?)(代?(?:镇长|乡长|街道办事处主任|主任))\s*[:：]?\s*(\p{Han}{2,4})$"),
            year: re(r"(\d{4})年"),
        }
    })
}

/// Reads the metadata of a report whose cleaned body is `body`.
pub fn parse(body: &str, page: &PageMeta) -> ReportMeta {
    let p = patterns();
    let lines: Vec<&str> = body.lines().collect();
    // A title copied out of a page's table keeps the cell's bar ("...工作思路 |").
    let title = lines
        .first()
        .filter(|l| crate::read::split::is_title_line(l))
        .map(|l| l.trim().trim_end_matches(['|', '｜', ' ']).to_string());
    let header: Vec<&str> = lines.iter().skip(1).take(HEADER_LINES).copied().collect();

    let mut meta = ReportMeta { title: title.clone(), ..Default::default() };
    meta.kind = Some(kind_of(title.as_deref().unwrap_or("")));
    meta.town = title
        .as_deref()
        .and_then(|t| p.town_in_title.captures(t))
        .map(|c| strip_region_prefix(&c[1]))
        .or_else(|| {
            header
                .iter()
                .chain(lines.iter().take(40))
                .find_map(|l| p.town_anywhere.captures(l))
                .map(|c| strip_region_prefix(&c[1]))
        })
        .or_else(|| page.publisher.clone().filter(|s| s.ends_with('镇') || s.ends_with('乡') || s.ends_with("街道")));

    for (i, line) in header.iter().enumerate() {
        let l = line.trim().trim_start_matches('—').trim_start_matches('-');
        if meta.delivered_on.is_none() {
            if let Some(c) = p.date.captures(l) {
                // Only a line that is the date, or a "(date, 在…会议上)" line: a date in a
                // sentence is some other day.
                let rest = l.replace(&c[0], "");
                if rest.trim_matches(|ch: char| "()（）在上 ".contains(ch)).chars().count() <= 30 {
                    meta.delivered_on = crate::read::page::iso_ymd(&c[1], &c[2], &c[3]);
                }
            }
        }
        if meta.meeting.is_none() {
            // A long meeting name may be broken over two lines ("...第二十届" / "人民代表大会第八次会议上").
            let joined = header.get(i + 1).map(|next| format!("{l}{}", next.trim()));
            meta.meeting = p
                .meeting
                .captures(l)
                .or_else(|| joined.as_deref().and_then(|j| p.meeting.captures(j)))
                .map(|c| c[1].to_string());
        }
        if meta.speaker.is_none() {
            if let Some(c) = p.speaker.captures(l) {
                meta.speaker_title = Some(c[1].to_string());
                meta.speaker = Some(c[2].to_string());
            }
        }
    }
    let (review, plan) = years(&lines, title.as_deref(), meta.delivered_on.as_deref());
    meta.review_year = review;
    meta.plan_year = plan;
    meta
}

fn kind_of(title: &str) -> ReportKind {
    if title.contains("政府工作报告") || (title.contains("工作报告") && title.contains("政府")) {
        ReportKind::GovernmentWorkReport
    } else if ["工作总结", "工作计划", "工作思路", "工作要点", "工作打算", "工作安排"].iter().any(|w| title.contains(w))
    {
        ReportKind::WorkSummaryAndPlan
    } else {
        ReportKind::Other
    }
}

/// "龙游县湖镇镇" → "湖镇镇": a title may name the county before the town.
/// Several levels may stand before it ("某某省某某县青石镇"): the town starts after the last one.
fn strip_region_prefix(name: &str) -> String {
    name.char_indices()
        .rev()
        .filter(|(_, c)| matches!(c, '省' | '市' | '县' | '区' | '旗'))
        .map(|(i, c)| &name[i + c.len_utf8()..])
        .find(|rest| rest.chars().count() >= 2)
        .unwrap_or(name)
        .to_string()
}

/// The review and plan years, from the strongest evidence present: a title naming both, the
/// review and plan headings, the 主要预期目标 sentence, the delivery date, then the title's year.
fn years(lines: &[&str], title: Option<&str>, delivered: Option<&str>) -> (Option<i32>, Option<i32>) {
    let p = patterns();
    let num = |s: &str| s.parse::<i32>().ok();
    if let Some(c) = title.and_then(|t| p.two_years.captures(t)) {
        return (num(&c[1]), num(&c[2]));
    }
    let headings = lines.iter().skip(1).filter(|l| l.chars().count() <= 40);
    let mut review = None;
    let mut plan = None;
    for l in headings {
        if review.is_none() {
            review = p.review_heading.captures(l).and_then(|c| num(&c[1]));
        }
        if plan.is_none() {
            plan = p.plan_heading.captures(l).and_then(|c| num(&c[1]));
        }
    }
    if plan.is_none() {
        plan = lines.iter().find_map(|l| p.plan_sentence.captures(l)).and_then(|c| num(&c[1]));
    }
    if plan.is_none() && review.is_none() {
        plan = delivered.and_then(|d| num(&d[..4]));
    }
    if plan.is_none() && review.is_none() {
        // A bare title year: "2024年度…" reviews that year; otherwise, as for national reports,
        // the year in the title is the year the report is delivered and plans.
        if let Some(t) = title {
            if let Some(c) = p.year.captures(t) {
                let plan_only =
                    ["工作计划", "工作安排", "工作要点", "工作打算", "工作思路"].iter().any(|w| t.contains(w))
                        && !["总结", "回顾", "报告"].iter().any(|w| t.contains(w));
                if t.contains(&format!("{}年度", &c[1])) && !plan_only {
                    review = num(&c[1]);
                } else {
                    plan = num(&c[1]);
                }
            }
        }
    }
    match (review, plan) {
        (Some(r), None) => (Some(r), Some(r + 1)),
        (None, Some(pl)) => (Some(pl - 1), Some(pl)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_header() {
        let body = "2024年湖镇镇政府工作报告\n2025年1月17日\n——在湖镇镇第十五届人民代表大会第七次会议上\n\
                    湖镇镇镇长\u{a0} 钟罗谊\n各位代表:\n一、2024年工作回顾\n二、下步重点工作";
        let m = parse(body, &PageMeta::default());
        assert_eq!(m.town.as_deref(), Some("湖镇镇"));
        assert_eq!(m.kind, Some(ReportKind::GovernmentWorkReport));
        assert_eq!(m.delivered_on.as_deref(), Some("2025-01-17"));
        assert_eq!(m.meeting.as_deref(), Some("湖镇镇第十五届人民代表大会第七次会议"));
        assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("钟罗谊"), Some("镇长")));
        assert_eq!((m.review_year, m.plan_year), (Some(2024), Some(2025)));
    }

    #[test]
    fn title_year_is_the_plan_year_when_headings_say_so() {
        let m = parse("横沥镇2023年政府工作报告\n各位代表:\n2022年工作回顾\n2023年工作安排", &PageMeta::default());
        assert_eq!(m.town.as_deref(), Some("横沥镇"));
        assert_eq!((m.review_year, m.plan_year), (Some(2022), Some(2023)));
    }

    #[test]
    fn header_with_the_office_style_and_a_broken_meeting_line() {
        let body = "2024年政府工作报告\n——2024年1月20日在某某省某某县青石镇第十八届\n人民代表大会第三次会议上\n\
                    某某省某某县青石镇人民政府镇长 王明\n各位代表:\n一、2023年工作回顾";
        let m = parse(body, &PageMeta::default());
        assert_eq!(m.town.as_deref(), Some("青石镇"));
        assert_eq!(m.meeting.as_deref(), Some("某某省某某县青石镇第十八届人民代表大会第三次会议"));
        assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("王明"), Some("镇长")));
    }

    #[test]
    fn a_plan_for_one_year_and_a_table_bar_in_the_title() {
        let m = parse("青石镇2024年度政府工作计划\n正文", &PageMeta::default());
        assert_eq!(m.plan_year, Some(2024));
        let m = parse("青石街道2023年工作总结和2024年工作思路 |\n正文", &PageMeta::default());
        assert_eq!(m.title.as_deref(), Some("青石街道2023年工作总结和2024年工作思路"));
    }

    #[test]
    fn summary_and_plan_title() {
        let m = parse("甘霖镇2024年工作总结和2025年工作思路\n正文", &PageMeta::default());
        assert_eq!(m.kind, Some(ReportKind::WorkSummaryAndPlan));
        assert_eq!((m.review_year, m.plan_year), (Some(2024), Some(2025)));
        let m = parse("浦阳镇人民政府2023年政府工作报告\n正文", &PageMeta::default());
        assert_eq!(m.town.as_deref(), Some("浦阳镇"));
    }
}
