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
