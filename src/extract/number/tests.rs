//! Unit tests of `number`.

use super::*;

/// The shortcut refuses only numerals the pattern and reader refuse too.
#[test]
fn surely_unitless_numerals_are_never_read() {
    let texts = [
        "进一步统一思想,一是抓好三个一批,第十五届,2024年,5-8分钟,一百二十三户,十余家,逾万人次,两百万余元",
        "增长23.75%,74.23亿元,7526万元,33.34万,5千亩,110千伏,一二三,十五个百分点,3 个月,2.5/吨,五以上",
        "一 二 三,1.2.3,九十,七成,六/天,八至九,四左右,二〇二四,9９,一x,一\n个",
    ];
    for text in texts {
        for (at, _) in text.char_indices() {
            if surely_unitless(text, at) {
                assert_eq!(read_at(text, at), None, "{text} at {at}");
            }
        }
    }
}

fn one(text: &str) -> Quantity {
    let all = quantities(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all[0].quantity.clone()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0))
}

#[test]
fn arabic_with_multiplier_folds_into_base() {
    let q = one("村集体经济总收入达7526万元");
    assert_eq!((q.value, q.unit.as_str()), (Some(7526.0), "万元"));
    assert!(close(q.value_base, 75_260_000.0));
    assert_eq!(q.unit_base, "元");
    let q = one("达到74.23亿元");
    assert_eq!((q.value, q.unit.as_str()), (Some(74.23), "亿元"));
    assert!(close(q.value_base, 7_423_000_000.0));
}

#[test]
fn chinese_numeral_with_multiplier_and_qualifier() {
    let q = one("带动直接消费两百万余元");
    assert_eq!((q.value, q.unit.as_str(), q.qualifier.as_deref()), (Some(200.0), "万元", Some("余")));
    assert!(close(q.value_base, 2_000_000.0));
    let q = one("完成一百二十三个");
    assert_eq!((q.value, q.unit.as_str()), (Some(123.0), "个"));
    assert!(close(q.value_base, 123.0));
    let q = one("大型活动十余场");
    assert_eq!((q.value, q.unit.as_str(), q.qualifier.as_deref()), (Some(10.0), "场", Some("余")));
}

#[test]
fn us_dollars_stay_dollars() {
    let q = one("引进外资1.5万美元");
    assert_eq!((q.value, q.unit.as_str(), q.unit_base.as_str()), (Some(1.5), "万美元", "美元"));
    assert!(close(q.value_base, 15_000.0));
}

#[test]
fn plain_units_and_measure_words() {
    let q = one("农业种植业总产26452.34吨");
    assert_eq!((q.value, q.unit.as_str()), (Some(26452.34), "吨"));
    assert!(close(q.value_base, 26452.34));
    let q = one("培训受众达213人次");
    assert_eq!(q.unit, "人次");
    let q = one("日均游客105万余人");
    assert_eq!((q.value, q.unit.as_str(), q.qualifier.as_deref()), (Some(105.0), "万人", Some("余")));
    assert!(close(q.value_base, 1_050_000.0));
    assert_eq!(q.unit_base, "人");
}

#[test]
fn counts_keep_their_measure_word_in_base() {
    assert_eq!(to_base(Some(1.0), "万人次"), (Some(10_000.0), "人次".to_string()));
    assert_eq!(to_base(Some(2.4), "万件"), (Some(24_000.0), "件".to_string()));
    assert_eq!(to_base(Some(3.0), "千万元"), (Some(30_000_000.0), "元".to_string()));
    assert_eq!(to_base(Some(27.9), "%"), (Some(27.9), "%".to_string()));
    assert_eq!(to_base(Some(2.7), "个百分点"), (Some(2.7), "个百分点".to_string()));
    assert_eq!(to_base(Some(600.0), "平米"), (Some(600.0), "平方米".to_string()));
}

