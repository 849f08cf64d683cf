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
    assert_eq!(to_base(Some(1.0), "万人次"), (Some(10_000.0), CompactString::from("人次")));
    assert_eq!(to_base(Some(2.4), "万件"), (Some(24_000.0), CompactString::from("件")));
    assert_eq!(to_base(Some(3.0), "千万元"), (Some(30_000_000.0), CompactString::from("元")));
    assert_eq!(to_base(Some(27.9), "%"), (Some(27.9), CompactString::from("%")));
    assert_eq!(to_base(Some(2.7), "个百分点"), (Some(2.7), CompactString::from("个百分点")));
    assert_eq!(to_base(Some(600.0), "平米"), (Some(600.0), CompactString::from("平方米")));
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
    assert_eq!(v, vec![(Some(57.2), CompactString::from("%")), (Some(22.3), CompactString::from("%"))]);
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
    use growth_grammar::*;
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

mod growth_phrases;

/// Every character that may start a number is a digit or a character of three bytes in a block
/// marked as holding an opening: the search steps over no opening. It fails when an opening is
/// added to `may_start_number` and not to the blocks, or is neither a digit nor of three bytes.
#[test]
fn every_opening_is_marked_by_its_first_byte() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| may_start_number(c)) {
        let mut buf = [0; 4];
        let marked = match *c.encode_utf8(&mut buf).as_bytes() {
            [b0, b1, _] => OPENING_BLOCKS[usize::from(b0 & 0x0F)] >> (b1 & 0x3F) & 1 != 0,
            _ => c.is_ascii_digit(),
        };
        assert!(marked, "{c}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]
    /// The byte search finds the first character, from any boundary, that may start a number, as a
    /// search character by character does, over texts of numerals, their neighbours in the code
    /// table (the same first byte) and any other characters.
    #[test]
    fn the_byte_search_finds_the_first_opening(
        text in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec!['一', '丁', '两', '百', '皆', '四', '囚', '十', '千', '卅', '5', 'a', ' ', '。']),
                proptest::char::range('\u{4E00}', '\u{9FFF}'),
                proptest::char::any(),
            ],
            0..48,
        ),
        from in 0usize..64,
    ) {
        let text: String = text.into_iter().collect();
        let pos = text.char_indices().map(|(i, _)| i).nth(from).unwrap_or(text.len());
        let expected = text[pos..].char_indices().find(|&(_, c)| may_start_number(c)).map(|(i, _)| pos + i);
        proptest::prop_assert_eq!(next_number_start(&text, pos), expected);
    }
}
