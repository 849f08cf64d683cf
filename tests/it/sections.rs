//! The section tree on the real sample corpus: top-level headings and parts against the gold,
//! second-level headings scored by title similarity, and the span invariants of every outline.

use crate::util::{gold, precision_recall, score_sample_corpus, WorkDir};
use rusqlite::Connection;

/// One stored section row.
#[derive(Debug)]
struct Row {
    id: i64,
    parent: Option<i64>,
    level: i64,
    marker: String,
    title: String,
    part: String,
    inline: bool,
    start: usize,
    end: usize,
}

fn rows(db: &Connection, report: i64) -> Vec<Row> {
    let mut stmt = db
        .prepare(
            "SELECT id, parent_id, level, marker, title, part, inline, char_start, char_end
             FROM sections WHERE report_id = ? ORDER BY char_start, level",
        )
        .expect("prepare");
    stmt.query_map([report], |r| {
        Ok(Row {
            id: r.get(0)?,
            parent: r.get(1)?,
            level: r.get(2)?,
            marker: r.get(3)?,
            title: r.get(4)?,
            part: r.get(5)?,
            inline: r.get::<_, i64>(6)? == 1,
            start: r.get::<_, i64>(7)? as usize,
            end: r.get::<_, i64>(8)? as usize,
        })
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

/// The same normalisation the gold scorer uses: no spaces, quotes or brackets, either width.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"“”\"'‘’()（）".contains(*c))
        .map(|c| if c == '，' { ',' } else { c })
        .collect()
}

fn bigrams(s: &str) -> std::collections::HashSet<(char, char)> {
    let cs: Vec<char> = norm(s).chars().collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Title similarity as the gold scorer measures it: containment, or bigram overlap ≥ 0.6.
fn similar(a: &str, b: &str) -> bool {
    let (na, nb) = (norm(a), norm(b));
    if na.is_empty() || nb.is_empty() {
        return false;
    }
    if na.contains(&nb) || nb.contains(&na) {
        return true;
    }
    let (x, y) = (bigrams(a), bigrams(b));
    x.intersection(&y).count() as f64 / x.union(&y).count().max(1) as f64 >= 0.6
}

fn loaded_corpus() -> (WorkDir, Connection) {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let db = wd.db("warehouse.db");
    (wd, db)
}

fn report_id(db: &Connection, g: &serde_json::Value) -> i64 {
    let source = g["source"].as_str().expect("gold source");
    let index = g["report_index"].as_i64().unwrap_or(0);
    db.query_row(
        "SELECT id FROM reports WHERE source_path = 'corpus/' || ?1 AND source_index = ?2",
        rusqlite::params![source, index],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("report {source}#{index} not loaded: {e}"))
}

#[test]
fn top_level_headings_and_parts_match_the_gold() {
    let (_wd, db) = loaded_corpus();
    for (stem, g) in gold() {
        let got: Vec<(String, String, String)> = rows(&db, report_id(&db, &g))
            .into_iter()
            .filter(|r| r.level == 1)
            .map(|r| (r.marker, norm(&r.title), r.part))
            .collect();
        let want: Vec<(String, String, String)> = g["top_sections"]
            .as_array()
            .expect("gold top_sections")
            .iter()
            .map(|t| {
                let s = |k: &str| t[k].as_str().unwrap_or_default().to_string();
                (s("marker"), norm(&s("title")), s("part"))
            })
            .collect();
        assert_eq!(got, want, "{stem}: top-level sections");
    }
}

#[test]
fn top_sections_score_full_marks_with_the_gold_scorer() {
    let score = score_sample_corpus();
    let (p, r) = precision_recall(&score, "top_sections");
    eprintln!("top_sections: precision {p:.3}, recall {r:.3}");
    assert_eq!((p, r), (1.0, 1.0), "{}", score["per_report"]);
}

/// Second-level headings: for each gold top section, its level-2 children with a title (rows the
/// text rather than a heading marks have none) against the gold `sub_sections`, matched by title.
#[test]
fn sub_sections_precision_and_recall() {
    let (_wd, db) = loaded_corpus();
    let (mut matched, mut gold_n, mut loaded_n, mut inline_ok, mut inline_n) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for (stem, g) in gold() {
        let all = rows(&db, report_id(&db, &g));
        let tops: Vec<&Row> = all.iter().filter(|r| r.level == 1).collect();
        let subs = g["sub_sections"].as_array().cloned().unwrap_or_default();
        for (k, top) in tops.iter().enumerate() {
            let got: Vec<&Row> =
                all.iter().filter(|r| r.parent == Some(top.id) && r.level == 2 && !r.title.is_empty()).collect();
            let want: Vec<&serde_json::Value> =
                subs.iter().filter(|s| s["parent"].as_u64() == Some(k as u64)).collect();
            loaded_n += got.len();
            gold_n += want.len();
            let mut used = vec![false; got.len()];
            for w in want {
                let title = w["title"].as_str().unwrap_or_default();
                match (0..got.len()).find(|&j| !used[j] && similar(title, &got[j].title)) {
                    Some(j) => {
                        used[j] = true;
                        matched += 1;
                        assert_eq!(
                            got[j].marker,
                            w["marker"].as_str().unwrap_or_default(),
                            "{stem}: marker of {title}"
                        );
                        inline_n += 1;
                        inline_ok += usize::from(got[j].inline == w["inline"].as_bool().unwrap_or(false));
                    }
                    None => misses.push(format!("{stem}: {title}")),
                }
            }
        }
    }
    let precision = matched as f64 / loaded_n.max(1) as f64;
    let recall = matched as f64 / gold_n.max(1) as f64;
    eprintln!(
        "sub_sections: precision {precision:.3}, recall {recall:.3} ({matched} of {gold_n} gold, {loaded_n} loaded); \
         inline flag agrees on {inline_ok} of {inline_n}"
    );
    assert!(precision >= 0.95 && recall >= 0.95, "sub_sections P {precision:.3} R {recall:.3}; missed: {misses:#?}");
}

/// Children inside parents, siblings apart, every character of every body in some row, parts
/// from the contract, one preamble at most and only at level 0.
#[test]
fn spans_nest_and_cover_every_body() {
    let (_wd, db) = loaded_corpus();
    let reports: Vec<(i64, usize)> = {
        let mut stmt = db.prepare("SELECT id, char_count FROM reports").expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("reports")
    };
    assert_eq!(reports.len(), 9);
    let parts = ["preamble", "review", "problems", "plan", "self_building", "closing", "other"];
    for (report, chars) in reports {
        let all = rows(&db, report);
        assert!(!all.is_empty(), "report {report} has no sections");
        let by_id = |id: i64| all.iter().find(|r| r.id == id).expect("parent row exists");
        let mut covered = vec![false; chars];
        for r in &all {
            assert!(r.start < r.end && r.end <= chars, "report {report}: bad span {r:?}");
            assert!(parts.contains(&r.part.as_str()), "report {report}: part {}", r.part);
            assert_eq!(r.level == 0, r.part == "preamble", "report {report}: preamble only at level 0: {r:?}");
            if let Some(p) = r.parent {
                let p = by_id(p);
                assert!(p.start <= r.start && r.end <= p.end, "report {report}: {r:?} outside {p:?}");
                assert!(r.level > p.level, "report {report}: {r:?} not below {p:?}");
            } else {
                assert!(r.level <= 1, "report {report}: a root below level 1: {r:?}");
            }
            for s in all.iter().filter(|s| s.id != r.id && s.parent == r.parent) {
                assert!(s.end <= r.start || r.end <= s.start, "report {report}: siblings overlap: {r:?} {s:?}");
            }
            covered[r.start..r.end].iter_mut().for_each(|c| *c = true);
        }
        assert!(covered.iter().all(|&c| c), "report {report}: characters outside every section");
    }
}

/// The parts facts are placed by: the targets paragraph is plan, the problems paragraph ends the
/// review, and the appeal closes every complete speech in the sample.
#[test]
fn text_marked_parts_in_the_sample() {
    let (_wd, db) = loaded_corpus();
    for (stem, g) in gold() {
        let id = report_id(&db, &g);
        let body: String = db.query_row("SELECT body FROM reports WHERE id = ?", [id], |r| r.get(0)).expect("body");
        let chars: Vec<char> = body.chars().collect();
        let all = rows(&db, id);
        let text_of = |r: &Row| chars[r.start..r.end].iter().collect::<String>();
        // The innermost row at the 主要预期目标 paragraph is plan.
        if let Some(b) = body.find("主要预期目标") {
            let at = body[..b].chars().count();
            let inner = all.iter().filter(|r| r.start <= at && at < r.end).max_by_key(|r| r.level).expect("a row");
            assert_eq!(inner.part, "plan", "{stem}: targets paragraph");
        }
        // The work summary in the sample (a report, not a speech) names no problems and makes no appeal.
        let speech = g["kind"].as_str() == Some("government_work_report");
        let problems: Vec<&Row> = all.iter().filter(|r| r.part == "problems").collect();
        if speech {
            assert_eq!(problems.len(), 1, "{stem}: one problems row");
            let review = all.iter().find(|r| Some(r.id) == problems[0].parent).expect("problems parent");
            assert_eq!((review.level, review.part.as_str()), (1, "review"), "{stem}");
        }
        let closing: Vec<&Row> = all.iter().filter(|r| r.part == "closing").collect();
        if g["complete"].as_bool() == Some(true) && speech {
            assert_eq!(closing.len(), 1, "{stem}: one closing row");
            assert_eq!(closing[0].end, chars.len(), "{stem}: the appeal ends the report");
            assert!(text_of(closing[0]).starts_with("各位代表"), "{stem}");
        } else {
            assert!(closing.is_empty(), "{stem}: no appeal in a cut-off report or a summary");
        }
    }
}