#[test]
fn bare_multiplier_is_its_own_unit() {
    // The text writes 万 and 亿 without 元: the unit is kept as written.
    let q = quantities("全年办公经费33.34万,同比下降9.9%")[0].quantity.clone();
    assert_eq!((q.value, q.unit.as_str(), q.unit_base.as_str()), (Some(33.34), "万", ""));
    assert!(close(q.value_base, 333_400.0));
    let q = one("继2023年突破60亿大关");
    assert_eq!((q.value, q.unit.as_str(), q.qualifier.as_deref()), (Some(60.0), "亿", Some("突破")));
}

#[test]
fn multiplier_without_numeral_after_qualifier() {
    let q = one("日均观众逾万人次");
    assert_eq!((q.value, q.unit.as_str(), q.qualifier.as_deref()), (Some(1.0), "万人次", Some("逾")));
    assert!(close(q.value_base, 10_000.0));
    assert!(quantities("制造业亿元以上投资项目").is_empty());
    assert!(quantities("“八大百亿”项目").is_empty());
}

#[test]
fn qualifiers_before_and_after() {
    assert_eq!(one("税收收入约3.77亿元").qualifier.as_deref(), Some("约"));
    assert_eq!(one("完成进度超过80%").qualifier.as_deref(), Some("超过"));
    assert_eq!(one("近3000人").qualifier.as_deref(), Some("近"));
    assert_eq!(one("收入达15万元以上").qualifier.as_deref(), Some("以上"));
    assert_eq!(one("市场主体已突破3.5万家").qualifier.as_deref(), Some("突破"));
    assert_eq!(one("800余人参赛").qualifier.as_deref(), Some("余"));
    assert_eq!(one("30多个").qualifier.as_deref(), Some("多"));
}

#[test]
fn span_covers_qualifier_and_unit_in_characters() {
    let text = "税收收入约3.77亿元,同比增长63%";
    let f = &quantities(text)[0];
    assert_eq!(&text[f.start..f.end], "约3.77亿元");
    let chars: String =
        text.chars().skip(f.quantity.span.start).take(f.quantity.span.end - f.quantity.span.start).collect();
    assert_eq!(chars, "约3.77亿元");
}

#[test]
fn ranges_have_bounds_and_no_value() {
    let q = one("出警时间缩短至5-8分钟");
    assert_eq!((q.value, q.value_min, q.value_max, q.unit.as_str()), (None, Some(5.0), Some(8.0), "分钟"));
    assert_eq!(q.value_base, None);
}

#[test]
fn glued_numbers_give_two_values() {
    let all = quantities("占比57.2%22.3%");
    let v: Vec<_> = all.iter().map(|f| (f.quantity.value, f.quantity.unit.clone())).collect();
    assert_eq!(v, vec![(Some(57.2), "%".to_string()), (Some(22.3), "%".to_string())]);
}

#[test]
fn years_dates_ordinals_and_slogans_are_not_quantities() {
    assert!(quantities("2024年1-11月").is_empty());
    assert!(quantities("2023年度").is_empty());
    assert!(quantities("湖镇镇第十五届人民代表大会第七次会议").is_empty());
    assert!(quantities("构建“3113”工作体系和“141”体系").is_empty());
    assert!(quantities("推进“三个一批”").is_empty());
    assert!(quantities("1.加强组织").is_empty());
}

