//! The command line documents itself: every subcommand has help text with examples.

use crate::util::WorkDir;

/// The subcommands `gwr --help` lists.
fn subcommands(wd: &WorkDir) -> Vec<String> {
    let help = wd.gwr(&["--help"]).ok().stdout();
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A wrapped description continues on a line indented deeper than the command names.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_subcommand_has_help_with_examples() {
    let wd = WorkDir::new();
    let commands = subcommands(&wd);
    assert!(commands.len() >= 4, "subcommands listed: {commands:?}");
    for c in &commands {
        let help = wd.gwr(&["help", c]).ok().stdout();
        let examples = help.split("Examples:").nth(1).unwrap_or_else(|| panic!("gwr {c}: no Examples: block\n{help}"));
        assert!(
            examples.lines().any(|l| l.trim_start().starts_with(&format!("gwr {c}"))),
            "gwr {c}: its examples do not show the command\n{help}"
        );
    }
}

#[test]
fn an_unknown_option_is_refused_with_usage() {
    let wd = WorkDir::new();
    let run = wd.gwr(&["load", "--no-such-option"]).expect_code(2);
    assert!(run.stderr().contains("Usage:"), "{}", run.stderr());
}

#[test]
fn summary_lines_count_in_the_singular_and_quiet_counts_warnings_instead() {
    let wd = WorkDir::new();
    let corpus = wd.copy_corpus();
    // The compilation file holds a report that is cut off: a warning.
    let compilation = corpus.join("001_d2fc8c44b527f0e4.txt");
    let one = wd.gwr(&["load", "corpus/000_5f3145f1445451d9.txt", "--db", "one.db"]).ok();
    assert!(
        one.stdout().contains(": 1 file seen, 1 report loaded,") && one.stdout().contains(", 0 files failed"),
        "{}",
        one.stdout()
    );
    let loud = wd.gwr(&["load", compilation.to_str().expect("path"), "--db", "loud.db"]).ok();
    assert!(loud.stderr().contains("warning:"), "{}", loud.stderr());
    assert!(!loud.stdout().contains("warning"), "{}", loud.stdout());
    let quiet = wd.gwr(&["load", compilation.to_str().expect("path"), "--db", "quiet.db", "--quiet"]).ok();
    assert!(quiet.stderr().is_empty(), "{}", quiet.stderr());
    let warnings = loud.stderr().lines().filter(|l| l.contains(": warning:")).count();
    assert!(
        quiet.stdout().trim_end().ends_with(&format!(", {warnings} warning{}", if warnings == 1 { "" } else { "s" })),
        "{}",
        quiet.stdout()
    );
}

#[test]
fn search_says_how_many_more_matched_and_limit_0_shows_all() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    wd.gwr(&["index"]).ok();
    let all = wd.gwr(&["search", "营商环境", "--limit", "0"]).ok();
    let n = all.stdout().lines().count();
    assert!(n > 3, "{}", all.stdout());
    assert!(all.stderr().is_empty(), "{}", all.stderr());
    let some = wd.gwr(&["search", "营商环境", "--limit", "3"]).ok();
    assert_eq!(some.stdout().lines().count(), 3);
    assert!(some.stderr().contains(&format!("{} paragraphs more", n - 3)), "{}", some.stderr());
    let exact = wd.gwr(&["search", "营商环境", "--limit", &n.to_string()]).ok();
    assert!(exact.stderr().is_empty(), "{}", exact.stderr());
}

#[test]
fn synth_outside_the_repository_points_at_from() {
    let wd = WorkDir::new();
    let run = wd.gwr(&["synth", "--reports", "3", "--out", "out"]).expect_code(2);
    assert!(run.stderr().contains("--from"), "{}", run.stderr());
    assert!(!wd.path().join("out").exists());
}
