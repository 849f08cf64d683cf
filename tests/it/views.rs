//! The canned views, the examples, the data dictionary and the term list, as users meet them: through
//! the stock `sqlite3` shell and Datasette, on the loaded sample corpus. Facts the extractors do not
//! give yet are inserted by SQL from the gold annotations, plus one made-up next report, so that
//! target attainment can be shown met and missed on one town's consecutive reports.

use crate::util::{
    char_span, column, gold, needs_tool, root, rows_apart, scalar, shell_file_rows, shell_rows, Served, WorkDir,
};
use rusqlite::{params, Connection};
use serde_json::Value;
use std::path::PathBuf;

/// The view files under sql/ (not sql/examples/), by view name.
fn view_files() -> Vec<(String, PathBuf)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("sql"))
        .expect("read sql/")
        .map(|e| e.expect("sql entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).expect("file name").to_string();
            let name = match stem.split_once('_') {
                Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest.to_string(),
                _ => stem,
            };
            (name, p)
        })
        .collect()
}

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("sql/examples"))
        .expect("read sql/examples")
        .map(|e| e.expect("example entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

const CONTRACT_VIEWS: [&str; 8] = [
    "v_reports",
    "v_indicators",
    "v_indicator_panel",
    "v_targets",
    "v_target_attainment",
    "v_projects",
    "v_town_rankings",
    "v_term_frequency",
];

fn loaded_corpus() -> (WorkDir, PathBuf) {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let db = wd.path().join("warehouse.db");
    (wd, db)
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("expected text, got {v}"))
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn every_contract_view_has_its_own_file() {
    let names: Vec<String> = view_files().into_iter().map(|(n, _)| n).collect();
    for v in CONTRACT_VIEWS {
        assert!(names.iter().any(|n| n == v), "no sql/*_{v}.sql: {names:?}");
    }
}

#[test]
fn every_view_and_example_runs_in_the_stock_shell_on_the_sample_corpus() {
    let (wd, db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    for (view, _) in view_files() {
        let rows = shell_rows(&db, &format!("SELECT * FROM {view}"));
        let n: i64 = scalar(&conn, &format!("SELECT count(*) FROM {view}"));
        assert_eq!(rows.len() as i64, n, "{view}: the shell and the library disagree on the row count");
    }
    for example in example_files() {
        // Runs without an error on the bare corpus (the facts they report on may not be there).
        shell_file_rows(&db, &example);
    }

    // v_reports: one row per report, with the town and years of the gold.
    let rows = shell_rows(&db, "SELECT * FROM v_reports");
    let golds = gold();
    assert_eq!(rows.len(), golds.len());
    for (stem, g) in &golds {
        let source = format!("corpus/{}", text(&g["source"]));
        let index = g["report_index"].as_i64().unwrap_or(0);
        let row = rows
            .iter()
            .find(|r| r["source_path"] == source.as_str() && r["source_index"] == index)
            .unwrap_or_else(|| panic!("{stem}: {source}#{index} not in v_reports"));
        for (view_col, gold_field) in
            [("town", "town"), ("review_year", "review_year"), ("plan_year", "plan_year"), ("kind", "kind")]
        {
            assert_eq!(row[view_col], g[gold_field], "{stem}: v_reports.{view_col}");
        }
        assert!(row["section_count"].is_i64() && row["project_count"].is_i64(), "{stem}: counts are numbers: {row}");
    }

    // v_term_frequency: every report x every term, counted as a reader would count them.
    let terms: Vec<String> = column(&conn, "SELECT term FROM policy_terms");
    assert!(terms.len() >= 40, "{} terms", terms.len());
    let rows = shell_rows(&db, "SELECT report_id, term, occurrences, per_10k_chars, char_count FROM v_term_frequency");
    assert_eq!(rows.len(), terms.len() * golds.len());
    let bodies: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, body FROM reports").expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
    };
    let mut uses = 0;
    for (id, body) in &bodies {
        for term in &terms {
            // Counted in the folded text, so a traditional-character repost counts like the original.
            let want = gwr::text::index::Folded::new(body).text.matches(term.as_str()).count() as i64;
            let row = rows
                .iter()
                .find(|r| r["report_id"] == *id && r["term"] == term.as_str())
                .unwrap_or_else(|| panic!("report {id} x {term} missing"));
            assert_eq!(row["occurrences"], want, "report {id}: {term}");
            let chars = body.chars().count() as f64;
            assert!(close(num(&row["per_10k_chars"]), want as f64 * 10_000.0 / chars), "{row}");
            uses += want;
        }
    }
    assert!(uses > 0, "no term of the list occurs anywhere in the sample corpus");
}

/// The gold quantities as the warehouse stores them: (value_base, unit_base).
fn base(value: Option<f64>, unit: Option<&str>) -> (Option<f64>, Option<String>) {
    let Some(unit) = unit else { return (None, None) };
    let (factor, base_unit) = match unit {
        "亿元" | "亿" => (1e8, "元"),
        "万元" => (1e4, "元"),
        "元" => (1.0, "元"),
        "%" => (1.0, "%"),
        other => (1.0, other),
    };
    (value.map(|v| v * factor), Some(base_unit.to_string()))
}

fn code_of(name: &str) -> Option<&'static str> {
    gwr::extract::catalog::catalog().code_of(name)
}

struct Fact<'a> {
    name: &'a str,
    year: i64,
    months: Option<(i64, i64)>,
    value: Option<f64>,
    unit: &'a str,
    growth: Option<f64>,
    qualifier: Option<&'a str>,
    quote: &'a str,
}

