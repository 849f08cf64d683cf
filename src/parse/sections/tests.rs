//! Unit tests of `sections`.

use super::*;

fn meta(review: i32) -> ReportMeta {
    ReportMeta { review_year: Some(review), plan_year: Some(review + 1), ..ReportMeta::default() }
}

/// The outline of a body, after checking the span invariants every outline must keep.
fn outline(body: &str, review: i32) -> Vec<Section> {
    let folded = Folded::new(body);
    let s = parse(&folded, &meta(review));
    assert_invariants(&s, folded.char_len());
    s
}

fn assert_invariants(s: &[Section], total: usize) {
    let mut covered = vec![false; total];
    for (i, sec) in s.iter().enumerate() {
        assert!(sec.span.start < sec.span.end && sec.span.end <= total, "row {i} has a bad span: {sec:?}");
        if let Some(p) = sec.parent {
            assert!(p < i, "row {i}: parent after child");
            let ps = s[p].span;
            assert!(ps.start <= sec.span.start && sec.span.end <= ps.end, "row {i} outside its parent");
            assert!(sec.level > s[p].level, "row {i} not below its parent");
        }
        for (j, other) in s.iter().enumerate().skip(i + 1) {
            if other.parent == sec.parent {
                assert!(other.span.start >= sec.span.end, "rows {i} and {j} overlap");
            }
        }
        covered[sec.span.start..sec.span.end].iter_mut().for_each(|c| *c = true);
    }
    assert!(covered.iter().all(|&c| c), "some characters are in no row");
}

fn top(s: &[Section]) -> Vec<(&str, &str, Part)> {
    s.iter().filter(|x| x.level == 1).map(|x| (x.marker.as_str(), x.title.as_str(), x.part)).collect()
}

fn children<'a>(s: &'a [Section], title: &str) -> Vec<&'a Section> {
    let p = s.iter().position(|x| x.title == title).expect("parent row");
    s.iter().filter(|x| x.parent == Some(p)).collect()
}

#[test]
fn words_file_is_valid() {
    let w = parse_words(SECTIONS_TOML).expect("data/sections.toml parses");
    assert!(w.parts.iter().any(|(p, _)| *p == Part::SelfBuilding));
    assert!(parse_words("[[parts]]\npart = \"nonsense\"\nwords = []").is_err());
}

#[test]
fn a_heading_flattened_into_its_paragraph_ends_at_the_space() {
    let (title, inline) = heading_title("2023年工作回顾 2023年是项目攻坚之年,全镇上下团结一心。", true);
    assert_eq!((title.as_str(), inline), ("2023年工作回顾", true));
    // A space inside a short heading is part of it.
    let (title, _) = heading_title("坚持党建引领 推进基层治理", true);
    assert_eq!(title, "坚持党建引领 推进基层治理");
}

#[test]
fn markers_and_numbers() {
    let m = marker_of("(一)聚焦“产业”").expect("(一)");
    assert_eq!((m.style, m.value, m.marker, m.rest), (Style::CnParen, 1, "(一)", "聚焦“产业”"));
    assert_eq!(marker_of("十二、加强").map(|m| m.value), Some(12));
    assert_eq!(marker_of("2.谋划").map(|m| (m.style, m.value)), Some((Style::ArabicDot, 2)));
    assert_eq!(marker_of("③推进").map(|m| m.value), Some(3));
    // Numbers that open a line are not markers.
    assert!(marker_of("1.5万亩高标准农田").is_none());
    assert!(marker_of("1-11月,副厅级以上领导").is_none());
    assert!(marker_of("2024年是").is_none());
    assert!(marker_of("(2021-2035)规划").is_none());
    assert_eq!(item_of("三是文旅产业深度融合。").map(|(v, m, _)| (v, m)), Some((3, "三是")));
}

