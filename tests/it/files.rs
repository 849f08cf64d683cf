//! Files and their identity: every file has one lossless name that does not depend on the working
//! folder, a report held by any file is never lost, files that are gone can be pruned, and only
//! regular files of a report's size are read, each once.

use crate::util::{column, corpus, scalar, WorkDir};
use std::path::Path;

const FIRST: &str = "000_5f3145f1445451d9.txt";
const SECOND: &str = "001_d2fc8c44b527f0e4.txt";

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(corpus().join(name)).expect("read a sample report")
}

/// The sample report holding 74.23 (亿元, the 2024 output), with that figure corrected to 75.99.
fn corrected_first() -> Vec<u8> {
    let text = String::from_utf8(sample(FIRST)).expect("UTF-8 sample");
    assert!(text.contains("74.23亿元"), "the sample holds the figure");
    text.replace("74.23亿元", "75.99亿元").into_bytes()
}

fn panel_values(db: &rusqlite::Connection) -> Vec<f64> {
    column(db, "SELECT value FROM v_indicator_panel WHERE value IN (74.23, 75.99) ORDER BY value")
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_two_files() {
    use std::os::unix::ffi::OsStrExt;
    let wd = WorkDir::new();
    let dir = wd.path().join("in");
    std::fs::create_dir_all(&dir).expect("folder");
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"r\xff.txt")), sample(FIRST)).expect("write");
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"r\xfe.txt")), sample(SECOND)).expect("write");
    wd.gwr(&["load", "in"]).ok();
    let db = wd.db("warehouse.db");
    let names: Vec<String> = column(&db, "SELECT DISTINCT source_path FROM reports ORDER BY source_path");
    assert_eq!(names, ["in/r\\xfe.txt", "in/r\\xff.txt"]);
    let reports: i64 = scalar(&db, "SELECT count(*) FROM reports");
    let run = wd.gwr(&["load", "in"]).ok();
    assert!(run.stdout().contains(&format!("0 reports loaded, {reports} unchanged")), "{}", run.stdout());
}

#[test]
fn a_report_two_files_hold_survives_an_edit_of_one() {
    let wd = WorkDir::new();
    wd.write("in/a.txt", sample(FIRST));
    wd.write("in/b.txt", sample(FIRST));
    wd.gwr(&["load", "in"]).ok();
    let db = wd.db("warehouse.db");
    let before: Vec<String> = column(&db, "SELECT content_sha256 FROM reports ORDER BY content_sha256");
    wd.write("in/a.txt", corrected_first());
    wd.gwr(&["load", "in"]).ok();
    let held_by_b: Vec<String> =
        column(&db, "SELECT content_sha256 FROM reports WHERE source_path = 'in/b.txt' ORDER BY content_sha256");
    assert_eq!(held_by_b, before, "b.txt's reports are still there");
    let values: Vec<f64> = column(&db, "SELECT value FROM indicators WHERE value IN (74.23, 75.99) ORDER BY value");
    assert_eq!(values, [74.23, 75.99], "both versions: each is a file's text");
    let again = wd.gwr(&["load", "in"]).ok();
    assert!(again.stdout().contains("0 reports loaded"), "{}", again.stdout());
}

#[test]
fn a_folder_is_the_same_files_from_any_working_folder_or_spelling() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    std::fs::create_dir_all(wd.path().join("elsewhere")).expect("folder");
    let db_path = wd.path().join("warehouse.db");
    for (cwd, arg) in [("elsewhere", "../corpus"), ("corpus", "."), ("elsewhere", "../corpus/")] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("gwr"))
            .args(["load", arg, "--db"])
            .arg(&db_path)
            .current_dir(wd.path().join(cwd))
            .output()
            .expect("run gwr");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("0 reports loaded, 9 unchanged"), "{arg} from {cwd}: {stdout}");
    }
    let one = wd.gwr(&["load", &format!("corpus/{FIRST}")]).ok();
    assert!(one.stdout().contains("0 reports loaded"), "{}", one.stdout());
    assert_eq!(scalar::<i64>(&wd.db("warehouse.db"), "SELECT count(*) FROM source_files"), 5);
}

#[test]
fn two_folders_of_one_name_do_not_take_each_others_files() {
    let wd = WorkDir::new();
    wd.write("2023/reports/a.txt", sample(FIRST));
    wd.write("2024/reports/a.txt", sample(SECOND));
    wd.gwr(&["load", "2023/reports"]).ok();
    wd.gwr(&["load", "2024/reports"]).ok();
    let db = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&db, "SELECT count(DISTINCT source_path) FROM reports"), 2);
    let again = wd.gwr(&["load", "2023/reports", "2024/reports"]).ok();
    assert!(again.stdout().contains("0 reports loaded"), "{}", again.stdout());
}

