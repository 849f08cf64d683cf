//! Unit tests of `meta`.

use super::*;

#[test]
fn speech_header() {
    let body = "2024年湖镇镇政府工作报告\n2025年1月17日\n——在湖镇镇第十五届人民代表大会第七次会议上\n\
                湖镇镇镇长\u{a0} 钟罗谊\n各位代表:\n一、2024年工作回顾\n二、下步重点工作";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("湖镇镇"));
    assert_eq!(m.kind, Some(ReportKind::GovernmentWorkReport));
    assert_eq!(m.delivered_on.as_deref(), Some("2025-01-17"));
    assert_eq!(m.meeting.as_deref(), Some("湖镇镇第十五届人民代表大会第七次会议"));
    assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("钟罗谊"), Some("镇长")));
    assert_eq!((m.review_year, m.plan_year), (Some(2024), Some(2025)));
}

#[test]
fn title_year_is_the_plan_year_when_headings_say_so() {
    let m = parse(
        "横沥镇2023年政府工作报告\n各位代表:\n2022年工作回顾\n2023年工作安排",
        &PageMeta::default(),
        ReportKind::GovernmentWorkReport,
        None,
    );
    assert_eq!(m.town.as_deref(), Some("横沥镇"));
    assert_eq!((m.review_year, m.plan_year), (Some(2022), Some(2023)));
}

#[test]
fn header_with_the_office_style_and_a_broken_meeting_line() {
    let body = "2024年政府工作报告\n——2024年1月20日在某某省某某县青石镇第十八届\n人民代表大会第三次会议上\n\
                某某省某某县青石镇人民政府镇长 王明\n各位代表:\n一、2023年工作回顾";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("青石镇"));
    assert_eq!(
        m.meeting.as_deref(),
        Some("某某省某某县青石镇第十八届人民代表大会第三次会议"),
        "the meeting as the header writes it, its date and 在 left out"
    );
    assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("王明"), Some("镇长")));
}

#[test]
fn a_plan_for_one_year_and_a_table_bar_in_the_title() {
    let m = parse("青石镇2024年度政府工作计划\n正文", &PageMeta::default(), ReportKind::WorkPlan, None);
    assert_eq!(m.plan_year, Some(2024));
    let m = parse(
        "青石街道2023年工作总结和2024年工作思路 |\n正文",
        &PageMeta::default(),
        ReportKind::WorkSummaryAndPlan,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("青石街道2023年工作总结和2024年工作思路"));
}

#[test]
fn summary_and_plan_title() {
    let m =
        parse("甘霖镇2024年工作总结和2025年工作思路\n正文", &PageMeta::default(), ReportKind::WorkSummaryAndPlan, None);
    assert_eq!(m.kind, Some(ReportKind::WorkSummaryAndPlan));
    assert_eq!((m.review_year, m.plan_year), (Some(2024), Some(2025)));
    let m =
        parse("浦阳镇人民政府2023年政府工作报告\n正文", &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("浦阳镇"));
}

fn news(body: &str, page: &PageMeta) -> ReportMeta {
    parse(body, page, ReportKind::NewsCoverage, None)
}

#[test]
fn the_more_specific_title_and_without_the_site_additions() {
    let body = "政府工作报告\n——2024年1月20日在青石镇第十八届人民代表大会第三次会议上\n各位代表:";
    let m = parse(
        body,
        &PageMeta::default(),
        ReportKind::GovernmentWorkReport,
        Some("(某某县)2024年青石镇人民政府工作报告(全文)"),
    );
    assert_eq!(m.title.as_deref(), Some("2024年青石镇人民政府工作报告"));
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.title.as_deref(), Some("政府工作报告"), "a bare heading stays when the page gives no title");
    let m = parse("【某市招商】泥溪镇2023年工作总结\n正文", &PageMeta::default(), ReportKind::WorkSummaryAndPlan, None);
    assert_eq!(m.title.as_deref(), Some("泥溪镇2023年工作总结"));
}

#[test]
fn speakers_alone_spaced_or_in_the_office_style() {
    let alone = "2024年青石镇政府工作报告\n青石镇人民政府镇长\n刘 明\n各位代表:";
    let m = parse(alone, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("刘明"), Some("镇长")));
    let styled = "2024年青石镇政府工作报告\n青石镇党委副书记、镇长 马 玉\n各位代表:";
    let m = parse(styled, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.speaker.as_deref(), Some("马玉"));
    let m =
        news("3月3日,青石镇第十八届人民代表大会第八次会议召开。镇长王小明向大会作政府工作报告。", &PageMeta::default());
    assert_eq!(m.speaker.as_deref(), Some("王小明"));
}