/// corpus/004: plan headings glued to their first item, under unnumbered top headings.
#[test]
fn glued_heading_is_split_before_its_first_item() {
    let body = "2024年度高家镇政府工作报告\n2024年工作回顾\n2024年是全面贯彻落实党的二十大精神的关键之年。\n\
                2025年工作计划\n各位代表,2025年是实现十四五规划目标任务的关键一年。\n\
                一、不断推进项目谋划建设,交出经济发展高分答卷一是以更优质的载体聚项目。紧抓重大战略机遇。二是以更有效的思路谋项目。\n\
                二、不断升级经济发展驱动,交出产业迭代优异答卷一是挖掘文旅潜力,传承古城千年之魂。紧抓契机。";
    let s = outline(body, 2024);
    assert_eq!(top(&s), vec![("", "2024年工作回顾", Part::Review), ("", "2025年工作计划", Part::Plan)]);
    let plan = children(&s, "2025年工作计划");
    let titles: Vec<_> = plan.iter().map(|x| (x.marker.as_str(), x.title.as_str(), x.inline, x.level)).collect();
    assert_eq!(
        titles,
        vec![
            ("一、", "不断推进项目谋划建设,交出经济发展高分答卷", true, 2),
            ("二、", "不断升级经济发展驱动,交出产业迭代优异答卷", true, 2),
        ]
    );
}

/// "一是" opens a row only where it opens a line; inside a paragraph it is an enumeration.
#[test]
fn yishi_inside_a_paragraph_is_not_a_heading() {
    let body = "某镇2024年政府工作报告\n一、2024年工作回顾\n(一)推动产业迭代提升\n\
                我们坚持把工作重心放在一是产业二是民生上。主要做了三件事:一是规上工业再上新台阶。二是农业产业持续壮大。\n\
                一是规上工业再上新台阶。我们始终把推动高质量发展摆在首位。\n二是农业产业持续壮大。我们坚持产业振兴。\n\
                四是跳过的编号不成序列。\n三是文旅产业深度融合。我们深挖古韵内涵。";
    let s = outline(body, 2024);
    let items: Vec<_> = s.iter().filter(|x| x.marker.ends_with('是')).map(|x| x.title.as_str()).collect();
    assert_eq!(items, vec!["规上工业再上新台阶", "农业产业持续壮大", "文旅产业深度融合"]);
    assert!(s.iter().filter(|x| x.marker.ends_with('是')).all(|x| x.level == 3 && x.inline));
}

#[test]
fn a_title_going_on_in_its_second_line_is_no_heading() {
    let body =
        "白鹭湾镇2022年工作总结及\n2023年工作计划\n今年以来,全镇各项工作稳步推进。\n一、基本情况\n全镇辖9个行政村。";
    let s = outline(body, 2022);
    let titles: Vec<_> = top(&s).into_iter().map(|(marker, title, _)| (marker, title)).collect();
    assert_eq!(titles, [("一、", "基本情况")], "the title's second line is no heading");
    assert!(s.iter().all(|x| x.part != Part::Plan), "nothing of the summary is read as its plan");
}

#[test]
fn an_unnumbered_heading_of_phrases() {
    let body = "政府工作报告\n各位代表:\n现在,我代表镇人民政府向大会报告工作。\n回望2022年,凝心聚力,稳中求进\n\
                2022年,全镇完成规上工业增加值3.1亿元。\n展望2023年,乘势而上,再创佳绩\n\
                2023年,全镇力争规上工业增加值增长8%。\n回顾2022年工作,全镇上下团结一心,攻坚克难,取得新成绩,";
    let s = outline(body, 2022);
    assert_eq!(
        top(&s),
        vec![("", "回望2022年,凝心聚力,稳中求进", Part::Review), ("", "展望2023年,乘势而上,再创佳绩", Part::Plan)]
    );
}

