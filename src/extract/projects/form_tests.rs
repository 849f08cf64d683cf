//! The forms of text the project rules read, each with its expected rows, on made-up sentences of
//! the shape reports use.

use crate::model::Project;
use proptest::prelude::*;

fn run(body: &str) -> Vec<Project> {
    super::extract(&crate::extract::TestReport::new(body).context())
}

fn names(body: &str) -> Vec<String> {
    run(body).into_iter().map(|p| p.name).collect()
}

fn none(bodies: &[&str]) {
    for body in bodies {
        assert!(names(body).is_empty(), "{body}: {:?}", names(body));
    }
}

#[test]
fn a_verb_and_its_object_is_no_project() {
    none(&[
        "全力以赴抓项目、促投资、强产业。",
        "明年青山镇将聚焦重大项目建设和现代服务业。",
        "率先完成项目建设征地拆迁工作任务。",
        "持续推动项目建设,狠抓项目上马。",
        "定期对各项目建设重点进行研究,检查项目实施进展。",
        "围绕经济社会发展各项目标任务,始终坚持把招商引资及项目建设作为头等大事。",
        "健全重大项目推进机制,打通项目落地堵点,瞄准项目招大引强。",
        "掀起大干项目热潮,拥有省级工程3项,扎实做好项目服务。",
        "向上对接,为西岭村争取“百千万”扶持项目。",
        "实施基层党建和新时代千万工程,推进公民道德建设工程。",
        "一年来,我们坚持项目为王,推动高质量发展。",
    ]);
    // A verb that makes a noun with the project word keeps the name.
    assert_eq!(names("加快东湖冷链物流园扩建项目。"), ["东湖冷链物流园扩建项目"]);
}

/// "A、B等开展招商引资和项目建设": a verb after 等 starts what is done with the list, which names
/// goods or trades, not projects; a kind of project after 等 closes a list of projects.
#[test]
fn a_list_closed_by_a_verb_is_no_list_of_projects() {
    none(&["依托茶叶、竹木等特色资源等开展招商和项目服务。"]);
    assert_eq!(names("推进东湖冷链物流园、西岭光伏电站等新建项目。"), ["东湖冷链物流园", "西岭光伏电站"]);
}

#[test]
fn a_counted_kind_is_no_project_but_a_list_closed_by_its_number_is() {
    none(&[
        "全年新签约重特大项目3个、重点项目5个。",
        "全乡范围内建设项目12个,服务采购项目2个。",
        "新增市级以上科技项目4项。",
        "本年协调项目8个,其中3个项目已完工。",
    ]);
    assert_eq!(
        names("依法票决出甲村道路硬化工程、乙村水库除险加固工程共2个项目。"),
        ["甲村道路硬化工程", "乙村水库除险加固工程"]
    );
}

#[test]
fn a_project_word_that_modifies_a_noun_is_no_project() {
    none(&[
        "建立动态招商项目库。",
        "向上争取资金500万元,其中公路项目资金45万元。",
        "目前已完成工程总量的40%。",
        "在生态保护项目方面,投入资金。",
        "将创卫工作与项目谋划紧密结合。",
    ]);
}

#[test]
fn a_list_of_a_town_and_year_is_no_project() {
    none(&[
        "审议了青山镇2024年民生实事项目实施情况的报告和2025年民生实事候选项目的说明。",
        "票决产生了10件青山镇2025年民生实事项目。",
        "2024年西岭乡人民政府民生实事项目实施情况的报告",
    ]);
}

#[test]
fn lead_verbs_time_words_and_sizes_are_dropped() {
    assert_eq!(names("今年以来风电储能项目共投入资金300万元。"), ["风电储能项目"]);
    assert_eq!(names("紧抓东湖冷链物流园项目建设。"), ["东湖冷链物流园项目"]);
    assert_eq!(names("承接西岭水厂扩建工程。"), ["西岭水厂扩建工程"]);
    assert_eq!(names("还有南坪污水处理厂提标工程。"), ["南坪污水处理厂提标工程"]);
    assert_eq!(names("北山湿地公园项目成功入选市重点项目。"), ["北山湿地公园项目"]);
    none(&["确保近12万平方米改造工程顺利实施。", "10月底完成主体工程,配电工程基本完成。"]);
}

