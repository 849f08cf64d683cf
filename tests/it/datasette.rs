//! Datasette as a first-class client: the metadata `gwr datasette-metadata` writes, read back
//! through a real Datasette serving the sample warehouse and its search file.

use crate::util::{column, root, scalar, shell_file_rows, url_encode, Served, WorkDir};
use serde_json::Value;

fn rows(body: &str) -> Vec<Value> {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not a JSON array ({e}): {body}"))
}

#[test]
fn datasette_shows_the_dictionary_the_example_queries_and_searches_by_word() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    wd.gwr(&["index"]).ok();
    wd.gwr(&["datasette-metadata", "--out", "metadata.json"]).ok();
    let db = wd.path().join("warehouse.db");
    let search = wd.path().join("warehouse-search.db");
    let served = Served::start(&[&db, &search], Some(&wd.path().join("metadata.json")));
    let conn = wd.db("warehouse.db");

    // A column's description, from the data dictionary, on the view's page.
    let described: String = scalar(
        &conn,
        "SELECT description FROM data_dictionary WHERE object = 'v_indicator_panel' AND column_name = 'year_start'",
    );
    let page = served.get("/warehouse/v_indicator_panel");
    assert!(page.contains(&described), "the page of v_indicator_panel does not show {described:?}");
    // With its unit, where the dictionary gives one.
    let (text, unit): (String, String) = conn
        .query_row(
            "SELECT description, unit FROM data_dictionary WHERE object = 'v_term_frequency' AND column_name = 'per_10k_chars'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("per_10k_chars is described");
    let page = served.get("/warehouse/v_term_frequency");
    assert!(page.contains(&text) && page.contains(&unit), "v_term_frequency's page lacks {text:?} / {unit:?}");

    // Titles on the pages.
    assert!(page.contains("Policy term frequency"), "v_term_frequency's page has no title");

    // The internal tables are hidden, the _computed views closed, the public views listed.
    let listing: Value = serde_json::from_str(&served.get("/warehouse.json")).expect("JSON");
    let hidden: Vec<&str> = listing["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .filter(|t| t["hidden"] == Value::Bool(true))
        .filter_map(|t| t["name"].as_str())
        .collect();
    for internal in ["stale_towns", "view_column_types", "refinery_schema_history", "indicator_panel"] {
        assert!(hidden.contains(&internal), "{internal} is not hidden: {hidden:?}");
    }
    assert!(!hidden.contains(&"reports"), "{hidden:?}");
    let views: Vec<&str> =
        listing["views"].as_array().expect("views").iter().filter_map(|v| v["name"].as_str()).collect();
    assert!(views.contains(&"v_indicator_panel") && views.contains(&"v_term_frequency"), "{views:?}");
    assert!(views.iter().all(|v| !v.ends_with("_computed")), "{views:?}");

    // Every example query, canned: the same rows as the stock shell gives for its file.
    let mut answered = 0;
    for entry in std::fs::read_dir(root().join("sql/examples")).expect("read sql/examples") {
        let example = entry.expect("entry").path();
        let stem = example.file_stem().and_then(|s| s.to_str()).expect("file name").to_string();
        let want = shell_file_rows(&db, &example);
        let got = rows(&served.get(&format!("/warehouse/{stem}.json?_shape=array&_size=max")));
        assert_eq!(got, want, "{stem}: the canned query and the shell disagree");
        answered += usize::from(!got.is_empty());
    }
    assert!(answered >= 3, "only {answered} example queries return rows on the sample warehouse");

    // Search from the browser: every paragraph holding the word, whatever its length.
    let bodies: Vec<String> = column(&conn, "SELECT body FROM reports");
    for word in ["营商环境", "新质生产力", "安全"] {
        let want = bodies.iter().flat_map(|b| b.split('\n')).filter(|l| l.contains(word)).count();
        assert!(want > 0, "{word} is not in the sample corpus");
        let path = format!("/warehouse-search/search.json?_shape=array&_size=max&word={}", url_encode(word));
        let hits = rows(&served.get(&path));
        assert_eq!(hits.len(), want, "{word}: Datasette's search finds {} paragraphs, the text has {want}", hits.len());
        for h in &hits {
            assert!(h["text"].as_str().is_some_and(|t| t.contains(word)), "{word}: {h}");
            let town: String =
                scalar(&conn, &format!("SELECT town FROM v_reports WHERE report_id = {}", h["report_id"]));
            assert_eq!(h["town"].as_str(), Some(town.as_str()), "{h}");
        }
    }
    // A word typed nowhere finds nothing rather than failing.
    let none =
        rows(&served.get("/warehouse-search/search.json?_shape=array&word=%E9%A3%9E%E8%88%B9%E5%9F%BA%E5%9C%B0"));
    assert!(none.is_empty(), "{none:?}");
}
