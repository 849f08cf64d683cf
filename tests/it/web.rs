//! Real web pages of many provinces (tests/fixtures/web: reports, summaries, plans, half-year
//! reports, news items and interpretations, traditional-script mirrors, watermarked reposts)
//! against their hand-written gold (tests/gold/web), scored by tests/gold/eval.py.

use crate::util::{root, score_web_pages};

/// The metadata fields a user reads from every report.
const FIELDS: [&str; 9] =
    ["town", "kind", "review_year", "plan_year", "title", "delivered_on", "published_on", "meeting", "speaker"];

#[test]
fn every_web_page_loads_as_the_kind_its_gold_gives() {
    let (score, _) = score_web_pages();
    assert_eq!(score["missing_reports"], serde_json::json!([]), "pages not loaded");
    assert_eq!(score["meta"]["kind"].as_f64(), Some(1.0), "kinds: {}", score["meta"]);
}

#[test]
fn web_metadata_is_right_on_nearly_every_page() {
    let (score, _) = score_web_pages();
    for field in FIELDS {
        let accuracy = score["meta"][field].as_f64().unwrap_or(0.0);
        assert!(accuracy >= 0.93, "{field} right on {accuracy} of the web pages: {}", score["meta"]);
    }
    assert_eq!(score["provenance_bad"].as_i64(), Some(0), "quotes differ from the body at their span");
}

#[test]
fn web_facts_hold_their_measured_level() {
    let (score, _) = score_web_pages();
    // Measured on the 36 pages: indicators P 0.895 R 0.912, targets P 0.915 R 0.812, projects
    // P 0.971 R 0.985. The bars sit 0.02 below: a change that loses more fails.
    for (kind, p_min, r_min) in [("indicators", 0.875, 0.892), ("targets", 0.895, 0.792), ("projects", 0.951, 0.965)] {
        let (p, r) = crate::util::precision_recall(score, kind);
        assert!(p >= p_min && r >= r_min, "{kind} P {p} R {r} below {p_min}/{r_min}: {}", score["scores"][kind]);
    }
}

#[test]
fn towns_resolve_where_the_page_names_their_county_or_city() {
    let (_, towns) = score_web_pages();
    let mut checked = 0;
    for [file, resolution, county, city] in towns {
        let file = file.as_deref().expect("source path");
        let stem = file.trim_end_matches(".txt");
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(format!("tests/gold/web/{stem}.json"))).expect("gold file"),
        )
        .expect("gold JSON");
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
