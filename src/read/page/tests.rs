//! Unit tests of `page`.

use super::noise::{after_bullets, Field};
use super::*;

#[test]
fn metadata_lines_are_dropped_and_read() {
    let page = clean(
        "嵊州市人民政府\n您当前的位置:\n>> 政府信息公开 >> 工作信息\n\
         索 引 号: 113306830025853214/2025-00157 主题分类: 政务公开\n\
         发布机构: 甘霖镇 公开日期: 2025-01-09 16:02:30\n甘霖镇2024年工作总结\n\
         发布日期: 2025- 01- 09 16: 02\n浏览次数:\n正文第一段。\n设为首页 | 网站地图",
    );
    assert_eq!(page.lines, vec!["嵊州市人民政府", "甘霖镇2024年工作总结", "正文第一段。"]);
    assert_eq!(page.meta.published_on.as_deref(), Some("2025-01-09"));
    assert_eq!(page.meta.index_number.as_deref(), Some("113306830025853214/2025-00157"));
    assert_eq!(page.meta.publisher.as_deref(), Some("甘霖镇"));
    assert_eq!(page.meta.site.as_deref(), Some("嵊州市人民政府"));
}

#[test]
fn keys_with_values_on_the_next_line() {
    let page = clean(
        "索引号\n002968082/2025-65346\n成文日期\n2025-02-12\n  • 统一编号:\n\
         2024年度高家镇政府工作报告\n分享到:\n各位代表:",
    );
    assert_eq!(page.lines, vec!["2024年度高家镇政府工作报告", "各位代表:"]);
    assert_eq!(page.meta.index_number.as_deref(), Some("002968082/2025-65346"));
    assert_eq!(page.meta.written_on.as_deref(), Some("2025-02-12"));
}

#[test]
fn keys_and_values_as_items_of_one_list() {
    let page = clean(
        "  • 来源\n  • 青石乡人民政府\n  • 作者\n  • 李四\n青石乡2024年工作总结\n今年以来,全乡各项工作稳步推进。",
    );
    assert_eq!(page.meta.publisher.as_deref(), Some("青石乡人民政府"), "the value without its bullet");
    assert_eq!(page.lines, ["青石乡2024年工作总结", "今年以来,全乡各项工作稳步推进。"]);
}

#[test]
fn a_printed_pages_number_is_no_text() {
    let page = clean(
        "青石镇2024年工作总结\n全镇完成产值3亿元。\n- 1 -\n新建道路5公里。\n—2—\n第3页 共8页\n第4页\n2 个村完成改造。",
    );
    assert_eq!(page.lines, ["青石镇2024年工作总结", "全镇完成产值3亿元。", "新建道路5公里。", "2 个村完成改造。"]);
}

#[test]
fn a_markdown_picture_is_no_text() {
    let page = clean(
        "![](/pics/2023/0412a.jpg)\n青石镇2024年工作总结\n![村貌](https://example.org/b.png)\n全镇完成产值3亿元。",
    );
    assert_eq!(page.lines, ["青石镇2024年工作总结", "全镇完成产值3亿元。"]);
    // The caption under a picture goes with it; a bracketed line elsewhere stays.
    let page = clean("![](/pics/c.jpg)\n(新村建设)\n2023年,全镇完成产值3亿元。\n(一)农业生产\n(附件)");
    assert_eq!(page.lines, ["2023年,全镇完成产值3亿元。", "(一)农业生产", "(附件)"]);
}

#[test]
fn data_file_parses() {
    assert!(!noise().fields.is_empty());
}

#[test]
fn a_report_on_one_line_gets_its_paragraphs_back() {
    let para = "一年来,全镇规上工业产值达到74.23亿元。".repeat(150);
    let line = format!("2024年湖镇镇政府工作报告 湖镇镇镇长 钟罗谊　　各位代表:　　{para}二、2025年工作安排　　{para}");
    let lines = reflow(vec![line]);
    assert_eq!(lines[0], "2024年湖镇镇政府工作报告");
    assert!(lines.contains(&"各位代表:".to_string()), "{:?}", &lines[..3]);
    assert!(lines.contains(&"二、2025年工作安排".to_string()));
    assert_eq!(reflow(vec!["短行 两个  空格".to_string()]), ["短行 两个  空格"], "short lines stay");
}