fn insert_indicator(conn: &Connection, report_id: i64, f: &Fact) {
    let body: String = conn.query_row("SELECT body FROM reports WHERE id = ?1", [report_id], |r| r.get(0)).unwrap();
    let (start, end) = char_span(&body, f.quote);
    let (value_base, unit_base) = base(f.value, Some(f.unit));
    conn.execute(
        "INSERT INTO indicators (report_id, name, indicator_code, period_year, month_from, month_to, value, unit,
             value_base, unit_base, growth_pct, qualifier, quote, char_start, char_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            report_id,
            f.name,
            code_of(f.name),
            f.year,
            f.months.map(|m| m.0),
            f.months.map(|m| m.1),
            f.value,
            f.unit,
            value_base,
            unit_base,
            f.growth,
            f.qualifier,
            f.quote,
            start,
            end
        ],
    )
    .expect("insert indicator");
}

/// Inserts the gold's indicators of one report whose name is in the catalog.
fn insert_gold_indicators(conn: &Connection, report_id: i64, g: &Value) {
    for i in g["indicators"].as_array().expect("gold indicators") {
        let name = text(&i["name"]);
        // Only catalogued figures with a unit feed the panel and the attainment views.
        if code_of(name).is_none() || i["unit"].is_null() || i["value"].is_null() {
            continue;
        }
        let period = text(&i["period"]);
        let year: i64 = period[..4].parse().expect("gold period year");
        let months = period
            .split_once("..")
            .map(|(a, b)| (a[5..7].parse::<i64>().expect("month"), b[5..7].parse::<i64>().expect("month")));
        insert_indicator(
            conn,
            report_id,
            &Fact {
                name,
                year,
                months,
                value: i["value"].as_f64(),
                unit: text(&i["unit"]),
                growth: i["growth_pct"].as_f64(),
                qualifier: i["qualifier"].as_str(),
                quote: text(&i["quote"]),
            },
        );
    }
}

fn insert_gold_target(conn: &Connection, report_id: i64, t: &Value) {
    let body: String = conn.query_row("SELECT body FROM reports WHERE id = ?1", [report_id], |r| r.get(0)).unwrap();
    let quote = text(&t["quote"]);
    let (start, end) = char_span(&body, quote);
    let name = text(&t["name"]);
    let (value_base, unit_base) = base(t["value"].as_f64(), t["unit"].as_str());
    conn.execute(
        "INSERT INTO targets (report_id, name, indicator_code, target_year, value, unit, value_base, unit_base,
             growth_pct, comparator, cue, quote, char_start, char_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            report_id,
            name,
            code_of(name),
            t["year"].as_i64(),
            t["value"].as_f64(),
            t["unit"].as_str(),
            value_base,
            unit_base,
            t["growth_pct"].as_f64(),
            text(&t["comparator"]),
            t["cue"].as_str(),
            quote,
            start,
            end
        ],
    )
    .expect("insert target");
}

fn insert_report(conn: &Connection, town_id: i64, review_year: i64, body: &str) -> i64 {
    conn.execute(
        "INSERT INTO reports (town_id, kind, title, review_year, plan_year, source_path, source_index, encoding,
             content_sha256, char_count, complete, body, load_run_id)
         VALUES (?1, 'government_work_report', ?2, ?3, ?4, ?5, 0, 'utf-8', ?5, ?6, 1, ?7, 1)",
        params![
            town_id,
            body.lines().next().unwrap_or_default(),
            review_year,
            review_year + 1,
            format!("fixture/{town_id}-{review_year}.txt"),
            body.chars().count() as i64,
            body
        ],
    )
    .expect("insert fixture report");
    conn.last_insert_rowid()
}

