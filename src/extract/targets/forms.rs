//! The forms of plan text real pages use, each with the targets it must give (sentences of the
//! genre, written for these tests).

use super::*;

fn targets(body: &str) -> Vec<(String, Option<f64>, Option<f64>, Comparator)> {
    extract(&crate::extract::TestReport::new(body).context())
        .into_iter()
        .map(|t| (t.name, t.quantity.and_then(|q| q.value), t.growth_pct, t.comparator))
        .collect()
}

fn rate(name: &str, pct: f64, comparator: Comparator) -> (String, Option<f64>, Option<f64>, Comparator) {
    (name.to_string(), None, Some(pct), comparator)
}

#[test]
fn one_rate_shared_by_a_list_of_names() {
    assert_eq!(
        targets("报告\n主要预期目标是:生产总值、财政收入、工业产值分别增长6%左右。"),
        vec![
            rate("生产总值", 6.0, Comparator::About),
            rate("财政收入", 6.0, Comparator::About),
            rate("工业产值", 6.0, Comparator::About),
        ]
    );
    assert_eq!(
        targets("报告\n二、2025年工作安排\n确保财政收入、工业开票销售等主要指标增幅均超8%。"),
        vec![rate("财政收入", 8.0, Comparator::Above), rate("工业开票销售", 8.0, Comparator::Above)]
    );
}

#[test]
fn a_floor_after_the_last_of_listed_levels_holds_for_all() {
    let got = targets("报告\n二、2025年工作安排\n全年新增亿元企业2家、规上企业6家以上。");
    assert_eq!(
        got,
        vec![
            ("新增亿元企业".to_string(), Some(2.0), None, Comparator::AtLeast),
            ("规上企业".to_string(), Some(6.0), None, Comparator::AtLeast),
        ]
    );
}

#[test]
fn a_cue_makes_a_floor_of_a_level_not_of_a_rate() {
    let got = targets("报告\n二、2025年工作安排\n力争新开工项目8个,工业增加值增长7%,固定资产投资增长9%以上。");
    assert_eq!(
        got,
        vec![
            ("新开工项目".to_string(), Some(8.0), None, Comparator::AtLeast),
            rate("工业增加值", 7.0, Comparator::Exactly),
            rate("固定资产投资", 9.0, Comparator::AtLeast),
        ]
    );
}

#[test]
fn qualitative_clauses_of_a_sentence_that_lists_targets() {
    let got = targets(
        "报告\n二、2025年工作安排\n力争工业增加值增长7%,投资增长9%,单位能耗大幅下降,安全生产平稳可控,全面完成环保任务,为发展作出贡献。",
    );
    let names: Vec<_> = got.iter().map(|t| (t.0.as_str(), t.3)).collect();
    assert_eq!(
        names,
        vec![
            ("工业增加值", Comparator::Exactly),
            ("投资", Comparator::Exactly),
            ("单位能耗", Comparator::Qualitative),
            ("安全生产", Comparator::Qualitative),
            ("环保", Comparator::Qualitative),
        ]
    );
    // A sentence of one target states no qualitative ones.
    assert_eq!(targets("报告\n二、2025年工作安排\n力争投资增长9%,安全生产平稳可控。").len(), 1);
}

#[test]
fn a_share_raised_by_points() {
    assert_eq!(
        targets("报告\n主要预期目标是:服务业占比提高2个百分点,税收增长5%。"),
        vec![("服务业占比".to_string(), Some(2.0), None, Comparator::Exactly), rate("税收", 5.0, Comparator::Exactly),]
    );
}

#[test]
fn an_amount_that_classes_a_noun_is_no_target() {
    assert_eq!(
        targets("报告\n二、2025年工作安排\n全年新增10亿元企业1家。"),
        vec![("新增10亿元企业".to_string(), Some(1.0), None, Comparator::Exactly)]
    );
}

#[test]
fn an_amount_put_into_a_named_work_is_the_projects() {
    let got = targets("报告\n二、2025年工作安排\n投资200万元建成采摘园,投入2亿元建设6万平方米厂房。");
    let values: Vec<_> = got.iter().map(|t| t.1).collect();
    assert_eq!(values, vec![Some(2.0), Some(6.0)], "{got:?}");
}

#[test]
fn persons_elected_are_no_target() {
    assert_eq!(targets("报告\n二、2025年工作安排\n会议还选举产生了副镇长2名。"), vec![]);
}

#[test]
fn a_rate_after_a_level_in_its_own_clause_makes_the_pair_as_aimed() {
    let got = targets("报告\n二、2025年工作安排\n力争实现工业产值3亿元,增长14%;新开工项目5个。");
    assert_eq!(
        got,
        vec![
            ("工业产值".to_string(), Some(3.0), Some(14.0), Comparator::Exactly),
            // The cue still holds for a level alone later in its sentence.
            ("新开工项目".to_string(), Some(5.0), None, Comparator::AtLeast),
        ]
    );
}

#[test]
fn the_words_of_the_goal_are_no_part_of_a_name() {
    assert_eq!(
        targets("报告\n二、2025年工作安排\n2025年全镇经济预期目标达到税收实现6.5亿元。"),
        vec![("税收".to_string(), Some(6.5), None, Comparator::Exactly)]
    );
}