/// Names of parts joined by a middle dot ("阿依古丽·买买提") are names, in a header and in news.
#[test]
fn names_joined_by_a_middle_dot() {
    let styled = "2024年青石镇政府工作报告\n青石镇党委副书记、镇长 艾力·托合提\n各位代表:";
    let m = parse(styled, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.speaker.as_deref(), Some("艾力·托合提"));
    let alone = "2024年青石镇政府工作报告\n青石镇人民政府镇长\n阿依古丽·买买提\n各位代表:";
    let m = parse(alone, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("阿依古丽·买买提"), Some("镇长")));
    let m = news(
        "青石镇第十六届人民代表大会第八次会议召开。镇党委副书记、镇长阿依古丽·买买提向大会作政府工作报告。",
        &PageMeta::default(),
    );
    assert_eq!(m.speaker.as_deref(), Some("阿依古丽·买买提"));
}

#[test]
fn the_town_is_never_the_words_before_it() {
    let body = "政府工作报告\n2019年2月15日在镇第九届人民代表大会第三次会议上\n某某区泥溪镇人民政府镇长 王明\n各位代表:\n现在,我代表泥溪镇人民政府向大会作报告。";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("泥溪镇"));
    assert_eq!(m.meeting.as_deref(), Some("泥溪镇第九届人民代表大会第三次会议"), "a bare 镇 is the report's town");
    assert_eq!(m.delivered_on.as_deref(), Some("2019-02-15"));
}

#[test]
fn a_name_the_opening_repeats_outranks_a_known_name_in_a_sentence() {
    // 白鹭湾镇 is no township the gazetteer knows; 新市镇 names several, and here a kind of place.
    let body = "白鹭湾镇政府工作报告\n——2021年2月26日在白鹭湾镇第四届人民代表大会第八次会议上\n\
                白鹭湾镇镇长 王明\n各位代表:\n2020年,我们着眼新市镇建设,统筹推进产业发展。";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("白鹭湾镇"));
    // Named once, in a title, an unknown name still gives way to a known one.
    let body = "白鹭湾镇政府工作报告\n各位代表:\n2020年,新市镇统筹推进产业发展。";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("新市镇"));
}

#[test]
fn a_towns_centre_is_no_town() {
    // 场镇, like 集镇, is a town's built-up centre: "泥溪场镇" names the town 泥溪镇's.
    let body = "泥溪场镇道路改造工程完工\n泥溪场镇道路改造工程总投资350万元。\n泥溪镇桥口村安置点建设项目已完工。";
    let m = parse(body, &PageMeta::default(), ReportKind::WorkSummaryAndPlan, None);
    assert_eq!(m.town.as_deref(), Some("泥溪镇"));
}

#[test]
fn a_meeting_keeps_a_region_name_of_four_characters() {
    let body = "2024年白鹭湾镇政府工作报告\n——2024年1月5日在滨海新区白鹭湾镇第五届人民代表大会第五次会议上\n各位代表:";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.meeting.as_deref(), Some("滨海新区白鹭湾镇第五届人民代表大会第五次会议"));
    let body = "2024年白鹭湾镇政府工作报告\n——2024年1月5日在某市某区白鹭湾镇第五届人民代表大会第五次会议上\n各位代表:";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.meeting.as_deref(), Some("某市某区白鹭湾镇第五届人民代表大会第五次会议"));
}

#[test]
fn glued_dates_take_the_reading_the_page_supports() {
    let page = |d: &str| PageMeta { published_on: Some(d.to_string()), ..Default::default() };
    let body = "2025年青石镇政府工作报告\n——2025429日在青石镇第届人民代表大会第次会议上\n各位代表:";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.delivered_on.as_deref(), Some("2025-04-29"), "one reading only");
    assert_eq!(m.meeting.as_deref(), Some("青石镇第届人民代表大会第次会议"), "blanks left in the meeting stay");
    let body = "2022年青石镇政府工作报告\n——2022118日在青石镇第五届人民代表大会第一次会议上\n各位代表:";
    let m = parse(body, &page("2022-01-25"), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.delivered_on.as_deref(), Some("2022-01-18"), "1-18, not 11-8, before the page's date");
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.delivered_on, None, "two readings and nothing to tell them apart");
}

#[test]
fn sessions_named_in_news_items() {
    let m = news("6月23日上午,青石镇第五届人民代表大会第八次会议召开。\n2020年,青石镇完成财政收入10亿元。今年,青石镇将争取财政收入11亿元。", &PageMeta::default());
    assert_eq!(m.meeting.as_deref(), Some("青石镇第五届人民代表大会第八次会议"));
    assert_eq!((m.review_year, m.plan_year), (Some(2020), Some(2021)));
    assert_eq!(m.delivered_on.as_deref(), Some("2021-06-23"), "the session opens in the year it plans");
    let m = news(
        "本报讯 近日,某区泥溪街道召开2023年度议政会第二次会议。今年以来,街道完成投资15亿元。",
        &PageMeta::default(),
    );
    assert_eq!(m.meeting.as_deref(), Some("泥溪街道2023年度议政会第二次会议"));
    let m = news(
        "12月11日,青石镇第二十一届人民代表大会第五次会议召开。2025年,青石镇将聚焦项目攻坚。",
        &PageMeta::default(),
    );
    assert_eq!(m.delivered_on.as_deref(), Some("2024-12-11"), "a December session plans the year after");
    assert_eq!(m.title, None, "a news item's headline is no title");
}