#[test]
fn a_paged_document_run_together_gets_its_paragraphs_back() {
    // A document's printed lines of some 30 characters, their ends left as spaces inside the
    // sentences, the whole excerpt on one line far shorter than a page that lost its breaks.
    let review = "今年以来,在县委、县政府的坚强领导下,全镇上下 凝心聚力,规上工业产值 12.5 亿元,同比增长 8.2%,各项 工作平稳有序开展,重点项目 建设扎实推进。"
        .repeat(4);
    let line = format!(
        "2024 年青石镇政府工作报告 各位代表: 现在,我代表青石镇人民政府向大会报告工作, 请予审议。 \
         一、2024年以来工作回顾 {review} 二、2025年工作安排 {review}"
    );
    assert!(line.chars().count() < 1000);
    let lines = reflow(vec![line]);
    assert!(lines.contains(&"各位代表:".to_string()), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("一、2024年以来工作回顾 ")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("二、2025年工作安排 ")), "{lines:?}");
    // A paragraph of a web page with a space after its inline heading and after its sentences
    // is no paged document.
    let para = format!("一、2024年工作回顾 {}", "一年来,全镇规上工业产值达到74.23亿元。 ".repeat(20));
    assert_eq!(reflow(vec![para.clone()]), [para]);
}

#[test]
fn paragraphs_run_together_with_a_space_get_their_breaks_back() {
    // Far shorter than a whole report on one line, and no paged document: its sentences are
    // unbroken, only each paragraph's end is left as a space, a heading after one of them.
    let line = "2023年,北岭乡坚持稳中求进,全乡经济社会发展态势良好,群众生活持续改善。预计全年实现农业总产值5.6亿元。 \
                二、2024年工作安排 (一)做强特色产业,农民增收有新路子。 一是扩大茶叶种植,新增茶园1200亩。 \
                二是培育加工企业,新引进加工企业2家。";
    let lines = reflow(vec![line.to_string()]);
    assert!(lines.iter().any(|l| l == "二、2024年工作安排"), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("(一)做强特色产业")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("一是扩大茶叶种植")), "{lines:?}");
    // A paragraph that leaves a space after its sentences, with no heading after one, stays.
    let para = "一年来,全乡新增茶园1200亩。 二是培育加工企业,新引进加工企业2家。 ".repeat(6);
    assert_eq!(reflow(vec![para.clone()]), [para]);
}

/// The forms a page's date line takes: a bare date and time before its source, a numbered list of
/// "key: value" items, a news site's 发稿时间.
#[test]
fn metadata_lines_in_their_other_forms_are_read() {
    let page = clean("2024年青石镇政府工作报告\n2024-01-02 17:43 来源:  青石融媒\n各位代表:");
    assert_eq!(page.lines, ["2024年青石镇政府工作报告", "各位代表:"]);
    assert_eq!(page.meta.published_on.as_deref(), Some("2024-01-02"));
    assert_eq!(page.meta.publisher.as_deref(), Some("青石融媒"));
    let page =
        clean("青石镇召开人代会\n  1. 发布时间:2024-01-29\n  2. 来源:青石镇\n  3. 作者:\n会议听取了政府工作报告。");
    assert_eq!(page.lines, ["青石镇召开人代会", "会议听取了政府工作报告。"]);
    assert_eq!(page.meta.published_on.as_deref(), Some("2024-01-29"));
    let page = clean("青石镇:实干争先\n发稿时间:2024-06-13 09:15:00 来源: 某某网\n正文第一段。");
    assert_eq!(page.lines, ["青石镇:实干争先", "正文第一段。"]);
    assert_eq!(page.meta.published_on.as_deref(), Some("2024-06-13"));
    // A numbered heading of the text is no list of metadata.
    assert_eq!(clean("1. 时间节点和任务安排").lines, ["1. 时间节点和任务安排"]);
}

#[test]
fn metadata_in_pipe_tables_is_read() {
    let page = clean(
        "[ 索引号 ] | 11500113/2024-00007 | [ 发文字号 ] | 某府发〔2024〕2号 |\n\
         标 题: | 青石镇2024年政府工作报告 |\n[ 成文日期 ] | 2024-02-20 | [ 发布日期 ] | 2024-02-22 |\n正文第一段。",
    );
    assert_eq!(page.lines, ["正文第一段。"]);
    assert_eq!(page.meta.title.as_deref(), Some("青石镇2024年政府工作报告"));
    assert_eq!(page.meta.published_on.as_deref(), Some("2024-02-22"));
    assert_eq!(page.meta.written_on.as_deref(), Some("2024-02-20"));
    assert_eq!(page.meta.index_number.as_deref(), Some("11500113/2024-00007"));
    let row = "2020亮点回眸 | 青石镇人民政府2020年工作回顾";
    assert_eq!(clean(row).lines, [row], "a title with a bar is no table row");
}