#[test]
fn list_marks_subjects_and_prepositions_are_no_part_of_a_name() {
    assert_eq!(names("3. 西岭村道路硬化工程:工程总投资21.5万元"), ["西岭村道路硬化工程"]);
    assert_eq!(names("今年民生实事有两件,分别为南坪村文化广场建设项目。"), ["南坪村文化广场建设项目"]);
    assert_eq!(names("东湖街道紧抓滨江冷链仓储中心、城北充电站等6个产业项目。"), ["滨江冷链仓储中心", "城北充电站"]);
    assert_eq!(names("白音塔拉苏木紧抓牧草加工中心、畜产品冷库等4个产业项目。"), ["牧草加工中心", "畜产品冷库"]);
    assert_eq!(names("甲乙食品有限公司把青山冷冻食品加工项目列为重点。"), ["青山冷冻食品加工项目"]);
    // A word of one character that starts a longer word is part of the name.
    assert_eq!(names("推进宜居宜业和美乡村建设项目。"), ["宜居宜业和美乡村建设项目"]);
    assert_eq!(names("建成西岭村就业帮扶车间项目。"), ["西岭村就业帮扶车间项目"]);
    assert_eq!(
        names("包含“两河”整治提升项目(已于2023年完工)和南湾周边基础设施提升项目。"),
        ["“两河”整治提升项目", "南湾周边基础设施提升项目"]
    );
    assert_eq!(names("总进度达到40%南岭片高标准农田建设项目。"), ["南岭片高标准农田建设项目"]);
    // A town's name before what is not a verb is the facility's, and so is one before a
    // character that is a lead word alone ("和平村").
    assert_eq!(names("南山镇和平村道路硬化工程完工。"), ["南山镇和平村道路硬化工程"]);
    assert_eq!(names("成功获批设立东湖街道产业集聚区。"), ["东湖街道产业集聚区"]);
}

#[test]
fn a_facility_with_its_size_is_a_measure_not_a_name() {
    none(&["新建四好公路8公里。", "建成冷库2座。", "完成50名小学生助学金发放。"]);
    // A facility word after kind words only names a kind; after a place, a facility.
    none(&["二是设立产业集聚区。"]);
    assert_eq!(names("成功获批设立石门街道产业集聚区。"), ["石门街道产业集聚区"]);
}

#[test]
fn the_name_after_an_investment_and_its_verb() {
    let p = run("绿源公司投资300万元新增一条果蔬分拣生产线。");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].name.as_str(), p[0].investment), ("果蔬分拣生产线", Some(300.0)));
    let p = run("投资120万元建成南岭采摘园。");
    assert_eq!((p[0].name.as_str(), p[0].investment), ("南岭采摘园", Some(120.0)));
}

#[test]
fn named_facilities_without_a_project_word() {
    assert_eq!(names("加快建设清河至石门旅游公路(西段)。"), ["清河至石门旅游公路(西段)"]);
    assert_eq!(names("东坡村肉牛养殖基地带动农户增收。"), ["东坡村肉牛养殖基地"]);
    assert_eq!(names("新建云台山观景平台。"), ["云台山观景平台"]);
    assert_eq!(names("南湖湿地公园开园迎客。"), ["南湖湿地公园"]);
    assert_eq!(names("实施“东岭示范、西岭整治”提升工程。"), ["“东岭示范、西岭整治”提升工程"]);
    assert_eq!(names("甲子塘小学建设已全面开工。"), ["甲子塘小学"]);
    assert_eq!(names("青禾冷链物流园入选省重点项目。"), ["青禾冷链物流园"]);
}

#[test]
fn schemes_awards_and_phases_alone_are_no_project() {
    none(&["向上争取农村综合改革项目,获资金80万元。", "本镇一家企业获评2024年重大项目。", "目前二期项目正在推进。"]);
    assert_eq!(names("南湖冷链项目被评为2024年重大项目。"), ["南湖冷链项目"]);
    // An honour makes no project of a facility word before it.
    none(&["东岭金桃基地获评市级精品农产品基地。"]);
}