/// A report read by the nominee for the office the congress will elect: the office with its
/// nominee's words, the name after it.
#[test]
fn a_nominee_for_the_office_is_the_speaker() {
    for (line, title) in
        [("青石镇党委副书记、镇长候选人 马玉", "镇长候选人"), ("青石镇镇长提名人选   马玉", "镇长提名人选")]
    {
        let body = format!("2024年青石镇政府工作报告\n{line}\n各位代表:");
        let m = parse(&body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
        assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("马玉"), Some(title)), "{line}");
    }
}

/// A title line that goes on with the meeting it was read at is the title; the meeting stays
/// the meeting's.
#[test]
fn a_title_broken_after_a_joining_word_goes_on_in_the_next_line() {
    let body = "白鹭湾镇2022年工作总结及\n2023年工作计划\n今年以来,全镇各项工作稳步推进。\n一、基本情况";
    let m = parse(body, &PageMeta::default(), ReportKind::WorkSummaryAndPlan, None);
    assert_eq!(m.title.as_deref(), Some("白鹭湾镇2022年工作总结及2023年工作计划"));
    assert_eq!((m.review_year, m.plan_year), (Some(2022), Some(2023)));
    // A title ending on no joining word takes its line alone.
    let body = "白鹭湾镇2022年工作总结\n2023年工作计划\n一、基本情况";
    let m = parse(body, &PageMeta::default(), ReportKind::WorkSummaryAndPlan, None);
    assert_eq!(m.title.as_deref(), Some("白鹭湾镇2022年工作总结"));
}

/// A text that opens on its plan part plans the year it says the year is, and reviews the one
/// before.
#[test]
fn a_text_opening_on_its_plan_part_plans_that_year() {
    let body = "2025年是青石乡加快发展的攻坚之年。今年工作的总体要求是:坚持稳中求进。\n\
                我乡经济社会发展的主要预期目标是:财政收入增长5%。\n(一)推进乡村全面振兴";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!((m.review_year, m.plan_year), (Some(2024), Some(2025)));
}

#[test]
fn a_title_glued_to_its_meeting_is_the_title() {
    let body = "政府工作报告在青石镇第五届人民代表大会第二次会议上\n(2024年1月9日)\n各位代表:\n一、2023年工作回顾";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    assert_eq!(m.meeting.as_deref(), Some("青石镇第五届人民代表大会第二次会议"));
    // A title that names its place and year keeps them; the meeting alone is cut.
    let body = "青石镇2024年政府工作报告——在青石镇第五届人民代表大会第三次会议上\n各位代表:";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.title.as_deref(), Some("青石镇2024年政府工作报告"));
    // A page title that is the meeting line alone is no title cut to its dash.
    assert_eq!(clean_title("——在青石镇第五届人民代表大会第三次会议上"), "——在青石镇第五届人民代表大会第三次会议上");
}

/// A speech without a title: the header over its address gives the date, the meeting and the
/// speaker whose name stands alone under the meeting line.
#[test]
fn an_untitled_speech_header() {
    let body =
        "——2024年1月9日在青石镇第五届人民代表大会第二次会议上\n马 玉\n各位代表:\n现在,我代表镇人民政府向大会报告工作。";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.delivered_on.as_deref(), Some("2024-01-09"));
    assert_eq!(m.meeting.as_deref(), Some("青石镇第五届人民代表大会第二次会议"));
    assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("马玉"), None));
}

/// An office and a padded name under the meeting line ("镇长王 鹏"): the office is the title, the
/// name the speaker's; the office is no part of a name standing alone.
#[test]
fn an_office_under_the_meeting_line_is_no_name() {
    let body = "政府工作报告\n——在青石镇第五届人民代表大会第二次会议上\n镇长马 玉\n2024年1月9日\n各位代表:";
    let m = parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
    assert_eq!((m.speaker.as_deref(), m.speaker_title.as_deref()), (Some("马玉"), Some("镇长")));
    assert_eq!(m.delivered_on.as_deref(), Some("2024-01-09"));
}

/// The page's publisher names the town by its township, not with the county over it, and a
/// township the gazetteer knows there outranks a name in the text that it does not know.
#[test]
fn the_publisher_names_the_township() {
    let page = PageMeta { publisher: Some("门头沟区南窖乡".to_string()), ..Default::default() };
    let body = "2024年政府工作报告\n各位代表:\n一年来,全乡上下聚力围绕乡村振兴。";
    let m = parse(body, &page, ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("南窖乡"));
    let body = "2024年政府工作报告\n各位代表:\n白鹭湾镇的同志们一年来辛勤工作。";
    let m = parse(body, &page, ReportKind::GovernmentWorkReport, None);
    assert_eq!(m.town.as_deref(), Some("南窖乡"), "a known name outranks an unknown one");
}