#[test]
fn dates_on_lines_of_their_own_and_after_other_keys() {
    let page = clean("某某阳光网\n某某阳光  http://example.cn/   2018-01-24 17:41\n正文。");
    assert_eq!(page.meta.published_on.as_deref(), Some("2018-01-24"));
    assert_eq!(page.meta.site.as_deref(), Some("某某阳光网"));
    assert_eq!(clean("2017-02-18 00:00\n正文。").meta.published_on.as_deref(), Some("2017-02-18"));
    let page = clean("- 时间: 2023-05-06 15:24\n信息类别: 规划计划 生成日期: 2025-05-15\n正文。");
    assert_eq!(page.meta.published_on.as_deref(), Some("2023-05-06"));
    assert_eq!(page.lines, ["正文。"]);
    let page = clean("发布时间:2021-09-08 10:23:00 来源:本站 阅读次数:26\n正文。");
    assert_eq!(page.meta.published_on.as_deref(), Some("2021-09-08"), "a furniture word does not hide the date");
    let page = clean("最后编辑时间:2024-03-16 15:02:33 来源:未知\n正文。");
    assert_eq!(page.meta.published_on, None, "an edit is not a publication");
}

#[test]
fn a_watermark_is_dropped_from_every_line() {
    let mark = "某某文库--专业范文";
    let text = format!("政府工作报告{mark}\n各位代表:{mark}\n一、2020年工作回顾{mark}\n全年完成财政收入3亿元。\n二、2021年工作安排{mark}");
    let page = clean(&text);
    assert_eq!(page.watermark.as_deref(), Some(mark));
    assert_eq!(
        page.lines,
        ["政府工作报告", "各位代表:", "一、2020年工作回顾", "全年完成财政收入3亿元。", "二、2021年工作安排"]
    );
}

#[test]
fn full_width_metadata_lines_are_read() {
    let page = clean("发布日期：２０２５－０１－０９\n正文。");
    assert_eq!(page.meta.published_on.as_deref(), Some("2025-01-09"));
    assert_eq!(page.lines, ["正文。"]);
}

/// The key expressions are asked only of lines that open with a key's first character: on every
/// line of the sample corpus and the web fixtures, a line either expression matches opens so.
#[test]
fn a_line_a_key_expression_matches_opens_with_a_key() {
    let n = noise();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut matched = 0;
    for dir in ["corpus", "tests/fixtures/web"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixture folder") {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("fixture");
            let text = crate::text::fold::fold_str(&String::from_utf8_lossy(&bytes));
            for line in text.lines() {
                if n.key_first.is_match(after_bullets(line)) || n.key_alone.is_match(line) {
                    assert!(n.opens_with_key(line), "{line}");
                    matched += 1;
                }
            }
        }
    }
    assert!(matched > 20, "{matched} key lines");
}

/// A key is read from its match without the expression's group: every key, with spaces between
/// its characters or not, before either colon with or without white space, one or several on a
/// line, reads as the field the group would give.
#[test]
fn every_key_is_read_as_its_field() {
    let n = noise();
    for (key, field) in &n.fields {
        let spaced: String = key.chars().map(|c| format!("{c} ")).collect();
        for line in [format!("{key}:甲"), format!("{spaced} ：甲"), format!("{key}\u{3000}: 甲 索引号:乙")] {
            let pairs = n.key_pairs(&line).unwrap_or_else(|| panic!("{line}"));
            let by_group: Vec<Field> = n.key_colon.captures_iter(&line).map(|c| n.field_of(&c[1])).collect();
            assert_eq!(pairs.iter().map(|(f, _)| *f).collect::<Vec<_>>(), by_group, "{line}");
            assert_eq!(pairs[0].0, *field, "{line}");
            assert_eq!(pairs[0].1, "甲", "{line}");
        }
    }
}

#[test]
fn a_line_that_names_a_picture_is_no_text() {
    let page =
        clean("二、今年的主要任务\nIMG_0412.JPG\n3.png\n图片5.webp\n(一)做强产业。\n全镇新建厂房.\n详见 附图.jpg\n");
    assert_eq!(page.lines, vec!["二、今年的主要任务", "(一)做强产业。", "全镇新建厂房.", "详见 附图.jpg"]);
}

/// A document library's buttons over the text it sells ("开通会员免费下载 立即下载") are no text.
#[test]
fn a_breadcrumb_names_the_site() {
    let page = clean(
        "当前位置:首页 > 青石县新闻网>要闻>\n青石镇:今年以来规上工业产值42.5亿元\n今年以来,青石镇持续推进项目建设。",
    );
    assert_eq!(page.meta.site.as_deref(), Some("青石县新闻网"));
    assert!(!page.lines.iter().any(|l| l.contains("当前位置")), "the trail itself is no text");
}

#[test]
fn a_document_library_s_download_buttons_are_no_text() {
    let page = clean("2024年青石镇政府工作报告\n开通会员免费下载 立即下载\n各位代表:");
    assert_eq!(page.lines, ["2024年青石镇政府工作报告", "各位代表:"]);
    // A paywall over the rest of an article, with the share it hides.
    let page = clean("青石镇:今年将力争规上工业产值增长10%\n订阅后可查看全文(剩余65%)\n点击阅读全文");
    assert_eq!(page.lines, ["青石镇:今年将力争规上工业产值增长10%"]);
}
