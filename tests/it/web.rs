//! Real web pages of many provinces (tests/fixtures/web: reports, summaries, plans, half-year
//! reports, news items and interpretations, traditional-script mirrors, watermarked reposts)
//! against their hand-written gold (tests/gold/web), scored by tests/gold/eval.py.

use crate::util::{root, sample_fact_names, score_web_pages};

/// The metadata fields a user reads from every report.
const FIELDS: [&str; 9] =
    ["town", "kind", "review_year", "plan_year", "title", "delivered_on", "published_on", "meeting", "speaker"];

#[test]
fn every_web_page_loads_nearly_all_as_the_kind_their_gold_gives() {
    let (score, _, _) = score_web_pages();
    assert_eq!(score["missing_reports"], serde_json::json!([]), "pages not loaded");
    // Measured on the 94 pages: 90 of the gold's kind (0.957; a street's year-end article under a
    // headline that names no review, a plan part mirrored with a pinyin gloss after its
    // characters and a news site's year-to-date article load as `other`, a news item on a street's
    // mid-year meeting as `half_year_report`).
    let kind = score["meta"]["kind"].as_f64().unwrap_or(0.0);
    assert!(kind >= 0.937, "kinds right on {kind} of the pages: {}", score["meta"]);
}

#[test]
fn web_metadata_is_right_on_nearly_every_page() {
    let (score, _, _) = score_web_pages();
    for field in FIELDS {
        let accuracy = score["meta"][field].as_f64().unwrap_or(0.0);
        // Measured on the 94 pages: 0.904 (the review year) to 0.979 (the publication date).
        assert!(accuracy >= 0.884, "{field} right on {accuracy} of the web pages: {}", score["meta"]);
    }
    assert_eq!(score["provenance_bad"].as_i64(), Some(0), "quotes differ from the body at their span");
}

#[test]
fn web_facts_hold_their_measured_level() {
    let (score, _, _) = score_web_pages();
    // Measured on the 94 pages: indicators P 0.954 R 0.966, targets P 0.976 R 0.954, projects
    // P 0.923 R 0.911, top-level sections P 0.877 R 0.781. The bars sit 0.02 below: a change that
    // loses more fails.
    for (kind, p_min, r_min) in [
        ("indicators", 0.934, 0.946),
        ("targets", 0.956, 0.934),
        ("projects", 0.903, 0.891),
        ("top_sections", 0.857, 0.761),
    ] {
        let (p, r) = crate::util::precision_recall(score, kind);
        assert!(p >= p_min && r >= r_min, "{kind} P {p} R {r} below {p_min}/{r_min}: {}", score["scores"][kind]);
    }
    // Names similar to the gold's on 756 of 789 matched indicators (0.958); comparators right on
    // 121 of 124 matched targets (0.976).
    let e = &score["extra"];
    let share = |ok: &str, n: &str| e[ok].as_f64().unwrap_or(0.0) / e[n].as_f64().unwrap_or(1.0).max(1.0);
    assert!(share("ind_name_ok", "ind_name_n") >= 0.938, "indicator names: {e}");
    assert!(share("tgt_cmp_ok", "tgt_cmp_n") >= 0.956, "target comparators: {e}");
}

#[test]
fn towns_resolve_where_the_page_names_their_county_or_city() {
    let (_, towns, _) = score_web_pages();
    let mut checked = 0;
    for [file, resolution, county, city] in towns {
        let file = file.as_deref().expect("source path");
        let stem = file.trim_end_matches(".txt");
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(format!("tests/gold/web/{stem}.json"))).expect("gold file"),
        )
        .expect("gold JSON");
        if gold["town"].is_null() {
            continue; // the page hides its town's name
        }
        let text = std::fs::read_to_string(root().join("tests/fixtures/web").join(file)).expect("fixture");
        // Where the page itself writes the county or the city (in full or without its level word).
        let named = ["county", "city"].iter().filter_map(|k| gold[*k].as_str()).find(|name| {
            let short = name.trim_end_matches(['县', '市', '区']);
            text.contains(name) || (short.chars().count() >= 2 && text.contains(short))
        });
        let Some(named) = named else { continue };
        checked += 1;
        assert!(
            matches!(resolution.as_deref(), Some("unique" | "context")),
            "{file}: the page names {named}, the town is left {resolution:?}"
        );
        let got = [county.as_deref(), city.as_deref()];
        assert!(got.contains(&Some(named)), "{file}: the page names {named}, the town resolves to {got:?}");
    }
    assert!(checked >= 10, "only {checked} pages name their county or city");
}

/// Why a fact's name is not the thing measured, if it is not: no word at all, a bracket or quote
/// left open, a 的 or a clause mark at an end, or only a function word or a verb.
fn name_defect(name: &str) -> Option<&'static str> {
    #[rustfmt::skip]
    const EMPTY_WORDS: [&str; 47] = [
        "的", "了", "和", "及", "与", "或", "等", "是", "为", "在", "于", "对", "将", "已", "也", "又", "还", "把",
        "被", "从", "由", "向", "到", "达到", "实现", "完成", "增加", "增长", "提高", "提升", "新增", "累计", "共",
        "其中", "同比", "比", "较", "组织", "开展", "推进", "实施", "加快推进", "持续", "进行", "共计", "共有", "有",
    ];
    let n = name.trim();
    let count = |c: char| n.chars().filter(|&x| x == c).count();
    if !n.chars().any(|c| c.is_alphabetic()) {
        Some("no word")
    } else if n.starts_with([')', '、', ',', '。', ';', ':', '的']) || n.ends_with(['的', '(', '、', ',']) {
        Some("a mark or 的 at an end")
    } else if count('(') != count(')') || count('“') != count('”') {
        Some("a bracket or quote left open")
    } else if EMPTY_WORDS.contains(&n) {
        Some("only a function word or a verb")
    } else {
        None
    }
}

#[test]
fn every_name_in_both_corpora_is_the_thing_measured() {
    assert_eq!(name_defect("任务的"), Some("a mark or 的 at an end"));
    assert_eq!(name_defect(")"), Some("no word"));
    assert_eq!(name_defect("组织"), Some("only a function word or a verb"));
    assert_eq!(name_defect("“甲乙产业园"), Some("a bracket or quote left open"));
    assert_eq!(name_defect("规上工业产值"), None);
    let (_, _, web) = score_web_pages();
    let names: Vec<&[String; 3]> = web.iter().chain(sample_fact_names()).collect();
    assert!(names.len() > 1000, "{} names", names.len());
    let defects: Vec<String> = names
        .iter()
        .filter_map(|[table, name, quote]| name_defect(name).map(|why| format!("{table} {name:?} ({why}): {quote}")))
        .collect();
    assert!(defects.is_empty(), "{} names are not what they measure:\n{}", defects.len(), defects.join("\n"));
}