/// corpus/001 report 0: unnumbered top headings, inline leads under the review, 一、..十、 under
/// the plan, the targets paragraph and the closing appeal.
#[test]
fn unnumbered_top_headings() {
    let body = "横沥镇2023年政府工作报告\n各位代表:\n现在,我代表镇人民政府,向大会报告政府工作,请各位代表审议。\n\
                2022年工作回顾\n刚刚过去的2022年,是党的二十大胜利召开之年。\n\
                一年来,我们不折不扣做好疫情防控工作,全力筑牢人民群众健康防线。从“二十条”到“乙类乙管”。\n\
                一年来,我们坚决落实“经济要稳住”,以超常规力度稳住经济大盘。全镇实现地区生产总值207.45亿元。\n\
                一年来,我们坚持产业强镇定位,打造高质量发展新增长极。产业结构升级提质。\n\
                各位代表!过去一年,我们取得了来之不易的成绩。\n\
                在推进各项工作的过程中,我们也清醒认识到横沥下来发展面临的诸多挑战:经济预期仍未转强。\n\
                2023年工作安排\n综合考虑各方面因素,2023年全镇经济社会发展的主要预期目标为:地区生产总值增长6%。\n\
                一、稳预期、提信心,逐步恢复正常生产生活轨迹\n推动社会全面复苏。\n\
                二、稳实体、兴实业,大力推动制造业高质量发展\n坚持产业立新柱、强支柱。\n\
                各位代表!奋进新征程的蓝图已经绘就。让我们更加紧密地团结在以习近平同志为核心的党中央周围!";
    let s = outline(body, 2022);
    assert_eq!(top(&s), vec![("", "2022年工作回顾", Part::Review), ("", "2023年工作安排", Part::Plan)]);
    assert_eq!((s[0].level, s[0].part, s[0].parent), (0, Part::Preamble, None));
    let review = children(&s, "2022年工作回顾");
    let leads: Vec<_> = review.iter().filter(|x| !x.title.is_empty()).collect();
    assert_eq!(leads.len(), 3);
    assert!(leads.iter().all(|x| x.title.starts_with("一年来,我们") && x.inline && x.level == 2));
    // The thanks paragraph ends the last lead; the problems paragraph is its own row.
    assert_eq!(review.last().map(|x| (x.part, x.level)), Some((Part::Problems, 2)));
    assert!(!body.chars().skip(leads[2].span.start).take(leads[2].span.end - leads[2].span.start).any(|c| c == '!'));
    let plan: Vec<_> = children(&s, "2023年工作安排").iter().map(|x| (x.marker.as_str(), x.part)).collect();
    assert_eq!(plan, vec![("", Part::Plan), ("一、", Part::Plan), ("二、", Part::Plan), ("", Part::Closing)]);
}

/// corpus/003: the plan reuses 一、..四、 and a top-level 三、 follows them.
#[test]
fn reused_numbering_nests_under_the_plan() {
    let body = "2024年岔路镇政府工作报告\n各位代表:\n一、2024年工作回顾\n2024年是中华人民共和国成立75周年。\n\
                二、2025年工作任务\n2025年,是“十四五”规划收官之年。\n一、坚定不移推进工业经济高质量发展。\n围绕打造工业重镇目标。\n\
                二、坚定不移推动乡村振兴开创更新局面。\n创新打破传统思维局限。\n三、坚定不移健全和完善优质共享服务体系。\n\
                牢固树立民生所需就是发展所向理念。\n四、坚定不移提升基层治理现代化水平。\n坚持人民城市人民建。\n\
                三、加强政府自身建设\n着力深化高效政府建设。扎实推进机关效能建设。\n着力深化法治政府建设。坚持依法用权。\n\
                着力深化廉洁政府建设。认真履行主体责任。";
    let s = outline(body, 2024);
    assert_eq!(
        top(&s),
        vec![
            ("一、", "2024年工作回顾", Part::Review),
            ("二、", "2025年工作任务", Part::Plan),
            ("三、", "加强政府自身建设", Part::SelfBuilding)
        ]
    );
    let plan: Vec<_> = children(&s, "2025年工作任务").iter().map(|x| (x.ordinal, x.title.clone())).collect();
    assert_eq!(plan.len(), 4);
    assert_eq!(plan[0], (1, "坚定不移推进工业经济高质量发展".to_string()));
    let leads: Vec<_> = children(&s, "加强政府自身建设").iter().map(|x| x.title.clone()).collect();
    assert_eq!(leads, vec!["着力深化高效政府建设", "着力深化法治政府建设", "着力深化廉洁政府建设"]);
}

