//! Where a news item speaks of the plan year and where of the year past. A news item has no
//! review and plan headings: it may give next year's targets first and last year's results after,
//! paragraph by paragraph. A paragraph that opens on the plan year (`2025年,某镇将…`, `今年…力争`)
//! or holds the 主要预期目标 is plan; one that opens on the past (`2024年,某镇…`, `过去一年`,
//! `今年以来`) is review; any other continues the paragraph before it. Within a plan paragraph, a
//! sentence that names the year past and not the plan year is review.

use crate::model::{ReportKind, ReportMeta};
use serde::Deserialize;
use std::sync::OnceLock;

const META_TOML: &str = include_str!("../../data/meta.toml");

#[derive(Deserialize)]
struct MetaFile {
    news_layout: LayoutWords,
}

/// The words that mark a paragraph plan or review (data/meta.toml, `[news_layout]`).
#[derive(Deserialize)]
struct LayoutWords {
    plan_cues: Vec<String>,
    past: Vec<String>,
}

fn words() -> &'static LayoutWords {
    static W: OnceLock<LayoutWords> = OnceLock::new();
    W.get_or_init(|| toml::from_str::<MetaFile>(META_TOML).expect("data/meta.toml [news_layout] is valid").news_layout)
}

/// The character ranges of a news item's plan paragraphs; none for other kinds of text, whose
/// plan part their headings mark.
pub fn news_plan_ranges(text: &str, meta: &ReportMeta) -> Vec<(usize, usize)> {
    if meta.kind != Some(ReportKind::NewsCoverage) {
        return Vec::new();
    }
    let plan_year = meta.plan_year.map(|y| format!("{y}年"));
    let review_year = meta.review_year.map(|y| format!("{y}年"));
    // "2025年是…的关键一年": a paragraph that opens by saying what the plan year is, is plan.
    let plan_year_is = meta.plan_year.map(|y| format!("{y}年是"));
    let mut out: Vec<(usize, usize)> = Vec::new();
    let (mut pos, mut plan) = (0, false);
    let names_plan = |s: &str| {
        plan_year.as_deref().is_some_and(|y| s.contains(y))
            || s.match_indices("今年").any(|(b, _)| !s[b..].starts_with("今年以来"))
    };
    let names_past_year = |s: &str| {
        review_year.as_deref().is_some_and(|y| s.contains(y)) && !plan_year.as_deref().is_some_and(|y| s.contains(y))
    };
    let has = |s: &str, list: &[String]| list.iter().any(|w| s.contains(w.as_str()));
    for line in text.split('\n') {
        let len = line.chars().count();
        let first = line.split(['。', '!', '?']).next().unwrap_or("");
        let opens_on_plan_year = plan_year_is.as_deref().is_some_and(|y| first.starts_with(y));
        if line.contains("主要预期目标") || (names_plan(first) && has(first, &words().plan_cues)) || opens_on_plan_year
        {
            plan = true;
        } else if names_past_year(first) || has(first, &words().past) {
            plan = false;
        }
        let mut from = pos;
        for (k, sentence) in line.split_inclusive(['。', '!', '?']).enumerate() {
            let n = sentence.chars().count();
            // Later sentences turn the paragraph: one that opens on the plan year with a plan cue
            // starts the plan (会议指出,2024年…。今年,该镇将力争…); in the plan, one that speaks of
            // the year past and not of the plan year is review.
            let opening: String = sentence.chars().take(12).collect();
            if k > 0 && names_plan(&opening) && has(sentence, &words().plan_cues) {
                plan = true;
            }
            if plan && !names_past_year(sentence) {
                match out.last_mut() {
                    Some(last) if last.1 == from || last.1 + 1 == from => last.1 = from + n,
                    _ => out.push((from, from + n)),
                }
            }
            from += n;
        }
        pos += len + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_lines(text: &str) -> Vec<String> {
        let meta = ReportMeta {
            kind: Some(ReportKind::NewsCoverage),
            review_year: Some(2024),
            plan_year: Some(2025),
            ..Default::default()
        };
        let chars: Vec<char> = text.chars().collect();
        news_plan_ranges(text, &meta).into_iter().map(|(s, e)| chars[s..e].iter().collect()).collect()
    }

    #[test]
    fn targets_first_results_after() {
        let text = "2025年,青石镇将力争地区生产总值增长6%。\n一是抓好农业,完成粮食种植2万亩。\n\
                    2024年,青石镇完成地区生产总值30亿元,增长5%。\n今年,青石镇将确保财政收入3亿元。";
        assert_eq!(
            plan_lines(text),
            [
                "2025年,青石镇将力争地区生产总值增长6%。\n一是抓好农业,完成粮食种植2万亩。",
                "今年,青石镇将确保财政收入3亿元。"
            ]
        );
    }

    #[test]
    fn the_past_named_without_a_figure_ends_the_plan() {
        let text = "2025年预期目标是财政收入5亿元。\n据介绍,在过去的一年,青石镇强化责任担当。2024年,税收4.8亿元。\n全年新建项目15个。";
        assert_eq!(plan_lines(text), ["2025年预期目标是财政收入5亿元。"]);
    }

    #[test]
    fn a_sentence_of_the_year_past_in_a_plan_paragraph_is_review() {
        let text = "2025年,青石镇将实施民生实事项目5个。同时,对2024年度4个项目进行了测评,满意率98%。";
        assert_eq!(plan_lines(text), ["2025年,青石镇将实施民生实事项目5个。"]);
    }

    #[test]
    fn a_sentence_on_the_plan_year_turns_a_review_paragraph() {
        let text = "会议指出,2024年该镇实现产值2.4亿元。今年,该镇将力争产值增长10%。";
        assert_eq!(plan_lines(text), ["今年,该镇将力争产值增长10%。"]);
    }

    #[test]
    fn the_livelihood_projects_voted_for_are_the_plan() {
        let text = "会上,该镇今年经代表票选产生民生项目6个。\n在道路方面,新建村道10公里。";
        assert_eq!(plan_lines(text), ["会上,该镇今年经代表票选产生民生项目6个。\n在道路方面,新建村道10公里。"]);
    }

    #[test]
    fn a_paragraph_saying_what_the_plan_year_is_is_plan() {
        let text = "2025年是青石镇加快发展的关键一年。全镇上下将凝心聚力。力争实现财政收入5亿元;税收4亿元。\n\
                    2024年是极不平凡的一年,全镇完成投资3亿元。";
        assert_eq!(
            plan_lines(text),
            ["2025年是青石镇加快发展的关键一年。全镇上下将凝心聚力。力争实现财政收入5亿元;税收4亿元。"]
        );
    }

    #[test]
    fn the_year_so_far_is_no_plan() {
        assert!(plan_lines("今年以来,街道完成投资15亿元,同比增长12%。").is_empty());
        let meta =
            ReportMeta { kind: Some(ReportKind::GovernmentWorkReport), plan_year: Some(2025), ..Default::default() };
        assert!(news_plan_ranges("2025年,青石镇将力争增长6%。", &meta).is_empty(), "reports have headings");
    }
}