#[test]
fn a_list_sharing_its_head_gives_each_item() {
    let p = run("建成城东商业、滨江文旅等三大综合体。");
    let n: Vec<_> = p.iter().map(|p| (p.name.as_str(), p.rule)).collect();
    assert_eq!(n, [("城东商业", "shared_head"), ("滨江文旅", "shared_head")]);
    // A count of companies is not a list of facilities, nor is a count of places with a kind.
    none(&["引进甲乙、丙丁等5家企业。", "完成东叶、西圩等6个村居家养老服务照料中心提升改造。"]);
    // Without a count, a list before a facility word names trades, not facilities.
    none(&["做好柑橘、茶叶、蔬菜等产业基地的管护。"]);
}

#[test]
fn a_programme_of_work_is_no_project() {
    none(&["实施乡村人才培育工程。", "实施“党建+网格”体系治理工程。"]);
}

#[test]
fn a_work_after_its_investment_and_verb() {
    let p = run("投入320万元完成2000亩高标准农田及配套设施建设。");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].name.as_str(), p[0].investment), ("高标准农田及配套设施建设", Some(320.0)));
    assert_eq!(p[0].rule, "invested_works");
    let p = run("投资60万元完成东岭小学食堂修缮和投资20万元完成文化广场亮化。");
    let n: Vec<_> = p.iter().map(|p| (p.name.as_str(), p.investment)).collect();
    assert_eq!(n, [("东岭小学食堂修缮", Some(60.0)), ("文化广场亮化", Some(20.0))]);
    let p = run("投资150万元,对西岭敬老院进行适老化提升改造。");
    assert_eq!((p[0].name.as_str(), p[0].investment), ("西岭敬老院适老化提升改造", Some(150.0)));
    // Without a word of what is done, the words after the verb are no project.
    none(&["投入5亿元建设8万平方米镇属物业。"]);
    // A campaign is carried out (开展), not built.
    none(&["投入资金20万元开展人居环境整治。"]);
}

#[test]
fn companies_in_brackets_after_a_count_of_projects() {
    let p = run("引进项目4个(甲源科技、乙禾食品、丙川新材、新宇科技),总投资2亿元。");
    let n: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(n, ["甲源科技", "乙禾食品", "丙川新材", "新宇科技"]);
    assert!(p.iter().all(|p| p.rule == "bracketed"), "{p:?}");
    // The group's investment is no one item's.
    assert!(p.iter().all(|p| p.investment.is_none()), "{p:?}");
}

#[test]
fn an_attributive_amount_is_the_projects_and_a_groups_total_is_none() {
    let p = run("成功引进总投资800万元的青禾农产品加工项目。");
    assert_eq!((p[0].name.as_str(), p[0].investment), ("青禾农产品加工项目", Some(800.0)));
    let p = run("实施河道清淤、村道拓宽等5个项目,总投资900万元。");
    assert_eq!(p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["河道清淤", "村道拓宽"]);
    assert!(p.iter().all(|p| p.investment.is_none()), "{p:?}");
}

/// The end of the category after the 等 at character `at`, as the expression the reader
/// replaced finds it in the clause up to character `ce`.
fn category_by_expression(chars: &crate::extract::Chars, at: usize, ce: usize) -> Option<usize> {
    let t = super::project_words();
    let words: Vec<String> = t.strong_suffixes.iter().chain(&t.weak_suffixes).map(|w| regex::escape(w)).collect();
    let closer = regex::Regex::new(&format!(r"^等[^、等]{{0,{}}}?({})", super::CATEGORY_LEAD, words.join("|")))
        .expect("valid regex");
    let m = closer.find(chars.str(at, ce))?;
    Some(at + m.as_str().chars().count())
}

