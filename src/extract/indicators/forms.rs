//! The forms of text real pages use, each with the rows it must give (issue-sized sentences of
//! the genre, written for these tests).

use super::*;

fn rows(text: &str) -> Vec<(String, Option<f64>, String, Option<f64>)> {
    let report = crate::extract::TestReport::new(text);
    extract(&report.context())
        .into_iter()
        .map(|r| (r.name, r.quantity.value, r.quantity.unit.to_string(), r.growth_pct))
        .collect()
}

fn row(name: &str, value: f64, unit: &str) -> (String, Option<f64>, String, Option<f64>) {
    (name.to_string(), Some(value), unit.to_string(), None)
}

#[test]
fn two_quantities_glued_are_two_facts_of_one_name() {
    assert_eq!(
        rows("全年拆迁民房12栋860平方米,帮扶困难群众5户17人。"),
        vec![
            row("拆迁民房", 12.0, "栋"),
            row("拆迁民房", 860.0, "平方米"),
            row("帮扶困难群众", 5.0, "户"),
            row("帮扶困难群众", 17.0, "人"),
        ]
    );
    // A threshold before a count is still no figure; the count is.
    let got = rows("集体经济收入50万元以上12个村。");
    assert_eq!(got.iter().map(|r| r.1).collect::<Vec<_>>(), vec![Some(12.0)], "{got:?}");
}

#[test]
fn what_the_review_says_was_secured_is_a_result() {
    assert_eq!(
        rows("全年向上争取资金260万元,争取贷款1.2亿元。"),
        vec![row("向上争取资金", 260.0, "万元"), row("争取贷款", 1.2, "亿元")]
    );
    // 争取 with a future word is still a plan.
    assert_eq!(rows("争取资金将达到500万元。"), vec![]);
}

#[test]
fn a_bracket_after_a_figure_is_its_note() {
    assert_eq!(
        rows("完成土地签约1200亩(含东片区),引进企业3家(甲科技、乙食品)。"),
        vec![row("土地签约", 1200.0, "亩"), row("引进企业", 3.0, "家")]
    );
}

#[test]
fn the_name_after_a_count() {
    assert_eq!(
        rows("全镇215人享受低保,开展12期“干部讲堂”活动。"),
        vec![row("享受低保", 215.0, "人"), row("“干部讲堂”活动", 12.0, "期")]
    );
    assert_eq!(rows("举办技能培训3场,180人实现就业。")[1], row("实现就业", 180.0, "人"));
}

#[test]
fn growth_against_a_named_year_or_base_belongs_to_the_figure() {
    let got = rows("财政收入4500万元,较2019年增长7.2%。税收收入3780万元,比上年同期(3200万元)增长18%。");
    assert_eq!(
        got,
        vec![
            ("财政收入".to_string(), Some(4500.0), "万元".to_string(), Some(7.2)),
            ("税收收入".to_string(), Some(3780.0), "万元".to_string(), Some(18.0)),
        ]
    );
    // From one year's level to another's: both are the subject's.
    assert_eq!(
        rows("全镇生产总值由2019年的12.5亿元增长到2023年的16.8亿元。"),
        vec![row("生产总值", 12.5, "亿元"), row("生产总值", 16.8, "亿元")]
    );
    assert_eq!(rows("规上企业由13家增加到24家。"), vec![row("规上企业", 13.0, "家"), row("规上企业", 24.0, "家")]);
}

#[test]
fn a_completion_ratio_is_named_by_its_whole() {
    assert_eq!(
        rows("招商引资到位资金8000万元,完成全年任务的112%;财政收入占年初预算90万元的130%。"),
        vec![
            row("招商引资到位资金", 8000.0, "万元"),
            row("完成全年任务", 112.0, "%"),
            row("财政收入占年初预算", 130.0, "%"),
        ]
    );
}

#[test]
fn size_classes_capacities_ranks_and_elections_are_not_results() {
    assert_eq!(rows("培育税收超5000万元企业3家。"), vec![row("企业", 3.0, "家")]);
    assert_eq!(rows("建成年产6000吨生产线,日处理污水500吨。"), vec![]);
    assert_eq!(rows("财政收入总量位居全县12个乡镇首位。"), vec![]);
    assert_eq!(rows("大会依法选举张某为镇长,李某、王某等2名同志为副镇长。"), vec![]);
    assert_eq!(rows("会议票决产生2025年民生实事项目10件。"), vec![]);
}

#[test]
fn pages_that_space_their_figures() {
    assert_eq!(
        rows("全镇完成税收 1850 万元,同比增长 12.5%,走访企业 30 余次。"),
        vec![("税收".to_string(), Some(1850.0), "万元".to_string(), Some(12.5)), row("走访企业", 30.0, "次"),]
    );
}

#[test]
fn half_year_and_month_figures_keep_their_months() {
    let report = crate::extract::TestReport::new(
        "1-7月,全镇完成税收2000万元。前三季度实现产值5亿元。上半年新增企业12家。1-8 月全镇完成财税收入 1687 万元。今年以来走访企业30次。全年实现产值8亿元。",
    );
    let got: Vec<_> = extract(&report.context()).into_iter().map(|r| (r.name, r.month_from, r.month_to)).collect();
    let want = [
        ("税收", Some(1), Some(7)),
        ("产值", Some(1), Some(9)),
        ("新增企业", Some(1), Some(6)),
        ("财税收入", Some(1), Some(8)),
        // The year so far: from January to a month not said, never a whole year.
        ("走访企业", Some(1), None),
        ("产值", None, None),
    ];
    assert_eq!(got, want.map(|(n, a, b)| (n.to_string(), a, b)));
}

#[test]
fn a_quoted_name_cut_by_the_noun_reach_is_closed_without_crossing_a_figure() {
    // The noun after the figure stops at twelve characters, inside the quote; the name takes the
    // whole quote, and the next figure is read as before.
    let got = rows("全年建成1500亩“东山现代农业科技示范产业园”,新增企业3家。");
    assert_eq!(got, vec![row("“东山现代农业科技示范产业园”", 1500.0, "亩"), row("新增企业", 3.0, "家")]);
}

#[test]
fn the_years_output_is_no_capacity_and_a_flattened_stop_ends_a_noun() {
    assert_eq!(rows("全镇柑橘年产量1500万公斤。"), vec![row("柑橘年产量", 1500.0, "万公斤")]);
    assert_eq!(
        rows("全乡水田面积7993亩.林地面积2100亩."),
        vec![row("水田面积", 7993.0, "亩"), row("林地面积", 2100.0, "亩")]
    );
    assert_eq!(rows("全年培植香菇55万棒。"), vec![row("培植香菇", 55.0, "万棒")]);
}

#[test]
fn a_count_and_an_amount_written_before_their_noun() {
    assert_eq!(
        rows("全年实施6个、95万元的村级项目。"),
        vec![row("村级项目", 6.0, "个"), row("村级项目", 95.0, "万元")]
    );
    // An amount alone before its noun classes it: no figure.
    assert_eq!(rows("培育超1亿元的企业。"), vec![]);
}

#[test]
fn a_figure_in_a_later_clause_takes_the_sentences_opening_subject() {
    assert_eq!(rows("高新技术产业产值首次突破百亿,达到126亿元。"), vec![row("高新技术产业产值", 126.0, "亿元")]);
}

#[test]
fn a_bracketed_total_after_a_count_is_its_note() {
    assert_eq!(rows("全镇38名(共40名)代表出席会议。"), vec![row("代表出席会议", 38.0, "名")]);
}
