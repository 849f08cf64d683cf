//! Growth phrases: the forms they take, the reader against the grammar's regular expression, and
//! the search around units against a search of the whole text.

use super::*;

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
fn growth_of_another_subject_is_not_taken() {
    let t = "完成投资5亿元,税收同比增长10%";
    let q = &quantities(t)[0];
    assert_eq!(growth_after(t, q.end), None);
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

/// The growth grammar's regular expression, anchored at the start.
fn growth_pattern() -> Regex {
    Regex::new(&format!("^(?:{})", growth_grammar::growth_pattern())).expect("the growth pattern is valid")
}

/// The parts the growth grammar's regular expression reads at the start of `hay`.
fn pattern_growth_parts(re: &Regex, hay: &str) -> Option<growth_grammar::GrowthParts> {
    let caps = re.captures(hay)?;
    let part = |name: &str| caps.name(name).map(|m| (m.start(), m.end()));
    Some(growth_grammar::GrowthParts {
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
    let re = Regex::new(&growth_grammar::growth_pattern()).expect("the growth pattern is valid");
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
            assert_eq!(growth_grammar::growth_parts(hay), pattern_growth_parts(&re, hay), "{hay}");
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
            proptest::prop_assert_eq!(growth_grammar::growth_parts(hay), pattern_growth_parts(&re, hay), "{}", hay);
        }
        proptest::prop_assert_eq!(growths(&text), pattern_growths(&text), "{}", text);
    }
}

/// Where the growth expression matches in a whole text, left to right.
fn whole_text_matches(text: &str) -> Vec<(usize, usize)> {
    let re = Regex::new(&growth_grammar::growth_pattern()).expect("the growth pattern is valid");
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