/// The category that closes an enumeration is read as the expression reads it: at every 等 of
/// made-up clauses, and of the clauses cut one character short.
#[test]
fn a_category_after_deng_is_what_the_expression_finds() {
    let texts = [
        "修缮村道、河堤等8个项目",
        "东区、西区等三大综合体",
        "甲、乙等一批基础设施项目",
        "甲等等项目,乙等、项目",
        "甲等一二三四五六七八九十一二三四项目",
        "甲等一二三四五六七八九十一二三四五项目",
        "甲等养殖基地,乙等基地,丙等养殖基",
        "等项目等工程等中心等",
    ];
    for text in texts {
        let chars = crate::extract::Chars::new(text);
        for ce in [chars.len(), chars.len().saturating_sub(1)] {
            for at in (0..ce).filter(|&k| chars[k] == '等') {
                assert_eq!(
                    super::category_after(&chars, at, ce),
                    category_by_expression(&chars, at, ce),
                    "{text} {at}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// The category reader reads any text as the expression does, at every 等 and every clause
    /// end after it.
    #[test]
    fn a_category_is_read_as_the_expression_reads_it(
        parts in proptest::collection::vec(prop::sample::select(vec![
            "等", "、", "项目", "项", "目", "工程", "养殖基地", "养殖", "基地", "基", "综合体", "市场",
            "农贸市场", "中心", "8个", "三大", "一批", "甲", ",", "x", "𠀀",
        ]), 0..24)
    ) {
        let text = parts.concat();
        let chars = crate::extract::Chars::new(&text);
        for at in (0..chars.len()).filter(|&k| chars[k] == '等') {
            for ce in at + 1..=chars.len() {
                let read = super::category_after(&chars, at, ce);
                prop_assert_eq!(read, category_by_expression(&chars, at, ce), "{} {} {}", text, at, ce);
            }
        }
    }

    /// No project rule panics on any text, however its project words, counts, brackets and
    /// amounts are mixed.
    #[test]
    fn no_project_rule_panics(
        parts in proptest::collection::vec(prop_oneof![
            "\\PC{0,6}",
            prop::sample::select(vec![
                "项目", "工程", "公路", "基地", "观景平台", "小学", "生", "、", "等", "的", "(", ")",
                "段", "投资", "120", "万元", "个", "3", "共", "抓", "对", "和", "镇", "2024年",
                "“", "”", ",", "。", "资金", "库", "平方米", "一条", "新建", "完成",
            ]).prop_map(str::to_string),
        ], 0..40)
    ) {
        let _ = run(&parts.concat());
    }
}

/// "甲村、乙村某某基地项目": a bare place before the comma shares the head of the name after it,
/// which opens with a place of the same kind; a name before the comma, or a place of another kind,
/// is an item of its own.
#[test]
fn a_bare_place_before_a_name_shares_its_head() {
    let p = run("积极谋划北坪村高标准农田项目和东塘村、西塘村油茶种植基地项目。");
    let n: Vec<_> = p.iter().map(|p| (p.name.as_str(), p.rule)).collect();
    assert_eq!(n, [("北坪村高标准农田项目", "named"), ("东塘村、西塘村油茶种植基地项目", "shared_place")]);
    assert_eq!(
        names("做好青山大桥重建、长安路西延以及南湖路、解放东路城市道路提档升级等县级工程项目的服务保障。"),
        ["青山大桥重建", "长安路西延", "南湖路、解放东路城市道路提档升级"]
    );
    // The item before the comma names what is built there, or is another kind of place.
    assert_eq!(names("推进东塘村道路硬化、西塘村油茶种植基地项目。"), ["西塘村油茶种植基地项目"]);
    assert_eq!(names("推进东塘社区、西塘村油茶种植基地项目。"), ["西塘村油茶种植基地项目"]);
}

/// "两区两基地", "三园一中心": a slogan of numbered parts names no project, quoted or not.
#[test]
fn a_slogan_of_numbered_parts_is_no_project() {
    none(&["聚焦“两区两基地”建设,推进产业升级。", "加快三园一中心建设。"]);
    // A name holding a count is still a name.
    assert_eq!(names("加快建设东湖二期安置小区。"), ["东湖二期安置小区"]);
}

/// A bracket after a figure that says what it includes ("(含物流园区)") names no project, and a
/// name read back from inside a bracket starts after it.
#[test]
fn a_name_stays_inside_its_bracket() {
    none(&["完成规上工业总产值10.7亿元(含物流园区),同比增长12%。"]);
    assert_eq!(names("推进重点工程(东湖冷链物流园项目)建设。"), ["东湖冷链物流园项目"]);
}
