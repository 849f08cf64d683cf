//! `gwr load` end to end: the sample corpus, idempotence, replacement, duplicates and failures.

use crate::util::{column, gold, scalar, WorkDir};

#[test]
fn sample_corpus_loads_nine_reports_with_the_gold_metadata() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    let run = wd.gwr(&["load"]).ok();
    assert!(run.stdout().contains("5 files seen, 9 reports loaded"), "{}", run.stdout());
    let db = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports"), 9);

    for (stem, g) in gold() {
        let source = g["source"].as_str().expect("gold source");
        let index = g["report_index"].as_i64().unwrap_or(0);
        let row = db
            .query_row(
                "SELECT t.name, r.kind, r.title, r.review_year, r.plan_year, r.delivered_on, r.published_on,
                        r.meeting, r.speaker, r.speaker_title, r.complete
                 FROM reports r JOIN towns t ON t.id = r.town_id
                 WHERE r.source_path = 'corpus/' || ?1 AND r.source_index = ?2",
                rusqlite::params![source, index],
                |r| {
                    Ok(serde_json::json!({
                        "town": r.get::<_, String>(0)?, "kind": r.get::<_, String>(1)?,
                        "title": r.get::<_, Option<String>>(2)?, "review_year": r.get::<_, Option<i64>>(3)?,
                        "plan_year": r.get::<_, Option<i64>>(4)?, "delivered_on": r.get::<_, Option<String>>(5)?,
                        "published_on": r.get::<_, Option<String>>(6)?, "meeting": r.get::<_, Option<String>>(7)?,
                        "speaker": r.get::<_, Option<String>>(8)?, "speaker_title": r.get::<_, Option<String>>(9)?,
                        "complete": r.get::<_, i64>(10)? == 1,
                    }))
                },
            )
            .unwrap_or_else(|e| panic!("{stem}: report {source}#{index} not loaded: {e}"));
        for field in [
            "town",
            "kind",
            "title",
            "review_year",
            "plan_year",
            "delivered_on",
            "published_on",
            "meeting",
            "speaker",
            "speaker_title",
            "complete",
        ] {
            assert_eq!(row[field], g[field], "{stem}: {field}");
        }
    }
}

#[test]
fn page_noise_stays_out_of_the_body_and_its_metadata_is_kept() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let db = wd.db("warehouse.db");
    let noisy: Vec<String> = column(
        &db,
        "SELECT source_path || '#' || source_index FROM reports
         WHERE body LIKE '%浏览次数%' OR body LIKE '%索引号%' OR body LIKE '%设为首页%' OR body LIKE '%ICP备%'
            OR body LIKE '%付费%' OR body LIKE '%政府工作报告 31%' OR body LIKE '%汇编%'",
    );
    assert!(noisy.is_empty(), "page furniture left in: {noisy:?}");
    let index: String = scalar(&db, "SELECT index_number FROM reports WHERE source_path LIKE '%004_%'");
    assert_eq!(index, "330803-063/2025-73158");
    // Every report body starts at its title, not at the page header.
    let starts: Vec<String> = column(&db, "SELECT substr(body, 1, 10) FROM reports ORDER BY id");
    assert!(starts.iter().all(|s| s.contains("镇")), "{starts:?}");
}

#[test]
fn a_second_load_changes_nothing_and_says_so() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let db = wd.db("warehouse.db");
    let before: Vec<String> = column(&db, "SELECT content_sha256 || id FROM reports ORDER BY id");
    let run = wd.gwr(&["load"]).ok();
    assert!(run.stdout().contains("0 reports loaded, 9 unchanged"), "{}", run.stdout());
    let after: Vec<String> = column(&db, "SELECT content_sha256 || id FROM reports ORDER BY id");
    assert_eq!(before, after);
    let info = wd.gwr(&["info"]).ok().stdout();
    assert!(info.lines().any(|l| l.split_whitespace().eq(["load_runs", "2", "rows"])), "{info}");
    assert!(info.contains("9 unchanged"), "{info}");
}

#[test]
fn a_changed_file_replaces_its_reports() {
    let wd = WorkDir::new();
    let dir = wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let file = dir.join("000_5f3145f1445451d9.txt");
    let text = std::fs::read_to_string(&file).expect("read sample");
    std::fs::write(&file, text.replace("74.23亿元", "75.00亿元")).expect("edit sample");
    let run = wd.gwr(&["load"]).ok();
    assert!(run.stdout().contains("0 reports loaded, 8 unchanged, 1 replaced"), "{}", run.stdout());
    let db = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports"), 9);
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports WHERE body LIKE '%75.00亿元%'"), 1);
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports WHERE body LIKE '%74.23亿元%'"), 0);
    // The replaced report's sections, facts and term counts went with it: no row points at a
    // report or section that is gone.
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_eq!(scalar::<i64>(&db, "SELECT count(DISTINCT report_id) FROM indicators"), 9);
}

