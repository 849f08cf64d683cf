//! The warehouse checksum (`gwr checksum`, by content): the same corpus loaded in one run and loaded
//! a part at a time into a growing warehouse gives the same warehouse, facts and stored views
//! included; and a changed fact changes the checksum.

use crate::util::WorkDir;
use std::path::{Path, PathBuf};

/// Every file under `dir`, sorted by path.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).expect("read folder") {
            let p = entry.expect("entry").path();
            if p.is_dir() {
                folders.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn checksum(wd: &WorkDir, db: &str) -> String {
    wd.gwr(&["checksum", "--db", db]).ok().stdout().trim().to_string()
}

#[test]
fn one_load_and_a_load_in_parts_give_the_same_checksum() {
    let wd = WorkDir::new();
    let from = crate::util::corpus();
    let from = from.to_str().expect("path");
    wd.gwr(&["synth", "--reports", "240", "--out", "all", "--seed", "5", "--from", from]).ok();
    let files = files_under(&wd.path().join("all"));
    assert!(files.len() > 200, "{} files", files.len());
    // The same names under corpus/, copied in three parts, each loaded into the growing warehouse.
    for part in files.chunks(files.len().div_ceil(3)) {
        for p in part {
            let to = wd.path().join("corpus").join(p.strip_prefix(wd.path().join("all")).expect("under all"));
            std::fs::create_dir_all(to.parent().expect("folder")).expect("folder");
            std::fs::copy(p, to).expect("copy");
        }
        let run = wd.gwr(&["load", "corpus", "--db", "parts.db", "--quiet"]);
        assert!(run.code() == 0 || run.code() == 1, "{}", run.stderr());
    }
    // The whole corpus in one run.
    wd.gwr(&["load", "corpus", "--db", "whole.db", "--quiet"]).expect_code(1);
    let whole = checksum(&wd, "whole.db");
    assert_eq!(whole.len(), 64, "{whole}");
    let parts = wd.gwr(&["checksum", "--db", "parts.db", "--parts"]).ok().stdout();
    let whole_parts = wd.gwr(&["checksum", "--db", "whole.db", "--parts"]).ok().stdout();
    assert_eq!(parts, whole_parts, "the warehouse loaded in parts differs from the one loaded whole");
    // The writer skips the CHECK constraints (its words come from gwr's enums), and the foreign-key
    // checks of batches that only add rows (their parents are rows it has just written or looked
    // up): every row meets them.
    for db in ["whole.db", "parts.db"] {
        assert_eq!(crate::util::scalar::<String>(&wd.db(db), "PRAGMA integrity_check"), "ok", "{db}");
        assert_eq!(crate::util::scalar::<i64>(&wd.db(db), "SELECT count(*) FROM pragma_foreign_key_check"), 0, "{db}");
    }
    let reports: i64 = crate::util::scalar(&wd.db("whole.db"), "SELECT count(*) FROM reports");
    assert!(reports > 200, "{reports} reports");

    // One changed figure is seen.
    wd.db("parts.db")
        .execute("UPDATE indicators SET quote = quote || '。' WHERE id = (SELECT min(id) FROM indicators)", [])
        .expect("update");
    assert_ne!(checksum(&wd, "parts.db"), whole);
}