#[test]
fn growth_forms() {
    let t = "达到74.23亿元,同比增长23.75%";
    let g = growth_after(t, t.find(',').unwrap_or(0)).expect("growth");
    assert_eq!(g.pct, Some(23.75));
    let t = "村集体经济总收入达7526万元,较去年增长5.5%";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end).and_then(|g| g.pct), Some(5.5));
    let t = "办公经费33.34万,同比下降9.9%";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end).and_then(|g| g.pct), Some(-9.9));
    let t = "外贸进出口总额同比增长74倍";
    assert_eq!(growths(t)[0].multiple, Some(74.0));
    let t = "比重27.9%,比重同比提高2.7个百分点";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end).and_then(|g| g.pp), Some(2.7));
    let t = "营业收入达到9803万元,同比增长超700%";
    let q = &quantities(t)[0];
    let g = growth_after(t, q.end).expect("growth");
    assert_eq!((g.pct, g.qualifier.as_deref()), (Some(700.0), Some("超")));
    let t = "工业投资1.48亿元创下历史新高,同比增速102%";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end).and_then(|g| g.pct), Some(102.0));
    let t = "游客数达105万余人、同比去年增长27.36%";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end).and_then(|g| g.pct), Some(27.36));
    // A sign after the comparison word stands for the verb; a bare sign does not.
    let t = "税收收入3亿元,同比-4.5%";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end).and_then(|g| g.pct), Some(-4.5));
    assert!(growths("完成率-3%").is_empty());
}

#[test]
fn pages_that_space_their_figures_are_read_alike() {
    // Some sites put a space between a number and its multiplier, qualifier or unit.
    let t = "全乡完成税收 2350 万元,同比增长 12.5 %";
    let q = &quantities(t)[0];
    assert_eq!((q.quantity.value, q.quantity.unit.as_str()), (Some(2350.0), "万元"));
    assert_eq!(growth_after(t, q.end).and_then(|g| g.pct), Some(12.5));
    let q = one("走访群众 40 余户");
    assert_eq!((q.value, q.unit.as_str(), q.qualifier.as_deref()), (Some(40.0), "户", Some("余")));
}

#[test]
fn growth_of_another_subject_is_not_taken() {
    let t = "完成投资5亿元,税收同比增长10%";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end), None);
}

#[test]
fn chinese_numerals() {
    assert_eq!(crate::text::markers::chinese_value("一百二十三"), Some(123.0));
    assert_eq!(crate::text::markers::chinese_value("两百"), Some(200.0));
    assert_eq!(crate::text::markers::chinese_value("十五"), Some(15.0));
    assert_eq!(crate::text::markers::chinese_value("三千零五"), Some(3005.0));
    assert_eq!(crate::text::markers::chinese_value("一二三"), None);
    assert_eq!(crate::text::markers::chinese_value("十十"), None);
}

#[test]
fn never_panics_on_odd_input() {
    for t in ["", "万", "逾", "1-", "5-3分钟", "..1.2.3%", "一二三四五六七八九十百千万亿", "达到\u{0}9亿元,增长"]
    {
        let _ = quantities(t);
        let _ = growths(t);
        for b in 0..=t.len() {
            let _ = quantity_at(t, b);
            let _ = growth_after(t, b);
        }
    }
}

#[test]
fn spans_do_not_depend_on_what_was_read_before() {
    // Two texts of the same length read one after the other from the same buffer, with
    // different numbers of characters before their figure: each span counts its own text.
    let mut buf = String::with_capacity(64);
    buf.push_str("甲乙丙丁产值3亿元");
    assert_eq!(quantities(&buf)[0].quantity.span, Span::new(6, 9));
    buf.clear();
    buf.push_str("abcdefghijkl产值3亿元");
    assert_eq!(quantity_at(&buf, 18).map(|f| f.quantity.span), Some(Span::new(14, 17)));
    assert_eq!(quantities(&buf)[0].quantity.span, Span::new(14, 17));
}

#[test]
fn rate_items_of_a_list() {
    let text = "分别增长6%、-9.5%和2个百分点以上";
    let first = text.find('、').unwrap();
    let a = rate_item_at(text, first).expect("、-9.5%");
    assert_eq!((a.sep, a.value, a.signed, a.points), (Some('、'), -9.5, true, false));
    let b = rate_item_at(text, a.end).expect("和2个百分点以上");
    assert_eq!((b.sep, b.value, b.points, b.qualifier.as_deref()), (Some('和'), 2.0, true, Some("以上")));
    assert_eq!(&text[b.start..b.end], "和2个百分点");
    assert_eq!(b.end_with_qualifier, text.len());
    assert_eq!(rate_item_at(text, 0), None, "no rate starts a word");
}