#[test]
fn the_same_report_under_another_name_is_not_loaded_twice() {
    let wd = WorkDir::new();
    let dir = wd.copy_corpus();
    std::fs::copy(dir.join("003_65a6a9c374986012.txt"), dir.join("copy_of_003.txt")).expect("copy");
    let run = wd.gwr(&["load"]).ok();
    assert!(run.stdout().contains("9 reports loaded"), "{}", run.stdout());
    assert!(run.stdout().contains("1 duplicate"), "{}", run.stdout());
    assert!(run.stderr().contains("already loaded from another file"), "{}", run.stderr());
}

#[test]
fn a_missing_path_is_refused_before_anything_is_written() {
    let wd = WorkDir::new();
    let run = wd.gwr(&["load", "no/such/folder", "--db", "w.db"]).expect_code(2);
    assert!(run.stderr().contains("no such file or folder: no/such/folder"), "{}", run.stderr());
    assert!(!wd.path().join("w.db").exists(), "a database was created for a failed run");
}

#[test]
fn a_bad_file_among_good_ones_is_recorded_and_the_rest_load() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.write("corpus/empty.txt", "");
    wd.write("corpus/news.txt", "今天天气晴朗,气温二十度。".repeat(40));
    let run = wd.gwr(&["load"]).expect_code(1);
    assert!(run.stdout().contains("9 reports loaded"), "{}", run.stdout());
    assert!(run.stdout().contains("2 files failed"), "{}", run.stdout());
    let db = wd.db("warehouse.db");
    let errors: Vec<String> = column(&db, "SELECT source_path || ' ' || reason FROM load_errors ORDER BY source_path");
    assert_eq!(errors, vec!["corpus/empty.txt empty", "corpus/news.txt not_a_report"]);
    let details: Vec<String> = column(&db, "SELECT detail FROM load_errors");
    assert!(details.iter().all(|d| d.len() > 20), "details a person understands: {details:?}");
}

#[test]
fn migrate_creates_the_schema_and_info_reports_it() {
    let wd = WorkDir::new();
    let run = wd.gwr(&["migrate", "--db", "fresh.db"]).ok();
    let latest = crate::util::latest_migration();
    assert!(run.stdout().contains(&format!("schema version {latest}")), "{}", run.stdout());
    let db = wd.db("fresh.db");
    let mode: String = scalar(&db, "PRAGMA journal_mode");
    assert_eq!(mode, "wal");
    let tables: Vec<String> = column(&db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    for t in [
        "divisions",
        "indicator_catalog",
        "indicators",
        "load_errors",
        "load_runs",
        "projects",
        "reports",
        "sections",
        "targets",
        "towns",
    ] {
        assert!(tables.iter().any(|x| x == t), "missing table {t}: {tables:?}");
    }
    let info = wd.gwr(&["info", "--db", "fresh.db"]).ok().stdout();
    assert!(info.contains("last load       none"), "{info}");
}

#[test]
fn inspect_prints_the_plan_without_a_database() {
    let wd = WorkDir::new();
    let dir = wd.copy_corpus();
    let file = dir.join("001_d2fc8c44b527f0e4.txt");
    let run = wd.gwr(&["inspect", file.to_str().expect("path")]).ok();
    let plan: serde_json::Value = serde_json::from_str(&run.stdout()).expect("inspect prints JSON");
    let towns: Vec<&str> =
        plan["reports"].as_array().expect("reports").iter().filter_map(|r| r["meta"]["town"].as_str()).collect();
    assert_eq!(towns, ["横沥镇", "六镇镇", "泥溪镇", "平湖镇", "濮院镇"]);
    assert_eq!(plan["reports"][4]["complete"], false);
    assert!(std::fs::read_dir(wd.path()).expect("list").all(|e| !e.expect("entry").path().ends_with("warehouse.db")));
}

/// `--stats` says where a load's time went, the refresh's parts included; a run that changes
/// nothing refreshes nothing and names no parts.
#[test]
fn stats_name_the_parts_of_the_refresh() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    let first = wd.gwr(&["load", "--quiet", "--stats"]).ok().stderr();
    let stats = first.lines().find(|l| l.starts_with("stats: ")).unwrap_or_else(|| panic!("no stats line: {first}"));
    let seconds = |part: &str| -> f64 {
        let after = stats.split_once(part).unwrap_or_else(|| panic!("{part:?} missing: {stats}")).1;
        let number = after.trim_start().split(' ').next().unwrap_or_default();
        number.parse().unwrap_or_else(|_| panic!("{part:?} is followed by {number:?}: {stats}"))
    };
    let whole = seconds("refreshed in");
    let parts = ["(the panel", "then the rankings", "the attainment rows beside them", "their copy"].map(seconds);
    // The attainment rows are computed beside the panel and the rankings: the whole is at least
    // the longer leg and its copy, and no more than every part one after the other (rounding aside).
    let longer = (parts[0] + parts[1]).max(parts[2]) + parts[3];
    assert!(whole + 0.02 >= longer, "{whole} s for legs of {parts:?}: {stats}");
    assert!(whole <= parts.iter().sum::<f64>() + 0.5, "{whole} s for parts {parts:?}: {stats}");
    let again = wd.gwr(&["load", "--quiet", "--stats"]).ok().stderr();
    assert!(!again.contains("(the panel"), "a run that changes nothing refreshes nothing: {again}");
}
