//! The warehouse file: one writer at a time, other databases refused untouched, a newer schema
//! named, SQLite's failures said once with what to do, read-only warehouses readable.

use crate::util::{latest_migration, scalar, WorkDir};
use std::process::{Command, Stdio};

#[test]
fn a_second_load_stops_at_once_while_one_runs() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    // The first load is made slow by a large folder: synthetic reports.
    let from = crate::util::corpus();
    wd.gwr(&["synth", "--reports", "600", "--out", "big", "--seed", "5", "--from", from.to_str().expect("path")]).ok();
    wd.gwr(&["migrate"]).ok();
    let mut first = Command::new(assert_cmd::cargo::cargo_bin!("gwr"))
        .args(["load", "big"])
        .current_dir(wd.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the first load");
    // Wait until the first load has started its run.
    let db = wd.db("warehouse.db");
    let started = std::time::Instant::now();
    while scalar::<i64>(&db, "SELECT count(*) FROM load_runs") == 0 && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let second = wd.gwr(&["load", "corpus"]);
    let first_running = first.try_wait().expect("poll").is_none();
    let first_status = first.wait().expect("first load");
    assert!(first_running, "the first load ended before the second started: make it larger");
    let second = second.expect_code(2);
    assert!(second.stderr().contains("another load is running on warehouse.db"), "{}", second.stderr());
    assert!(first_status.code().is_some_and(|c| c <= 1), "{first_status:?}");
    // No false failures anywhere.
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM load_errors WHERE reason = 'store_failed'"), 0);
}

#[test]
fn a_database_that_is_not_a_warehouse_is_refused_untouched() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    {
        let app = wd.db("app.db");
        app.execute_batch("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'a');")
            .expect("an application database");
    }
    let before = std::fs::read(wd.path().join("app.db")).expect("read");
    let run = wd.gwr(&["load", "--db", "app.db"]).expect_code(2);
    assert!(run.stderr().contains("app.db is a SQLite database but not a gwr warehouse"), "{}", run.stderr());
    assert!(run.stderr().len() < 400, "one short message: {}", run.stderr());
    assert_eq!(std::fs::read(wd.path().join("app.db")).expect("read"), before, "untouched");
    wd.write("notes.db", "just some text, not a database at all, long enough to fill a header page ......");
    let run = wd.gwr(&["load", "--db", "notes.db"]).expect_code(2);
    assert!(run.stderr().contains("notes.db is not a SQLite database"), "{}", run.stderr());
}

#[test]
fn a_warehouse_of_a_newer_gwr_is_named_and_left_alone() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["migrate"]).ok();
    let known = latest_migration();
    let newer = known + 1;
    wd.db("warehouse.db")
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (?1, 'future', 'now', '0')",
            [newer],
        )
        .expect("a newer migration");
    let run = wd.gwr(&["load"]).expect_code(2);
    let expected = format!("written by a newer gwr (schema V{newer}); this gwr knows V{known}");
    assert!(run.stderr().contains(&expected), "{}", run.stderr());
    assert_eq!(scalar::<i64>(&wd.db("warehouse.db"), "SELECT count(*) FROM reports"), 0);
}

#[test]
fn a_clashing_table_is_one_short_message() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["migrate"]).ok();
    // A table that the next migration would create, made by hand, and the history set back: to
    // before V11, which creates policy_terms_source (later migrations drop what they create first).
    let db = wd.db("warehouse.db");
    let creating = 11;
    assert!(latest_migration() >= creating);
    db.execute("DELETE FROM refinery_schema_history WHERE version >= ?1", [creating]).expect("set back");
    drop(db);
    let run = wd.gwr(&["load"]).expect_code(2);
    assert!(run.stderr().contains("upgrading the warehouse's schema failed"), "{}", run.stderr());
    assert!(run.stderr().len() < 600, "{} bytes: {}", run.stderr().len(), run.stderr());
}

#[test]
fn sqlite_failures_are_said_once_with_what_to_do() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    let run = wd.gwr(&["load", "--db", "no/such/folder/w.db"]).expect_code(2);
    let stderr = run.stderr();
    assert!(stderr.contains("the folder no/such/folder does not exist"), "{stderr}");
    assert!(!stderr.contains("Error code"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let info = wd.gwr(&["info", "--db", "missing.db"]).expect_code(2);
    assert!(info.stderr().contains("no warehouse at missing.db"), "{}", info.stderr());
    assert!(!info.stderr().contains("report file"), "{}", info.stderr());
}

#[cfg(unix)]
#[test]
fn read_only_commands_work_on_a_read_only_warehouse() {
    use std::os::unix::fs::PermissionsExt;
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let folder = wd.path().join("ro");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::copy(wd.path().join("warehouse.db"), folder.join("w.db")).expect("copy");
    std::fs::set_permissions(folder.join("w.db"), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let info = wd.gwr(&["info", "--db", "ro/w.db"]);
    let towns = wd.gwr(&["towns", "--db", "ro/w.db"]);
    let load = wd.gwr(&["load", "--db", "ro/w.db"]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    let info = info.ok();
    assert!(info.stdout().contains("reports"), "{}", info.stdout());
    towns.ok();
    // Root may write anywhere; otherwise the load says why it cannot.
    if load.code() != 0 {
        assert!(!load.stderr().contains("Error code"), "{}", load.stderr());
    }
}
