//! The README runs as written. Every ```` ```console ```` block in it is a transcript: a line
//! starting with `$ ` is a command (continued on the next lines while a quote is open or a line
//! ends in `\`), the lines after it are what it prints, stdout and stderr together as a terminal
//! shows them. This test runs every command, in README order, with the `gwr` under test first on
//! the PATH, in a folder laid out like the repository after `make load` (the sample corpus loaded
//! into warehouse.db, sql/examples/ and data/ beside it), and compares. A line `...` in the
//! expected output stands for any lines (output that legitimately varies, such as timings); the
//! README uses it sparingly. Blocks of other languages (```` ```sh ````: make, cargo, git) are not
//! run.

use crate::util::{root, WorkDir};
use std::path::Path;
use std::process::Command;

/// One command of a transcript with the output the README shows for it.
#[derive(Debug)]
struct Example {
    /// The README line the command starts on (1-based), for the failure message.
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// True while `text` leaves a quote open or ends in a backslash, as a shell would wait for more.
fn incomplete(text: &str) -> bool {
    let (mut single, mut double, mut escaped) = (false, false, false);
    for c in text.chars() {
        if escaped {
            escaped = false;
        } else if single {
            single = c != '\'';
        } else if c == '\\' {
            escaped = true;
        } else if double {
            double = c != '"';
        } else if c == '\'' {
            single = true;
        } else if c == '"' {
            double = true;
        }
    }
    single || double || text.ends_with('\\')
}

/// The commands of every ```console block, in order.
fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut in_other = false;
    let mut continuing = false;
    for (n, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            if in_console || in_other {
                in_console = false;
                in_other = false;
            } else if line.trim() == "```console" {
                in_console = true;
            } else {
                in_other = true;
            }
            continuing = false;
            continue;
        }
        if !in_console {
            continue;
        }
        if continuing {
            let last = out.last_mut().expect("a command is being continued");
            last.command.push('\n');
            last.command.push_str(line);
            continuing = incomplete(&last.command);
        } else if let Some(command) = line.strip_prefix("$ ") {
            out.push(Example { line: n + 1, command: command.to_string(), expected: Vec::new() });
            continuing = incomplete(command);
        } else {
            let last =
                out.last_mut().unwrap_or_else(|| panic!("README line {}: output before any `$ ` command", n + 1));
            last.expected.push(line.trim_end().to_string());
        }
    }
    out
}

/// Whether `got` matches `want`, where a `want` line `...` matches any number of lines.
fn matches(want: &[String], got: &[String]) -> bool {
    match want.split_first() {
        None => got.is_empty(),
        Some((first, rest)) if first == "..." => (0..=got.len()).any(|skip| matches(rest, &got[skip..])),
        Some((first, rest)) => got.first() == Some(first) && matches(rest, &got[1..]),
    }
}

fn trimmed_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Runs `command` with bash in `dir`, with the gwr under test first on the PATH.
fn run(dir: &Path, command: &str) -> (bool, String) {
    let gwr = std::path::PathBuf::from(assert_cmd::cargo::cargo_bin!("gwr"));
    let bin_dir = gwr.parent().expect("the binary's folder");
    let path = std::env::join_paths(
        std::iter::once(bin_dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(dir)
        .env("PATH", path)
        .env("COLUMNS", "100")
        .output()
        .expect("run bash");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The sample corpus, the example queries and the data files, as in the repository.
fn repository_layout(wd: &WorkDir) {
    wd.copy_corpus();
    for (from, to) in [("sql/examples", "sql/examples"), ("data", "data")] {
        let dest = wd.path().join(to);
        std::fs::create_dir_all(&dest).expect("create folder");
        for entry in std::fs::read_dir(root().join(from)).expect("read folder") {
            let p = entry.expect("entry").path();
            if p.is_file() {
                std::fs::copy(&p, dest.join(p.file_name().expect("name"))).expect("copy");
            }
        }
    }
}

#[test]
fn every_console_example_in_the_readme_prints_what_the_readme_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("read README.md");
    let examples = examples(&readme);
    assert!(examples.len() >= 20, "only {} examples found in README.md", examples.len());
    let wd = WorkDir::new();
    repository_layout(&wd);
    // What `make load` does once gwr is built; the README shows its summary line.
    let load = wd.gwr(&["load", "--db", "warehouse.db"]).ok().stdout();
    let summary = load.lines().last().expect("a summary line");
    assert!(readme.contains(summary), "the README does not show make load's line:\n{summary}");

    let mut failures = Vec::new();
    for ex in &examples {
        let (ok, output) = run(wd.path(), &ex.command);
        let got = trimmed_lines(&output);
        let mut want = ex.expected.clone();
        while want.last().is_some_and(|l| l.is_empty()) {
            want.pop();
        }
        if !ok || !matches(&want, &got) {
            failures.push(format!(
                "README.md:{}: $ {}\n{}--- README shows\n{}\n--- it printed\n{}",
                ex.line,
                ex.command,
                if ok { "" } else { "(exit status not 0)\n" },
                want.join("\n"),
                got.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} README examples differ:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
}

#[test]
fn transcripts_are_read_as_a_shell_would() {
    let text = "```sh\n$ make load\n```\n```console\n$ gwr search 安全 \\\n  --limit 1\nline 1\n$ sqlite3 w.db \"SELECT 1\n  AS one;\"\n...\n```\n";
    let ex = examples(text);
    assert_eq!(ex.len(), 2, "{ex:?}");
    assert_eq!(ex[0].command, "gwr search 安全 \\\n  --limit 1");
    assert_eq!(ex[0].expected, vec!["line 1"]);
    assert_eq!(ex[1].command, "sqlite3 w.db \"SELECT 1\n  AS one;\"");
    assert!(incomplete("echo 'it''s") && !incomplete("echo \"a 'b' c\""));
    let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&lines(&["a", "...", "d"]), &lines(&["a", "b", "c", "d"])));
    assert!(matches(&lines(&["a", "...", "b"]), &lines(&["a", "b"])));
    assert!(!matches(&lines(&["a", "b"]), &lines(&["a", "b", "c"])));
    assert!(!matches(&lines(&["a", "...", "d"]), &lines(&["a", "b"])));
}
