//! Durability: a load killed at any moment leaves a sound warehouse holding only whole files'
//! reports, a re-run completes it, a reader during a load is never blocked for long nor sees half a
//! report, and a database of the first schema upgrades without loss.

use crate::util::{column, root, rows_apart, scalar, WorkDir};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A synthetic corpus of `n` files in `dir` (deterministic).
fn synth(wd: &WorkDir, n: usize, dir: &str) {
    let from = crate::util::corpus();
    wd.gwr(&[
        "synth",
        "--reports",
        &n.to_string(),
        "--out",
        dir,
        "--seed",
        "3",
        "--from",
        from.to_str().expect("path"),
    ])
    .ok();
}

/// Per report (by content hash): how many sections, indicators, targets and projects it has.
const FACT_COUNTS: &str = "SELECT r.content_sha256 || ':' ||
        (SELECT count(*) FROM sections s WHERE s.report_id = r.id) || ',' ||
        (SELECT count(*) FROM indicators i WHERE i.report_id = r.id) || ',' ||
        (SELECT count(*) FROM targets t WHERE t.report_id = r.id) || ',' ||
        (SELECT count(*) FROM projects p WHERE p.report_id = r.id)
    FROM reports r ORDER BY r.content_sha256";

/// Files whose reports are not all there: a file is written whole or not at all.
const PARTIAL_FILES: &str = "SELECT count(*) FROM source_files f
    WHERE f.report_count <> (SELECT count(*) FROM reports r WHERE r.source_path = f.source_path)";

#[test]
fn a_killed_load_leaves_whole_reports_and_a_rerun_completes_it() {
    let wd = WorkDir::new();
    synth(&wd, 300, "corpus");
    wd.gwr(&["load", "corpus", "--db", "reference.db"]).expect_code(1);
    let reference = wd.db("reference.db");
    let expected: Vec<String> = column(&reference, FACT_COUNTS);
    assert!(expected.len() > 250, "the synthetic corpus loads: {}", expected.len());

    let exe = assert_cmd::cargo::cargo_bin!("gwr");
    for delay_ms in [30u64, 120, 250, 400, 700] {
        let mut child = Command::new(exe)
            .args(["load", "corpus", "--db", "killed.db"])
            .current_dir(wd.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gwr load");
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL the load"); // Child::kill sends SIGKILL on Unix
        child.wait().expect("reap the load");
        if !wd.path().join("killed.db").exists() {
            continue;
        }
        let db = wd.db("killed.db");
        assert_eq!(scalar::<String>(&db, "PRAGMA integrity_check"), "ok", "killed after {delay_ms} ms");
        let migrated: bool = scalar(&db, "SELECT count(*) = 1 FROM sqlite_master WHERE name = 'source_files'");
        if !migrated {
            continue; // killed while the schema was being created: the next run finishes it
        }
        assert_eq!(scalar::<i64>(&db, PARTIAL_FILES), 0, "half a file stored, killed after {delay_ms} ms");
        let got: Vec<String> = column(&db, FACT_COUNTS);
        let stray: Vec<&String> = got.iter().filter(|r| !expected.contains(r)).collect();
        assert!(stray.is_empty(), "reports with missing facts after a kill at {delay_ms} ms: {stray:?}");
    }
    wd.gwr(&["load", "corpus", "--db", "killed.db"]).expect_code(1);
    let db = wd.db("killed.db");
    assert_eq!(column::<String>(&db, FACT_COUNTS), expected, "the re-run completes the warehouse");
    // The stored panel was refreshed for every report, including those the killed runs committed.
    assert_eq!(rows_apart(&db, "v_indicator_panel", "v_indicator_panel_computed"), 0, "the panel follows the re-run");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM stale_towns"), 0, "no town left stale");
}

#[test]
fn a_reader_during_a_load_is_not_blocked_and_never_sees_half_a_file() {
    let wd = WorkDir::new();
    synth(&wd, 400, "corpus");
    wd.gwr(&["migrate", "--db", "live.db"]).ok();
    let exe = assert_cmd::cargo::cargo_bin!("gwr");
    let mut load = Command::new(exe)
        .args(["load", "corpus", "--db", "live.db"])
        .current_dir(wd.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start gwr load");
    let query = format!("SELECT ({PARTIAL_FILES}), (SELECT count(*) FROM reports);");
    let mut reads = 0;
    let mut slowest = Duration::ZERO;
    let mut counts = Vec::new();
    while load.try_wait().expect("poll the load").is_none() {
        let t = Instant::now();
        // As a user reading during a load would, the shell waits a little for a lock rather than
        // failing at once (`.timeout`); how long it waited is what the test bounds.
        let out = Command::new("sqlite3")
            .args(["-cmd", ".timeout 5000"])
            .arg(wd.path().join("live.db"))
            .arg(&query)
            .output()
            .expect("run sqlite3");
        slowest = slowest.max(t.elapsed());
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "the shell failed during a load: {}", String::from_utf8_lossy(&out.stderr));
        let (partial, reports) = stdout.trim().split_once('|').expect("two columns");
        assert_eq!(partial, "0", "a reader saw half a file");
        counts.push(reports.parse::<i64>().expect("a count"));
        reads += 1;
    }
    assert!(reads >= 3, "the load ended before the reader could look ({reads} reads)");
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "reports only ever appear: {counts:?}");
    // A moment: the writer commits a batch at a time, so a reader waits at most for a checkpoint.
    assert!(slowest < Duration::from_secs(2), "a read took {slowest:?} during the load");
    eprintln!("{reads} reads during the load, the slowest {slowest:?}");
}

#[test]
fn a_first_schema_database_upgrades_without_loss() {
    let wd = WorkDir::new();
    std::fs::copy(root().join("tests/fixtures/warehouse-v1.db"), wd.path().join("old.db")).expect("copy fixture");
    let old = wd.db("old.db");
    let tables = ["reports", "towns", "sections", "indicators", "targets", "projects", "load_runs"];
    let before: Vec<i64> = tables.iter().map(|t| scalar(&old, &format!("SELECT count(*) FROM {t}"))).collect();
    assert_eq!(scalar::<i64>(&old, "SELECT max(version) FROM refinery_schema_history"), 1);
    drop(old);

    wd.gwr(&["migrate", "--db", "old.db"]).ok();
    let db = wd.db("old.db");
    let after: Vec<i64> = tables.iter().map(|t| scalar(&db, &format!("SELECT count(*) FROM {t}"))).collect();
    assert_eq!(before, after, "row counts of {tables:?}");
    let latest = std::fs::read_dir(root().join("migrations")).expect("migrations").count() as i64;
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM refinery_schema_history"), latest);
    let value: f64 = scalar(&db, "SELECT value_base FROM indicators WHERE name = '规上工业产值'");
    assert_eq!(value, 7_423_000_000.0);
    for t in ["indicators", "targets", "projects"] {
        let broken: i64 = scalar(
            &db,
            &format!(
                "SELECT count(*) FROM {t} f JOIN reports r ON r.id = f.report_id
                 WHERE substr(r.body, f.char_start + 1, f.char_end - f.char_start) IS NOT f.quote"
            ),
        );
        assert_eq!(broken, 0, "provenance of {t} after the upgrade");
    }
    // The upgraded warehouse takes the corpus it was made from as already loaded.
    wd.copy_corpus();
    let run = wd.gwr(&["load", "--db", "old.db"]).ok();
    assert!(run.stdout().contains("9 unchanged"), "{}", run.stdout());
}