#[test]
fn renamed_and_deleted_files_are_pruned_on_request() {
    let wd = WorkDir::new();
    let dir = wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    // Renamed and corrected; another file deleted.
    std::fs::remove_file(dir.join(FIRST)).expect("remove");
    std::fs::write(dir.join("renamed.txt"), corrected_first()).expect("write");
    std::fs::remove_file(dir.join(SECOND)).expect("remove");
    let kept = wd.gwr(&["load"]).ok();
    assert!(kept.stdout().contains("2 file(s) loaded earlier are gone"), "{}", kept.stdout());
    let info = wd.gwr(&["info"]).ok();
    assert!(info.stdout().contains("files gone      2"), "{}", info.stdout());
    let pruned = wd.gwr(&["load", "--prune"]).ok();
    assert!(pruned.stdout().contains("2 file(s) gone"), "{}", pruned.stdout());
    let db = wd.db("warehouse.db");
    assert_eq!(panel_values(&db), [75.99], "only the corrected figure is cited");
    let names: Vec<String> = column(&db, "SELECT DISTINCT source_path FROM reports ORDER BY 1");
    assert!(!names.iter().any(|n| n.contains(FIRST) || n.contains(SECOND)), "{names:?}");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM source_files"), 4);
    assert!(wd.gwr(&["info"]).ok().stdout().contains("gone files pruned"));
}

#[test]
fn a_moved_file_keeps_its_report_after_the_old_name_is_pruned() {
    let wd = WorkDir::new();
    wd.write("in/a.txt", sample(FIRST));
    wd.gwr(&["load", "in"]).ok();
    std::fs::create_dir_all(wd.path().join("in/sub")).expect("folder");
    std::fs::rename(wd.path().join("in/a.txt"), wd.path().join("in/sub/a.txt")).expect("move");
    wd.gwr(&["load", "in", "--prune"]).ok();
    let names: Vec<String> = column(&wd.db("warehouse.db"), "SELECT DISTINCT source_path FROM reports");
    assert_eq!(names, ["in/sub/a.txt"]);
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn pipes_devices_loops_and_unreadable_folders_cost_only_themselves() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let wd = WorkDir::new();
    let dir = wd.copy_corpus();
    mkfifo(&dir.join("pipe.txt"));
    symlink("/dev/zero", dir.join("zero.txt")).expect("symlink");
    symlink("..", dir.join("loop")).expect("symlink");
    symlink(dir.join(FIRST), dir.join("again.txt")).expect("symlink");
    let closed = dir.join("closed");
    std::fs::create_dir_all(&closed).expect("folder");
    std::fs::write(closed.join("x.txt"), sample(SECOND)).expect("write");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let root_can_read = std::fs::read_dir(&closed).is_ok();

    let start = std::time::Instant::now();
    let run = wd.gwr(&["load"]).expect_code(1);
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert!(start.elapsed() < std::time::Duration::from_secs(60), "the load ended");
    let db = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports"), 9, "{}", run.stderr());
    let mut expected = vec!["corpus/pipe.txt not_a_file", "corpus/zero.txt not_a_file"];
    if !root_can_read {
        expected.insert(0, "corpus/closed unreadable_folder");
    }
    let errors: Vec<String> = column(&db, "SELECT source_path || ' ' || reason FROM load_errors ORDER BY 1");
    assert_eq!(errors, expected);
    // The loop and the second link add nothing: each file once.
    for odd in ["corpus/pipe.txt", "corpus/zero.txt"] {
        let inspect = wd.gwr(&["inspect", odd]).expect_code(1);
        assert!(inspect.stdout().contains("not_a_file"), "{odd}: {}", inspect.stdout());
    }
    let readable = 5 + i64::from(root_can_read);
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM source_files WHERE refusal IS NULL"), readable);
}

#[test]
fn a_file_too_large_for_a_report_is_refused_unread() {
    let wd = WorkDir::new();
    let file = std::fs::File::create(wd.path().join("huge.txt")).expect("create");
    file.set_len(gwr::files::MAX_FILE_BYTES + 1).expect("a sparse file over the limit");
    let run = wd.gwr(&["load", "huge.txt"]).expect_code(1);
    assert!(run.stderr().contains("too_large"), "{}", run.stderr());
    let inspect = wd.gwr(&["inspect", "huge.txt"]).expect_code(1);
    assert!(inspect.stdout().contains("too_large"), "{}", inspect.stdout());
}

#[test]
fn refused_files_are_not_reported_again_until_they_change() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.write("corpus/notes.txt", "购物清单：苹果、梨、香蕉。".repeat(20));
    let first = wd.gwr(&["load"]).expect_code(1);
    assert!(first.stderr().contains("notes.txt"), "{}", first.stderr());
    let again = wd.gwr(&["load"]).ok();
    assert!(!again.stderr().contains("notes.txt"), "{}", again.stderr());
    assert!(again.stdout().contains("1 file(s) refused by an earlier run"), "{}", again.stdout());
    let forced = wd.gwr(&["load", "--force"]).expect_code(1);
    assert!(forced.stderr().contains("notes.txt"), "{}", forced.stderr());
}

#[test]
fn a_folder_without_report_files_says_so() {
    let wd = WorkDir::new();
    wd.write("empty/readme.md", "nothing here");
    let run = wd.gwr(&["load", "empty"]).ok();
    assert!(run.stderr().contains("no report files"), "{}", run.stderr());
    assert!(!wd.path().join("warehouse.db").exists(), "nothing written");
}