/// The parts the regular expression of the grammar captures at the start of `hay`.
fn pattern_parts(re: &Regex, hay: &str) -> Option<Parts> {
    let caps = re.captures(hay)?;
    let part = |name: &str| caps.name(name).map(|m| (m.start(), m.end()));
    Some(Parts {
        end: caps.get(0).map_or(0, |m| m.end()),
        num: part("num"),
        num2: part("num2"),
        cn: part("cn"),
        bare: part("bare"),
        q1: part("q1"),
        mult: part("mult"),
        q2: part("q2"),
        unit: part("unit"),
        per: part("per"),
        post: part("post"),
    })
}

/// The reader and the grammar's regular expression read the same parts at every character of
/// sentences written to cross each rule: ranges, spaces, decimals, stacked multipliers, units
/// that share a start, per-units, qualifiers, other scripts' digits.
#[test]
fn reader_reads_what_the_grammar_says() {
    let re = quantity_pattern();
    let texts = [
        "规上工业产值达到74.23亿元,同比增长23.75%,新增企业12家,投资5 - 8万元,5 至 8 个月",
        "两百万余元,三千万元,十余家,逾万人次,上百家,近千万元,一百二十三户,九十九个百分点",
        "5千亩,110千伏,33.34万,5.元,5..3吨,3 个月,3  个,2.5/吨,12元/平方米,8元/公斤,6/天",
        "5-8分钟,5~8人,5—8次,5–8,5到8年,5 -3,5- 3,5-\u{3000}3,5\u{3000}-3,1.2.3,9９,٣٤ 万元",
        "500万亿元,3百万,3千万吨,二〇二四年,一x,一\n个,五以上,四左右,8万多人,8多万人,8余万元以下",
        "5-x,5 至 年,5~.8,1000平米,2平方公里,3平方千米,4立方米,5公顷,6千瓦时,7千瓦,8兆瓦,9千克,10美元,11个季度",
    ];
    for text in texts {
        for (at, _) in text.char_indices() {
            let hay = &text[at..];
            assert_eq!(parts(hay), pattern_parts(&re, hay), "{hay}");
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]

    /// Any text of the grammar's own characters (and some others) is read alike by the reader and
    /// the grammar's regular expression.
    #[test]
    fn reader_equals_the_grammar_on_any_text(
        text in "[0-9٣.\\- ~—–至到\u{3000}一二两三四五六七八九十零百千万亿余多个人元平方米公里吨亩/以上下左右年次x]{0,16}"
    ) {
        let re = quantity_pattern();
        for (at, _) in text.char_indices() {
            let hay = &text[at..];
            proptest::prop_assert_eq!(parts(hay), pattern_parts(&re, hay), "{}", hay);
        }
    }
}

/// Where one word of a list starts another, the longer is listed first: the grammars' regular
/// expressions take the first that fits, the readers the longest, and the two agree.
#[test]
fn longer_units_come_before_the_units_they_start_with() {
    use growth::*;
    let growth_lists = [
        COMPARISONS,
        YEAR_COMPARED,
        PERIOD_COMPARED,
        PERIODS,
        VERBS,
        LINKS,
        RATE_QUALIFIERS,
        SIGNS,
        RATE_UNITS,
        RATE_POST,
    ];
    for list in [UNITS, MULTIPLIERS, PER_UNITS, POST_QUALIFIERS, RANGE_MARKS].into_iter().chain(growth_lists) {
        for (i, short) in list.iter().enumerate() {
            for long in &list[i + 1..] {
                assert!(!long.starts_with(short), "{long} is listed after {short}");
            }
        }
    }
}

#[test]
fn chinese_digits_are_the_listed_ones() {
    for c in ('\u{4e00}'..='\u{9fff}').chain("0123456789万亿".chars()) {
        assert_eq!(is_cn_digit(c), CN_DIGITS.contains(c), "{c}");
    }
}

/// The growth grammar's regular expression, anchored at the start.
fn growth_pattern() -> Regex {
    Regex::new(&format!("^(?:{})", growth::growth_pattern())).expect("the growth pattern is valid")
}

/// The parts the growth grammar's regular expression reads at the start of `hay`.
fn pattern_growth_parts(re: &Regex, hay: &str) -> Option<growth::GrowthParts> {
    let caps = re.captures(hay)?;
    let part = |name: &str| caps.name(name).map(|m| (m.start(), m.end()));
    Some(growth::GrowthParts {
        end: caps.get(0).map_or(0, |m| m.end()),
        cmp: part("cmp"),
        verb: part("verb"),
        pre: part("pre"),
        sign: part("sign"),
        num: part("num"),
        unit: part("unit"),
        post: part("post"),
    })
}

/// Every growth phrase the regular expression finds in `text`, left to right, as [`growths`] reads
/// them.
fn pattern_growths(text: &str) -> Vec<Growth> {
    let re = Regex::new(&growth::growth_pattern()).expect("the growth pattern is valid");
    let anchored = growth_pattern();
    re.find_iter(text)
        .filter_map(|m| {
            let p = pattern_growth_parts(&anchored, &text[m.start()..])?;
            growth::read_growth(text, m.start(), &p)
        })
        .collect()
}

/// The growth reader and the grammar's regular expression read the same parts at every character
/// of sentences written to cross each rule: comparisons that start one another, years and notes in
/// brackets, verbs tried in order, links and qualifiers, signs, spaces, decimals, Chinese numerals
/// that run into a unit (三百分点), other scripts' digits.
#[test]
fn growth_reader_reads_what_the_grammar_says() {
    let re = growth_pattern();
    let texts = [
        "同比增长23.75%,同比去年增长27.36%,较去年同期下降9.9%,与去年同期相比增加5个百分点,比上年提高2.7个百分点",
        "较2023年增长5%,比2023年同期下降3%,与2019年相比增加8%,较2023年相比增长6%,比20二三年增长1%,较2٣23年增长2%",
        "较去年同期(按可比价计算)增长8.1%,比上年同期()增长1%,较去年同期(一二三四五六七八九十一二三四五六七八九十一二三四五)增长2%",
        "分别增长12%、8%,同比分别下降3.5%,增幅为15%,增幅15%,增速为9%,增为20%,增了3倍,增长了达到超过50%以上",
        "提高三百分点,提升十百分点,上升三十个百分点,增长两成,下滑四成左右,回落5 %,缩减 6%,压减7.5.%,压缩8..5%",
        "同比-6.2%,同比+3%,同比−1%,-6.2%,增长-3%,降低约20%多,降幅为近10%,减少逾1000%,增加值增长10%",
        "增长,增长%,增长五,增长5.,同比增,较去年同期(未闭合增长3%,降 3 %,增长\u{3000}3%,5同比增长3%",
    ];
    for text in texts {
        for (at, _) in text.char_indices() {
            let hay = &text[at..];
            assert_eq!(growth::growth_parts(hay), pattern_growth_parts(&re, hay), "{hay}");
        }
        assert_eq!(growths(text), pattern_growths(text), "{text}");
    }
}

/// The slots of a growth phrase and what random texts put in each: the grammar's words, nothing,
/// and words of other slots or none, so that most texts hold phrases and many are broken.
const GROWTH_SLOTS: &[&[&str]] = &[
    &[
        "",
        "同比",
        "同比去年",
        "较去年同期",
        "与去年同期相比",
        "比上年",
        "较2023年",
        "比19٣3年同期",
        "与2024年相比",
        "较去年同期(按可比价)",
        "比上年同期()",
        "增",
    ],
    &["", "", "", "分别", "了"],
    &["", "增长", "增", "增幅为", "增幅", "下降", "降", "回落", "压缩", "-", "+", "−", "达"],
    &["", "", "了", "为"],
    &["", "", "达到", "达", "为", "约"],
    &["", "", "超过", "超", "约", "近", "逾", "-"],
    &["", "", " ", "\u{3000}"],
    &["5", "23.75", "5.", "7.5.", "٣", "三", "三十", "十", "两百", "一千", "x", "", "同比增长"],
    &["", "", " "],
    &["%", "倍", "个百分点", "百分点", "成", "分点", "", "个"],
    &["", "", "以上", "左右", "多", "以"],
    &["", ",", "、", "x", "5"],
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]

    /// Texts of growth phrases, whole and broken (see [`GROWTH_SLOTS`]), are read alike by the
    /// reader and the grammar's regular expression, at every character and from left to right.
    #[test]
    fn growth_reader_equals_the_grammar_on_any_text(
        phrases in proptest::collection::vec(
            GROWTH_SLOTS.iter().map(|slot| proptest::sample::select(*slot)).collect::<Vec<_>>(),
            1..4,
        )
    ) {
        let text: String = phrases.concat().concat();
        let re = growth_pattern();
        for (at, _) in text.char_indices() {
            let hay = &text[at..];
            proptest::prop_assert_eq!(growth::growth_parts(hay), pattern_growth_parts(&re, hay), "{}", hay);
        }
        proptest::prop_assert_eq!(growths(&text), pattern_growths(&text), "{}", text);
    }
}