/// corpus/001 report 4 stops in the middle of a heading.
#[test]
fn cut_off_report_ends_mid_heading() {
    let body = "濮院镇2023年政府工作报告\n一、2022年工作回顾\n过去的一年,我们坚持两手发力,经济社会稳中有进。\n\
                二、2023年目标任务和主要工作\n(一)靶向定位,精准服务,打造高能级要素支撑体系。\n狠抓项目建设,扩大有效投资。\n\
                (二)以人为本、以利惠民,夯实高水平民生保";
    let s = outline(body, 2022);
    let last = s.last().expect("rows");
    assert_eq!(
        (last.marker.as_str(), last.title.as_str(), last.level),
        ("(二)", "以人为本、以利惠民,夯实高水平民生保", 2)
    );
    assert_eq!(last.span.end, body.chars().count());
    assert!(!last.inline);
    assert!(s.iter().all(|x| x.part != Part::Closing));
}

/// corpus/002: a report without an address, whose preface reviews the year, with "1." items.
#[test]
fn preface_that_reviews_the_year() {
    let body = "甘霖镇2024年工作总结和2025年工作思路\n2024年是全面贯彻习近平总书记考察浙江重要讲话精神的深化之年,较好地完成各项目标任务。\n\
                一、2024年工作总结\n1.点燃产业项目“强引擎”,经济发展稳中向好。一是产业项目。\n\
                2.谋划提档升级“新蓝图”,城乡建设亮点频现 。一是城乡建设。\n二、2025年工作计划\n1.立足优势资源,优化布局促发展,增强产业发展后劲。一是。";
    let s = outline(body, 2024);
    assert_eq!(s[1].parent, Some(0));
    assert_eq!((s[1].part, s[1].level), (Part::Review, 2));
    let items: Vec<_> = children(&s, "2024年工作总结").iter().map(|x| (x.marker.clone(), x.title.clone())).collect();
    assert_eq!(items[1], ("2.".to_string(), "谋划提档升级“新蓝图”,城乡建设亮点频现".to_string()));
}

/// The speech frame before the first heading is the preamble, not a review.
#[test]
fn speech_frame_is_preamble_only() {
    let body = "2024年湖镇镇政府工作报告\n2025年1月17日\n——在湖镇镇第十五届人民代表大会第七次会议上\n湖镇镇镇长 钟罗谊\n\
                各位代表:\n现在,我代表镇人民政府向大会作报告,请予审议,并请各位列席人员提出意见。\n一、2024年工作回顾\n2024年是。";
    let s = outline(body, 2024);
    assert_eq!(s.iter().filter(|x| x.level == 0).count(), 1);
    assert!(s.iter().all(|x| x.parent != Some(0)));
}

/// A report without headings is one preamble row; the text still marks its parts.
#[test]
fn unheaded_report_takes_parts_from_the_text() {
    let body = "某镇2024年工作总结\n2024年,全镇实现财政总收入2.7亿元,同比增长5%,一般公共预算收入1.6亿元。\n\
                在肯定成绩的同时,我们也清醒地认识到还存在不少困难和问题。\n\
                2025年经济社会发展的主要预期目标是:财政收入增长6%。\n我们将继续推进项目建设。";
    let s = outline(body, 2024);
    let parts: Vec<_> = s.iter().map(|x| (x.level, x.part)).collect();
    assert_eq!(parts, vec![(0, Part::Preamble), (2, Part::Review), (2, Part::Problems), (2, Part::Plan)]);
}