/// The sample corpus with, inserted by SQL: the gold indicators and main targets of 湖镇镇's report
/// on 2024 (it sets targets for 2025), the gold's 1-11月 figure of 岔路镇, the gold places of both
/// towns, and a made-up report of each on 2025. 湖镇镇's 2025 report gives:
/// 规上工业总产值 78.6亿元 +5.9% against a target of 80亿元 +10% (missed), 固定资产投资 9.1亿元
/// +15.9% against 8.5亿元 +10% (met), 一般公共预算收入 +11.7% against +30% (missed), a 税收收入
/// without growth, and restates its 2024 output as 74.2亿元.
fn attainment_fixture() -> (WorkDir, PathBuf) {
    let (wd, db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    let golds = gold();
    let gold_of = |stem: &str| golds.iter().find(|(s, _)| s == stem).map(|(_, g)| g.clone()).expect("gold file");
    let report_of = |g: &Value| -> (i64, i64) {
        conn.query_row(
            "SELECT id, town_id FROM reports WHERE source_path = 'corpus/' || ?1 AND source_index = ?2",
            params![text(&g["source"]), g["report_index"].as_i64().unwrap_or(0)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("gold report loaded")
    };
    let hu = gold_of("000");
    let cha = gold_of("003");
    let (hu_2024, hu_town) = report_of(&hu);
    let (cha_2024, cha_town) = report_of(&cha);
    for (g, town) in [(&hu, hu_town), (&cha, cha_town)] {
        conn.execute(
            "UPDATE towns SET county = ?1, city = ?2, province = ?3 WHERE id = ?4",
            params![g["county"].as_str(), g["city"].as_str(), g["province"].as_str(), town],
        )
        .expect("place town");
    }
    // The views are checked on the gold's facts: the extracted ones of these two reports make way.
    for id in [hu_2024, cha_2024] {
        for table in ["indicators", "targets", "projects"] {
            conn.execute(&format!("DELETE FROM {table} WHERE report_id = ?1"), [id]).expect("clear extracted facts");
        }
    }
    insert_gold_indicators(&conn, hu_2024, &hu);
    insert_gold_indicators(&conn, cha_2024, &cha);
    for t in hu["targets"].as_array().expect("gold targets") {
        if ["规上工业总产值", "固定资产投资", "一般公共预算收入", "经济增长速度"].contains(&text(&t["name"]))
        {
            insert_gold_target(&conn, hu_2024, t);
        }
    }

    let hu_body = "2025年湖镇镇政府工作报告\n\
        全年实现规上工业总产值78.6亿元,同比增长5.9%。\n\
        固定资产投资完成9.1亿元,同比增长15.9%。\n\
        一般公共预算收入2.3亿元,同比增长11.7%;税收收入4.0亿元。\n\
        较2024年规上工业产值74.2亿元稳中有进。";
    let hu_2025 = insert_report(&conn, hu_town, 2025, hu_body);
    let fact = |name, year, value, growth, quote| Fact {
        name,
        year,
        months: None,
        value: Some(value),
        unit: "亿元",
        growth,
        qualifier: None,
        quote,
    };
    for f in [
        fact("规上工业总产值", 2025, 78.6, Some(5.9), "规上工业总产值78.6亿元,同比增长5.9%"),
        fact("固定资产投资", 2025, 9.1, Some(15.9), "固定资产投资完成9.1亿元,同比增长15.9%"),
        fact("一般公共预算收入", 2025, 2.3, Some(11.7), "一般公共预算收入2.3亿元,同比增长11.7%"),
        fact("税收收入", 2025, 4.0, None, "税收收入4.0亿元"),
        fact("规上工业产值", 2024, 74.2, None, "2024年规上工业产值74.2亿元"),
    ] {
        insert_indicator(&conn, hu_2025, &f);
    }
    let cha_body = "2025年岔路镇政府工作报告\n全年一般公共预算收入1.2亿元,同比增长20.5%。";
    let cha_2025 = insert_report(&conn, cha_town, 2025, cha_body);
    insert_indicator(
        &conn,
        cha_2025,
        &fact("一般公共预算收入", 2025, 1.2, Some(20.5), "一般公共预算收入1.2亿元,同比增长20.5%"),
    );
    // The facts were written by hand, as a script editing the warehouse would; the towns they moved
    // are marked stale (by the triggers on reports and towns), and the stored panel and rankings
    // follow when gwr next opens the warehouse.
    drop(conn);
    wd.gwr(&["migrate", "--db", "warehouse.db"]).ok();
    (wd, db)
}

fn attainment_row<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("no attainment row for {name}: {rows:?}"))
}

#[test]
fn target_attainment_is_met_and_missed_on_one_towns_consecutive_reports() {
    let (_wd, db) = attainment_fixture();
    let rows = shell_rows(&db, "SELECT * FROM v_target_attainment WHERE town = '湖镇镇' AND target_year = 2025");
    assert_eq!(rows.len(), 4, "{rows:#?}");

    let output = attainment_row(&rows, "规上工业总产值");
    assert_eq!(output["status"], "missed");
    assert_eq!(output["level_status"], "missed");
    assert_eq!(output["growth_status"], "missed");
    assert!(close(num(&output["target_value_base"]), 80e8) && close(num(&output["actual_value_base"]), 78.6e8));
    assert_eq!(output["actual_level_quote"], "规上工业总产值78.6亿元,同比增长5.9%");

    let investment = attainment_row(&rows, "固定资产投资");
    assert_eq!(investment["status"], "met");
    assert_eq!(investment["level_status"], "met");
    assert_eq!(investment["growth_status"], "met");
    assert!(investment["unknown_reason"].is_null());

    // A growth-only target: judged on growth alone.
    let revenue = attainment_row(&rows, "一般公共预算收入");
    assert_eq!(revenue["status"], "missed");
    assert!(revenue["level_status"].is_null());
    assert!(close(num(&revenue["actual_growth_pct"]), 11.7));

    let speed = attainment_row(&rows, "经济增长速度");
    assert_eq!(speed["status"], "unknown");
    assert_eq!(speed["unknown_reason"], "target_not_quantified");

    // The targets of the other towns' 2023 plans have no next report in the corpus.
    let next_report: Vec<Value> =
        shell_rows(&db, "SELECT DISTINCT next_report_id FROM v_target_attainment WHERE town = '湖镇镇'");
    assert_eq!(next_report.len(), 1);
    let hu_2025: i64 = scalar(
        &Connection::open(&db).unwrap(),
        "SELECT id FROM reports WHERE town_id = (SELECT id FROM towns WHERE name = '湖镇镇') AND review_year = 2025",
    );
    assert_eq!(next_report[0]["next_report_id"], hu_2025);
}

#[test]
fn the_panel_cites_one_full_year_figure_and_the_rankings_order_towns() {
    let (_wd, db) = attainment_fixture();
    let panel = shell_rows(
        &db,
        "SELECT * FROM v_indicator_panel WHERE town = '湖镇镇' AND indicator_code = 'industrial_output_above_scale'
         ORDER BY year",
    );
    let years: Vec<i64> = panel.iter().map(|r| r["year"].as_i64().unwrap_or(0)).collect();
    assert_eq!(years, [2023, 2024, 2025]);
    // 2024 is given twice: by the report on 2024 (74.23) and restated by the report on 2025 (74.2).
    assert!(close(num(&panel[1]["value"]), 74.23), "{}", panel[1]);
    assert_eq!(panel[1]["candidate_count"], 2);
    assert_eq!(panel[1]["distinct_values"], 2);
    assert_eq!(panel[1]["report_review_year"], 2024);
    assert_eq!(panel[0]["qualifier"], "突破");

    // A 1-11月 figure is not a full-year value: the panel cites full-year figures only.
    let partial = shell_rows(
        &db,
        "SELECT full_year, month_to FROM v_indicators WHERE town = '岔路镇' AND period_year = 2024 AND month_to = 11",
    );
    assert!(!partial.is_empty(), "岔路镇's 1—11月 figures are in v_indicators");
    assert!(partial.iter().all(|r| r["full_year"] == 0), "{partial:?}");
    let cited_partial = shell_rows(
        &db,
        "SELECT p.* FROM v_indicator_panel p JOIN v_indicators i ON i.indicator_id = p.indicator_id
         WHERE i.full_year = 0",
    );
    assert!(cited_partial.is_empty(), "the panel cites a part-year figure: {cited_partial:?}");

    let ranks = shell_rows(
        &db,
        "SELECT town, value_rank_in_province, value_rank_overall, growth_rank_in_province, growth_rank_overall,
                growth_towns_in_province
         FROM v_town_rankings WHERE indicator_code = 'general_budget_revenue' AND year = 2025 ORDER BY town",
    );
    assert_eq!(
        ranks,
        [
            serde_json::json!({"town": "岔路镇", "value_rank_in_province": 2, "value_rank_overall": 2,
                "growth_rank_in_province": 1, "growth_rank_overall": 1, "growth_towns_in_province": 2}),
            serde_json::json!({"town": "湖镇镇", "value_rank_in_province": 1, "value_rank_overall": 1,
                "growth_rank_in_province": 2, "growth_rank_overall": 2, "growth_towns_in_province": 2}),
        ]
    );

    // No growth given for 2025's tax revenue: computed from the 2024 level (约3.77亿元).
    let tax = shell_rows(
        &db,
        "SELECT growth_pct, growth_source FROM v_town_rankings WHERE town = '湖镇镇' AND indicator_code = 'tax_revenue'
         AND year = 2025",
    );
    assert_eq!(tax.len(), 1);
    assert_eq!(tax[0]["growth_source"], "computed");
    assert!(close(num(&tax[0]["growth_pct"]), (4.0 / 3.77 - 1.0) * 100.0), "{}", tax[0]);
}

#[test]
fn the_examples_answer_their_questions() {
    let (_wd, db) = attainment_fixture();
    let example = |name: &str| shell_file_rows(&db, &root().join("sql/examples").join(name));

    let missed = example("missed_industrial_output_targets.sql");
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert_eq!(missed[0]["town"], "湖镇镇");
    assert_eq!(missed[0]["target_year"], 2025);

    let fastest = example("fastest_growing_fiscal_revenue.sql");
    let towns: Vec<&str> = fastest.iter().map(|r| text(&r["town"])).collect();
    assert_eq!(towns, ["岔路镇", "湖镇镇"]);

    let by_year = example("new_quality_productive_forces_by_year.sql");
    let conn = Connection::open(&db).unwrap();
    for row in &by_year {
        let year = row["review_year"].as_i64().expect("year");
        let bodies: Vec<String> = {
            let mut stmt = conn.prepare("SELECT body FROM reports WHERE review_year = ?1").unwrap();
            stmt.query_map([year], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
        };
        let want: usize = bodies.iter().map(|b| b.matches("新质生产力").count()).sum();
        assert_eq!(row["reports"], bodies.len() as i64, "{row}");
        assert_eq!(row["occurrences"], want as i64, "{row}");
    }
    let years: Vec<i64> = column(&conn, "SELECT DISTINCT review_year FROM reports ORDER BY 1");
    assert_eq!(by_year.len(), years.len());
}

#[test]
fn v_targets_gives_hu_zhen_2025_industrial_output_target_from_the_gold() {
    let (_wd, db) = loaded_corpus();
    let hu = gold().into_iter().find(|(s, _)| s == "000").map(|(_, g)| g).expect("gold 000");
    let want = hu["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .find(|t| t["name"] == "规上工业总产值")
        .expect("gold target 规上工业总产值")
        .clone();
    let rows = shell_rows(
        &db,
        "SELECT value, unit, value_base, growth_pct, comparator FROM v_targets
         WHERE town = '湖镇镇' AND indicator_code = 'industrial_output_above_scale' AND target_year = 2025",
    );
    assert_eq!(rows.len(), 1, "v_targets has no 2025 industrial output target of 湖镇镇 (gold: {want})");
    assert!(close(num(&rows[0]["value"]), num(&want["value"])), "{}", rows[0]);
    assert_eq!(rows[0]["unit"], want["unit"]);
    assert!(close(num(&rows[0]["value_base"]), 80e8), "{}", rows[0]);
    assert_eq!(rows[0]["comparator"], want["comparator"]);
}

/// Every (report, term) pair v_term_frequency lists, with its count.
fn view_term_counts(conn: &Connection) -> Vec<(i64, String, i64)> {
    let mut stmt = conn
        .prepare("SELECT report_id, term, occurrences FROM v_term_frequency ORDER BY report_id, term")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// The same pairs counted directly in every stored body, folded.
fn direct_term_counts(conn: &Connection, terms: &[String]) -> Vec<(i64, String, i64)> {
    let bodies: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, body FROM reports").expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
    };
    let mut out = Vec::new();
    for (id, body) in &bodies {
        let folded = gwr::text::index::Folded::new(body).text;
        for term in terms {
            out.push((*id, term.clone(), folded.matches(term.as_str()).count() as i64));
        }
    }
    out.sort();
    out
}

#[test]
fn a_changed_term_list_recounts_every_stored_report_on_open() {
    use gwr::store::terms::{sync_list, terms, PolicyTerm};
    let (wd, _db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    let shipped: Vec<String> = terms().iter().map(|t| t.term.clone()).collect();
    assert_eq!(view_term_counts(&conn), direct_term_counts(&conn, &shipped));

    // A researcher drops the first term and adds one every report uses.
    let mut edited = terms().to_vec();
    let dropped = edited.remove(0);
    edited.push(PolicyTerm { term: "发展".into(), family: "development".into(), gloss: "development".into() });
    sync_list(&conn, &edited).expect("sync the edited list");
    let edited_terms: Vec<String> = edited.iter().map(|t| t.term.clone()).collect();
    let counts = view_term_counts(&conn);
    assert_eq!(counts, direct_term_counts(&conn, &edited_terms));
    assert!(counts.iter().filter(|c| c.1 == "发展").all(|c| c.2 > 0), "发展 is in every report");
    let stale: i64 = conn
        .query_row("SELECT count(*) FROM report_terms WHERE term = ?1", [&dropped.term], |r| r.get(0))
        .expect("count");
    assert_eq!(stale, 0, "counts of the dropped term {} are left", dropped.term);

    // Opening the warehouse with the shipped list counts it again.
    wd.gwr(&["migrate"]).ok();
    assert_eq!(view_term_counts(&conn), direct_term_counts(&conn, &shipped));
    assert_eq!(scalar::<i64>(&conn, "SELECT count(*) FROM report_terms WHERE term = '发展'"), 0);

    // A warehouse loaded before the counts were stored has none: the first open counts them.
    conn.execute_batch("DELETE FROM report_terms; DELETE FROM report_terms_list;").expect("forget the counts");
    wd.gwr(&["migrate"]).ok();
    assert_eq!(view_term_counts(&conn), direct_term_counts(&conn, &shipped));
}

#[test]
fn opening_the_warehouse_again_reinstalls_nothing() {
    let (wd, _db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    let schema_version = |c: &Connection| -> i64 { c.query_row("PRAGMA schema_version", [], |r| r.get(0)).unwrap() };
    let dictionary_ids = |c: &Connection| -> Vec<i64> { column(c, "SELECT id FROM data_dictionary ORDER BY id") };
    let before = (schema_version(&conn), dictionary_ids(&conn), column::<i64>(&conn, "SELECT id FROM policy_terms"));
    wd.gwr(&["migrate"]).ok();
    wd.gwr(&["load"]).ok();
    let conn = wd.db("warehouse.db");
    let after = (schema_version(&conn), dictionary_ids(&conn), column::<i64>(&conn, "SELECT id FROM policy_terms"));
    assert_eq!(before, after, "opening the warehouse re-created a view or rewrote a synced table");

    // The stored definition is the file in its typing form, header comment included.
    for (view, file) in view_files() {
        let stored: String = conn
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?1", [&view], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{view} not installed: {e}"));
        let text = gwr::store::typing::typed(&std::fs::read_to_string(&file).unwrap());
        assert_eq!(stored, text.trim().trim_end_matches(';').trim(), "{view}");
        assert!(stored.contains("-- Grain:"), "{view}: the header comment (grain and rules) is lost");
    }
}

#[test]
fn a_changed_view_is_reinstalled_on_open() {
    let (wd, _db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    conn.execute_batch("DROP VIEW v_reports; CREATE VIEW v_reports AS SELECT 1 AS stale").unwrap();
    drop(conn);
    wd.gwr(&["migrate"]).ok();
    let conn = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&conn, "SELECT count(*) FROM v_reports"), 9);
}

#[test]
fn every_public_column_is_described_in_the_data_dictionary() {
    let (wd, _db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    let objects = gwr::store::dictionary::public_objects(&conn).unwrap();
    for v in CONTRACT_VIEWS {
        assert!(objects.iter().any(|(n, t)| n == v && t == "view"), "{v} is not installed");
    }
    let mut undescribed = Vec::new();
    for (object, object_type) in &objects {
        let own: i64 = conn
            .query_row(
                "SELECT count(*) FROM data_dictionary WHERE object = ?1 AND object_type = ?2 AND column_name IS NULL",
                [object, object_type],
                |r| r.get(0),
            )
            .unwrap();
        if own != 1 {
            undescribed.push(object.clone());
        }
        for (col, _) in gwr::store::dictionary::columns_of(&conn, object).unwrap() {
            let row: Option<(Option<String>, String)> = conn
                .query_row(
                    "SELECT data_type, description FROM data_dictionary WHERE object = ?1 AND column_name = ?2",
                    [object, &col],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .ok();
            match row {
                Some((Some(t), d)) if ["INTEGER", "REAL", "TEXT"].contains(&t.as_str()) && !d.is_empty() => {}
                other => undescribed.push(format!("{object}.{col} {other:?}")),
            }
        }
    }
    assert!(undescribed.is_empty(), "not in data/dictionary.toml (or without a declared type): {undescribed:#?}");

    // Nor does the dictionary describe what is not there.
    let mut stale = Vec::new();
    for o in &gwr::store::dictionary::dictionary().object {
        let cols = gwr::store::dictionary::columns_of(&conn, &o.name).unwrap();
        if cols.is_empty() {
            stale.push(o.name.clone());
        }
        for c in o.columns.keys() {
            if !cols.iter().any(|(n, _)| n == c) {
                stale.push(format!("{}.{c}", o.name));
            }
        }
    }
    assert!(stale.is_empty(), "data/dictionary.toml describes what the schema lacks: {stale:?}");
}

#[test]
fn gwr_schema_prints_the_dictionary() {
    let (wd, _db) = loaded_corpus();
    let out = wd.gwr(&["schema", "v_target_attainment"]).ok().stdout();
    assert!(out.starts_with("v_target_attainment (view)"), "{out}");
    assert!(out.lines().any(|l| l.trim_start().starts_with("status") && l.contains("TEXT") && l.contains("missed")));
    let all = wd.gwr(&["schema"]).ok().stdout();
    for v in CONTRACT_VIEWS {
        assert!(all.contains(&format!("{v} (view)")), "{v} missing from gwr schema");
    }
    assert!(all.lines().any(|l| l.trim_start().starts_with("per_10k_chars") && l.contains("REAL")));
    let missing = wd.gwr(&["schema", "v_nothing"]).expect_code(2);
    assert!(missing.stderr().contains("v_nothing"));
}

#[test]
fn view_columns_carry_a_declared_type() {
    // Through the bundled (current) SQLite; the test above checks 3.25 and the stock shell.
    let (wd, _db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    let mut untyped = Vec::new();
    for (view, _) in view_files() {
        for (col, declared) in gwr::store::dictionary::columns_of(&conn, &view).unwrap() {
            if gwr::store::dictionary::type_name(&declared).is_none() {
                untyped.push(format!("{view}.{col}"));
            }
        }
    }
    assert!(untyped.is_empty(), "view columns without a declared type (CAST them): {untyped:?}");
}

/// The SQLite 3.25.2 client (tests/sqlite325/runner.c), which `make test-deps` builds (`make test`
/// runs it first). A test builds or installs nothing itself.
fn sqlite325() -> PathBuf {
    needs_tool(root().join(".cache/sqlite-3.25/sqlite325"), "the SQLite 3.25.2 client")
}

/// One statement's answer from the 3.25 client: column names, declared types, rows (values as text,
/// escaped as the client prints them).
#[derive(Debug)]
struct Answer {
    columns: Vec<String>,
    decltypes: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// Runs SQL (text, or a file fed on stdin) through the 3.25 client; fails the test on any error.
fn run_sqlite325(db: &std::path::Path, sql: Option<&str>, file: Option<&std::path::Path>) -> Vec<Answer> {
    let mut cmd = std::process::Command::new(sqlite325());
    cmd.arg(db);
    if let Some(sql) = sql {
        cmd.arg(sql);
    }
    if let Some(file) = file {
        cmd.stdin(std::fs::File::open(file).expect("open SQL file"));
    }
    let out = cmd.output().expect("run the SQLite 3.25 client");
    let what = sql.map(str::to_string).or(file.map(|f| f.display().to_string())).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.trim().is_empty(), "SQLite 3.25 failed on {what}: {stderr}");
    let mut answers: Vec<Answer> = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        match fields[0].as_str() {
            "#columns" => {
                answers.push(Answer { columns: fields[1..].to_vec(), decltypes: Vec::new(), rows: Vec::new() })
            }
            "#decltypes" => answers.last_mut().expect("#decltypes follows #columns").decltypes = fields[1..].to_vec(),
            "#rows" => {
                let a = answers.last().expect("#rows follows #columns");
                assert_eq!(fields[1].parse::<usize>().ok(), Some(a.rows.len()), "{what}: row count");
            }
            _ => answers.last_mut().expect("a row follows #columns").rows.push(fields),
        }
    }
    answers
}

#[test]
fn every_view_and_example_runs_on_sqlite_3_25_and_every_view_column_has_a_declared_type() {
    let version = std::process::Command::new(sqlite325()).arg("--version").output().expect("run the 3.25 client");
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), "3.25.2");
    let (wd, db) = loaded_corpus();
    let conn = wd.db("warehouse.db");
    let typed = |t: &str| ["INTEGER", "REAL", "TEXT"].contains(&t);
    let mut untyped = Vec::new();
    for (view, _) in view_files() {
        // The rows, and the declared types a client reads from the result (sqlite3_column_decltype).
        let answers = run_sqlite325(&db, Some(&format!("SELECT * FROM {view}")), None);
        let [answer] = answers.as_slice() else { panic!("{view}: {answers:?}") };
        let n: i64 = scalar(&conn, &format!("SELECT count(*) FROM {view}"));
        assert_eq!(answer.rows.len() as i64, n, "{view}: SQLite 3.25 and the library disagree on the row count");
        assert!(answer.rows.iter().all(|r| r.len() == answer.columns.len()), "{view}: ragged rows");
        assert_eq!(answer.decltypes.len(), answer.columns.len());
        for (col, t) in answer.columns.iter().zip(&answer.decltypes) {
            if !typed(t) {
                untyped.push(format!("3.25 query: {view}.{col} {t:?}"));
            }
        }
        // The declared types a BI tool reads from the schema: PRAGMA table_info, on 3.25 and on the
        // stock shell (3.40 here; both older than 3.42, which types computed columns by itself).
        let info = run_sqlite325(&db, Some(&format!("SELECT name, type FROM pragma_table_info('{view}')")), None);
        assert_eq!(info[0].rows.len(), answer.columns.len(), "{view}: PRAGMA table_info on 3.25");
        for row in &info[0].rows {
            if !typed(&row[1]) {
                untyped.push(format!("3.25 table_info: {view}.{} {:?}", row[0], row[1]));
            }
        }
        for row in shell_rows(&db, &format!("PRAGMA table_info({view})")) {
            if !typed(text(&row["type"])) {
                untyped.push(format!("stock shell table_info: {view}.{} {}", row["name"], row["type"]));
            }
        }
    }
    assert!(untyped.is_empty(), "view columns without a declared type: {untyped:#?}");
    for example in example_files() {
        let answers = run_sqlite325(&db, None, Some(&example));
        assert!(!answers.is_empty(), "{}: no query", example.display());
    }
}

/// Syntax and functions SQLite 3.25 (the one Metabase bundles) lacks, or extensions it may lack.
const NEWER_THAN_3_25: &[(&str, &str)] = &[
    (r"\bFILTER\s*\(", "FILTER clause (3.30)"),
    (r"\bIIF\s*\(", "iif() (3.32)"),
    (r"->", "-> / ->> (3.38)"),
    (r"\bRETURNING\b", "RETURNING (3.35)"),
    (r"\bSTRICT\b", "STRICT tables (3.37)"),
    (r"\bGENERATED\s+ALWAYS\b", "generated columns (3.31)"),
    (r"\bNULLS\s+(FIRST|LAST)\b", "NULLS FIRST/LAST (3.30)"),
    (r"\b(MATERIALIZED)\b", "MATERIALIZED CTE hint (3.35)"),
    (r"\b(RIGHT|FULL)\s+(OUTER\s+)?JOIN\b", "RIGHT/FULL JOIN (3.39)"),
    (r"\bIS\s+(NOT\s+)?DISTINCT\s+FROM\b", "IS DISTINCT FROM (3.39)"),
    (r"\bGROUPS\b|\bEXCLUDE\b", "window GROUPS / EXCLUDE (3.28)"),
    (
        r"\b(ln|log|log2|log10|pow|power|sqrt|exp|floor|ceil|ceiling|trunc|mod|pi|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|degrees|radians|sign)\s*\(",
        "math functions (3.35, optional)",
    ),
    (r"\b(unixepoch|format|concat|concat_ws|string_agg|octet_length|timediff)\s*\(", "functions newer than 3.25"),
    (r"\bjson\w*\s*\(", "JSON functions (an extension in 3.25)"),
];

#[test]
fn view_and_example_files_use_nothing_newer_than_sqlite_3_25() {
    let mut files: Vec<PathBuf> = view_files().into_iter().map(|(_, p)| p).collect();
    files.extend(example_files());
    let mut migrations: Vec<PathBuf> =
        std::fs::read_dir(root().join("migrations")).unwrap().map(|e| e.unwrap().path()).collect();
    migrations.sort();
    files.extend(migrations);
    let patterns: Vec<(regex::Regex, &str)> = NEWER_THAN_3_25
        .iter()
        .map(|(p, why)| (regex::RegexBuilder::new(p).case_insensitive(true).build().expect("pattern"), *why))
        .collect();
    let mut found = Vec::new();
    for f in &files {
        let sql = std::fs::read_to_string(f).unwrap();
        for (n, line) in sql.lines().enumerate() {
            let code = line.split("--").next().unwrap_or_default();
            for (re, why) in &patterns {
                if re.is_match(code) {
                    found.push(format!("{}:{}: {why}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "not portable to SQLite 3.25:\n{}", found.join("\n"));
    // The scan itself catches what it is for.
    let probe = "SELECT count(*) FILTER (WHERE x) , iif(a, b, c), sqrt(2) FROM t";
    assert_eq!(patterns.iter().filter(|(re, _)| re.is_match(probe)).count(), 3);
}

#[test]
fn datasette_serves_a_view_through_its_json_api() {
    let (_wd, db) = loaded_corpus();
    let served = Served::start(&[&db], None);
    let body = served.get("/warehouse/v_reports.json?_shape=array&_size=max");
    let rows: Vec<Value> = serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
    let golds = gold();
    assert_eq!(rows.len(), golds.len());
    let mut towns: Vec<&str> = rows.iter().map(|r| text(&r["town"])).collect();
    let mut want: Vec<&str> = golds.iter().map(|(_, g)| text(&g["town"])).collect();
    towns.sort();
    want.sort();
    assert_eq!(towns, want);
    assert!(rows.iter().all(|r| r["indicator_count"].is_i64() && r["review_year"].is_i64()), "{rows:?}");
}

#[test]
fn full_text_search_finds_two_character_and_longer_words_from_a_file_kept_apart() {
    let (wd, db) = loaded_corpus();
    let run = wd.gwr(&["index"]).ok();
    let search_db = wd.path().join("warehouse-search.db");
    assert!(search_db.exists(), "{}", run.stdout());
    let conn = wd.db("warehouse.db");
    let lines: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, body FROM reports ORDER BY id").unwrap();
        let bodies: Vec<(i64, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
        bodies.into_iter().flat_map(|(id, b)| b.split('\n').map(|l| (id, l.to_string())).collect::<Vec<_>>()).collect()
    };
    for word in ["新质生产力", "安全", "乡村振兴", "营商环境"] {
        let query = gwr::store::search::fts_query(word);
        let sql = format!(
            "ATTACH '{}' AS search;
             SELECT p.report_id, p.char_start, p.char_end, p.text FROM search.passages AS p
             WHERE p.grams MATCH '{query}' ORDER BY p.report_id, p.char_start;",
            search_db.display()
        );
        let hits = shell_rows(&db, &sql);
        let want = lines.iter().filter(|(_, l)| l.contains(word)).count();
        assert!(want > 0, "{word} is not in the sample corpus");
        assert_eq!(hits.len(), want, "{word}: the stock shell finds {} paragraphs, the text has {want}", hits.len());
        for h in &hits {
            assert!(text(&h["text"]).contains(word), "{word}: {h}");
            // A hit points into the report like a fact does.
            let quoted: String = conn
                .query_row(
                    "SELECT substr(body, ?2 + 1, ?3 - ?2) FROM reports WHERE id = ?1",
                    params![h["report_id"].as_i64(), h["char_start"].as_i64(), h["char_end"].as_i64()],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(quoted, text(&h["text"]));
        }
    }
    // The warehouse itself holds no virtual table: clients without FTS5 read all of it.
    assert_eq!(scalar::<i64>(&conn, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%VIRTUAL%'"), 0);

    let out = wd.gwr(&["search", "新质生产力"]).ok().stdout();
    assert_eq!(out.lines().count(), lines.iter().filter(|(_, l)| l.contains("新质生产力")).count(), "{out}");
    assert!(out.lines().all(|l| l.contains("新质生产力") && l.contains("镇\t")), "{out}");
    let none = wd.gwr(&["search", "--db", "missing.db", "安全"]).expect_code(2);
    assert!(none.stderr().contains("gwr index"), "{}", none.stderr());
}

#[test]
fn the_stored_panel_and_rankings_follow_every_load() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load", "corpus", "--db", "w.db"]).ok();
    let check = |conn: &Connection| {
        for (stored, computed) in [
            ("v_indicator_panel", "v_indicator_panel_computed"),
            ("v_target_attainment", "v_target_attainment_computed"),
            ("v_town_rankings", "v_town_rankings_computed"),
        ] {
            assert!(scalar::<i64>(conn, &format!("SELECT count(*) FROM {stored}")) > 0, "{stored} is empty");
            assert_eq!(rows_apart(conn, stored, computed), 0, "{stored} differs from {computed}");
        }
        assert_eq!(scalar::<i64>(conn, "SELECT count(*) FROM stale_towns"), 0);
    };
    let output_2024 = "SELECT value FROM v_indicator_panel WHERE town = '湖镇镇' AND year = 2024
         AND indicator_code = 'industrial_output_above_scale'";
    {
        let conn = wd.db("w.db");
        check(&conn);
        assert_eq!(scalar::<f64>(&conn, output_2024), 74.23);
    }

    // A changed file replaces its report: the town's panel rows and every ranking are rebuilt.
    let path = wd.path().join("corpus/000_5f3145f1445451d9.txt");
    let text = std::fs::read_to_string(&path).expect("read sample 000");
    std::fs::write(&path, text.replace("达到74.23亿元", "达到75.5亿元")).expect("rewrite sample 000");
    wd.gwr(&["load", "corpus", "--db", "w.db"]).ok();
    let conn = wd.db("w.db");
    check(&conn);
    assert_eq!(scalar::<f64>(&conn, output_2024), 75.5);
}