/// Where the growth expression matches in a whole text, left to right.
fn whole_text_matches(text: &str) -> Vec<(usize, usize)> {
    let re = Regex::new(&growth::growth_pattern()).expect("the growth pattern is valid");
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// The growth phrases are searched for only around the units written after a number: the same
/// matches as a search of the whole text, on the sample reports.
#[test]
fn growth_search_around_units_finds_what_the_whole_text_holds() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut phrases = 0;
    for entry in std::fs::read_dir(&corpus).expect("corpus") {
        let path = entry.expect("entry").path();
        let text = crate::text::fold::fold_str(&std::fs::read_to_string(&path).expect("utf-8 report"));
        let want = whole_text_matches(&text);
        assert_eq!(growths_and_matches(&text).1, want, "{}", path.display());
        phrases += want.len();
    }
    assert!(phrases > 50, "{phrases} growth phrases in the sample reports");
}

/// What stands between phrases in [`growth_search_around_units_equals_the_whole_text_search`]:
/// units and numerals that are no phrase's, sentence and line ends, brackets, spaces, words, and
/// a phrase near the longest the expression takes (a note of 24 characters of four bytes each
/// before the number, the longest unit and a qualifier after it).
const GROWTH_FILLERS: &[&str] = &[
    "",
    "工作",
    "完成",
    "成",
    "百",
    "个",
    "5",
    "三",
    "倍",
    "%",
    "。",
    "\n",
    "(",
    ")",
    " ",
    "同比",
    "增长",
    "x",
    "较去年同期(𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀)分别增长了达到超过 5个百分点左右",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]

    /// Growth phrases, whole and broken, apart by fillers long and short: the search around the
    /// units finds the matches a search of the whole text finds.
    #[test]
    fn growth_search_around_units_equals_the_whole_text_search(
        pieces in proptest::collection::vec(
            (
                GROWTH_SLOTS.iter().map(|slot| proptest::sample::select(*slot)).collect::<Vec<_>>(),
                proptest::collection::vec(proptest::sample::select(GROWTH_FILLERS), 0..60),
            ),
            1..6,
        )
    ) {
        let text: String = pieces.iter().map(|(phrase, filler)| phrase.concat() + &filler.concat()).collect();
        proptest::prop_assert_eq!(growths_and_matches(&text).1, whole_text_matches(&text), "{}", text);
    }
}
