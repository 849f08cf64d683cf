//! Property tests: no rule panics, and every fact's span lies in its text, on text assembled from
//! the pieces the rules read (figures, units, brackets and quotes, list marks, verbs of growth, years,
//! cue words), in any order, with review and plan headings and in a news item.

use super::*;
use crate::model::{PageMeta, ReportKind, Span};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "12",
    "3.5",
    "860",
    "2019年",
    "2023年的",
    "1-8 月",
    "今年以来",
    "前三季度",
    "上半年",
    "万元",
    "亿元",
    "亿",
    "万",
    "平方米",
    "亩",
    "个",
    "家",
    "人",
    "户",
    "名",
    "期",
    "%",
    "个百分点",
    "以上",
    "左右",
    "超",
    "约",
    "余",
    " ",
    "(",
    ")",
    "“",
    "”",
    "、",
    ",",
    "。",
    ";",
    ":",
    "\n",
    "的",
    "和",
    "等",
    "均",
    "分别",
    "由",
    "增长到",
    "增加到",
    "同比增长",
    "较2019年增长",
    "比上年同期(",
    "下降",
    "完成全年任务的",
    "占",
    "年产",
    "居全县",
    "首位",
    "选举产生",
    "票决",
    "向上争取",
    "争取",
    "力争",
    "确保",
    "投资",
    "建成",
    "实施",
    "项目",
    "工程",
    "企业",
    "村",
    "税收",
    "生产总值",
    "主要预期目标",
    "一是",
    "其中",
    "实现就业",
    "享受低保",
    "签约",
    "大幅下降",
    "平稳可控",
    "任务",
    "甲乙丙丁戊己",
    "庚辛壬癸子丑寅卯",
    "“甲乙”",
    "力量”队伍",
    "“国家产业园",
    "共计",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|p| p.concat())
}

/// Every rule over a text read as a report (review and plan headings) and as a news item; returns
/// the text's length in characters and the spans of what they found.
fn read_all(body: &str, kind: ReportKind) -> (usize, Vec<Span>) {
    let folded = Folded::new(body);
    let mut meta = crate::parse::meta::parse(&folded.text, &PageMeta::default(), kind, None);
    meta.kind = Some(kind);
    meta.review_year = Some(2024);
    meta.plan_year = Some(2025);
    let sections = crate::parse::sections::parse(&folded, &meta);
    let ctx = Context::new(&folded, &sections, &meta);
    let facts = extract(&ctx);
    let fates = explain::fates(&ctx, &facts);
    let spans = facts
        .indicators
        .iter()
        .map(|f| f.span)
        .chain(facts.targets.iter().map(|f| f.span))
        .chain(facts.projects.iter().map(|f| f.span))
        .chain(fates.iter().map(|f| f.span))
        .collect();
    (folded.char_len(), spans)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_rule_panics_and_every_span_lies_in_its_text(review in text(), plan in text()) {
        let body = format!("某镇政府工作报告\n一、2024年工作回顾\n{review}\n二、2025年工作安排\n{plan}\n");
        for kind in [ReportKind::GovernmentWorkReport, ReportKind::NewsCoverage] {
            let (len, spans) = read_all(&body, kind);
            for s in spans {
                prop_assert!(s.start <= s.end && s.end <= len, "{s:?} in {len} characters: {body}");
            }
        }
    }
}
