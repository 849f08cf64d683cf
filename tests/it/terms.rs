//! A term list of one's own: `gwr terms FILE` counts other terms in every stored report, and in
//! the reports loaded after it, without rebuilding gwr; `gwr terms --shipped` goes back.

use crate::util::{column, root, scalar, WorkDir};
use rusqlite::Connection;

/// (report id, term, occurrences) as v_term_frequency gives them, the zero rows left out.
fn counted(conn: &Connection) -> Vec<(i64, String, i64)> {
    let mut stmt = conn
        .prepare("SELECT report_id, term, occurrences FROM v_term_frequency WHERE occurrences > 0 ORDER BY 1, 2")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("query").map(|r| r.expect("row")).collect()
}

/// The same, counted here from the stored text: non-overlapping occurrences of each term.
fn counted_by_hand(conn: &Connection, terms: &[&str]) -> Vec<(i64, String, i64)> {
    let mut stmt = conn.prepare("SELECT id, body FROM reports ORDER BY id").expect("prepare");
    let bodies: Vec<(i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").map(|r| r.expect("row")).collect();
    let mut sorted = terms.to_vec();
    sorted.sort();
    let mut out = Vec::new();
    for (id, body) in bodies {
        for t in &sorted {
            let n = body.matches(t).count() as i64;
            if n > 0 {
                out.push((id, t.to_string(), n));
            }
        }
    }
    out
}

#[test]
fn an_own_term_list_is_counted_in_stored_and_later_reports_until_the_shipped_one_is_back() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load", "--db", "w.db"]).ok();
    let own = ["消防", "防汛", "未来乡村", "共富工坊", "党建"];
    let shipped = wd.gwr(&["terms", "--db", "w.db"]).ok().stdout();
    assert!(shipped.contains("the list gwr ships") && shipped.contains("新质生产力"), "{shipped}");
    assert!(own.iter().all(|t| !shipped.contains(&format!("term = \"{t}\""))), "not new:\n{shipped}");
    let before = counted(&wd.db("w.db"));

    let example = root().join("data/terms-own-example.toml");
    let run = wd.gwr(&["terms", example.to_str().expect("path"), "--db", "w.db"]).ok();
    assert!(run.stdout().contains("5 terms in 3 families") && run.stdout().contains("9 reports"), "{}", run.stdout());
    let conn = wd.db("w.db");
    let now = counted(&conn);
    assert!(!now.is_empty());
    assert_eq!(now, counted_by_hand(&conn, &own));
    assert_eq!(scalar::<i64>(&conn, "SELECT count(DISTINCT term) FROM v_term_frequency"), 5);
    drop(conn);

    // Opening the warehouse again keeps the list; the printed list reads back as a term list.
    wd.gwr(&["migrate", "--db", "w.db"]).ok();
    assert_eq!(counted(&wd.db("w.db")), now);
    let printed = wd.gwr(&["terms", "--db", "w.db"]).ok().stdout();
    assert!(printed.contains("its own list, read from") && printed.contains("共富工坊"), "{printed}");
    wd.write("printed.toml", &printed);
    wd.gwr(&["terms", "printed.toml", "--db", "w.db"]).ok();
    assert_eq!(counted(&wd.db("w.db")), now);

    // A report loaded later is counted for the warehouse's list, not the shipped one.
    let sample = std::fs::read_to_string(wd.path().join("corpus/003_65a6a9c374986012.txt")).expect("sample");
    wd.write("more/003-again.txt", format!("{sample}\n加强消防安全,做好防汛工作。\n"));
    wd.gwr(&["load", "more", "--db", "w.db"]).ok();
    let conn = wd.db("w.db");
    let terms: Vec<String> = column(&conn, "SELECT DISTINCT term FROM report_terms ORDER BY term");
    let mut want: Vec<String> = own.iter().map(|t| t.to_string()).collect();
    want.sort();
    assert!(terms.iter().all(|t| want.contains(t)), "shipped terms counted after the list changed: {terms:?}");
    assert_eq!(counted(&conn), counted_by_hand(&conn, &own));
    assert_eq!(scalar::<i64>(&conn, "SELECT count(*) FROM report_terms_pending"), 0);
    drop(conn);

    // A file that is no term list changes nothing.
    wd.write("bad.toml", "[[family]]\nname = \"x\"\n");
    let bad = wd.gwr(&["terms", "bad.toml", "--db", "w.db"]).expect_code(2);
    assert!(bad.stderr().contains("bad.toml is not a term list"), "{}", bad.stderr());
    assert_eq!(counted(&wd.db("w.db")).len(), counted_by_hand(&wd.db("w.db"), &own).len());

    // Back to the shipped list: the counts are the shipped list's again.
    let run = wd.gwr(&["terms", "--shipped", "--db", "w.db"]).ok();
    assert!(run.stdout().contains("now counts the shipped"), "{}", run.stdout());
    let conn = wd.db("w.db");
    let back: Vec<(i64, String, i64)> = counted(&conn).into_iter().filter(|(id, ..)| *id <= 9).collect();
    assert_eq!(back, before);
    assert_eq!(scalar::<i64>(&conn, "SELECT count(*) FROM policy_terms_source"), 0);
}