/// Genre variants the sample does not show: "一." for "一、" and a problems sub-heading.
#[test]
fn problems_sub_heading_and_full_stop_markers() {
    let body = "某镇2024年政府工作报告\n一.2024年工作回顾\n(一)经济运行稳中向好\n全年实现规上工业产值74亿元。\n\
                (二)存在的问题和不足\n我们也清醒地认识到,发展还存在不少问题和不足。\n二.2025年工作安排\n(一)推进项目建设\n加快项目推进。";
    let s = outline(body, 2024);
    assert_eq!(top(&s), vec![("一.", "2024年工作回顾", Part::Review), ("二.", "2025年工作安排", Part::Plan)]);
    let review: Vec<_> = children(&s, "2024年工作回顾").iter().map(|x| (x.title.clone(), x.part)).collect();
    assert_eq!(
        review,
        vec![("经济运行稳中向好".to_string(), Part::Review), ("存在的问题和不足".to_string(), Part::Problems)]
    );
}

/// Every sample file, raw and cut off at many points, keeps the invariants.
#[test]
fn cut_reports_keep_the_invariants() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("corpus").map(|e| e.expect("entry").path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    assert!(!files.is_empty());
    for p in files {
        let text = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned();
        let chars: Vec<char> = text.chars().collect();
        for cut in (1..chars.len()).step_by(733).chain(std::iter::once(chars.len())) {
            let body: String = chars[..cut].iter().collect();
            outline(&body, 2024);
        }
    }
}

#[test]
fn odd_input_never_panics() {
    for body in [
        "",
        "\n",
        "一、",
        "(",
        "(一",
        "①",
        "一是",
        "\n\n一、\n(一)\n1.\n①\n一是\n各位代表",
        "二、x\n一、y\n三、z\n九十九、",
    ] {
        outline(body, 2024);
    }
}

/// A text cut from a page may open on its first part's heading, with no title line before it.
#[test]
fn a_text_that_opens_on_its_first_heading() {
    let body = "一、2024年工作回顾\n一年来,某某镇各项工作稳步推进。\n(一)做优产业\n新建厂房三处。\n(二)做美乡村\n改造道路十公里。";
    let s = outline(body, 2024);
    let top: Vec<_> =
        s.iter().filter(|x| x.level == 1).map(|x| (x.marker.as_str(), x.title.as_str(), x.part)).collect();
    assert_eq!(top, [("一、", "2024年工作回顾", Part::Review)]);
    assert_eq!(children(&s, "2024年工作回顾").len(), 2);
    // A first line that is a title, numbered or not, stays the title.
    for body in [
        "一、某某镇概况\n全镇面积十平方公里。\n二、2024年工作回顾\n一年来。",
        "2024年工作回顾\n一年来。\n一、2025年工作安排\n明年。",
    ] {
        let s = outline(body, 2024);
        assert!(s.iter().all(|x| x.span.start > 0 || x.level == 0), "{body}: the first line opens no section");
    }
}

/// A text that begins where its plan part does ("2025年是…之年。今年工作的总体要求是…"): its opening
/// is plan, and so is the heading after it that names no part, whose own parent the excerpt lost.
/// (A heading naming another part ends it: `top_part` reads it as before.)
#[test]
fn a_text_opening_on_its_plan_part_is_plan_to_the_next_part() {
    let body = "2025年是青石乡加快发展的攻坚之年。今年工作的总体要求是:坚持稳中求进。\n\
                我乡经济社会发展的主要预期目标是:财政收入增长5%。\n\
                (一)推进乡村全面振兴\n确保粮食播种面积2万亩以上。";
    let s = outline(body, 2024);
    let part_at = |words: &str| {
        let at = body[..body.find(words).unwrap()].chars().count();
        s.iter().filter(|x| x.span.start <= at && at < x.span.end).max_by_key(|x| x.level).map(|x| x.part)
    };
    assert_eq!(part_at("今年工作"), Some(Part::Plan));
    assert_eq!(part_at("确保粮食"), Some(Part::Plan));
    // The year reviewed, said the same way, makes no plan.
    let body = "2024年是极不平凡的一年,全乡完成财政收入3亿元。\n(一)推进乡村全面振兴\n完成粮食播种面积2万亩。";
    let s = outline(body, 2024);
    assert!(s.iter().all(|x| x.part != Part::Plan), "{s:?}");
}
