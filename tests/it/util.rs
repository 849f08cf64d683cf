//! A temporary work folder with the real binary, printing command, stdout and stderr when a
//! check fails.

#![allow(dead_code)]

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root: the sample corpus and the gold live under it.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn corpus() -> PathBuf {
    root().join("corpus")
}

pub struct WorkDir {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary produced.
pub struct Run {
    pub cmd: String,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }
    fn describe(&self) -> String {
        format!(
            "command: {}\nexit: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.cmd,
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }
    /// Asserts the exit code, showing everything the command printed if it differs.
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(self.code(), code, "unexpected exit code\n{}", self.describe());
        self
    }
    pub fn ok(self) -> Self {
        self.expect_code(0)
    }
}

impl WorkDir {
    pub fn new() -> Self {
        WorkDir { dir: tempfile::tempdir().expect("create a temporary folder") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `gwr` with these arguments inside the work folder.
    pub fn gwr(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("gwr"));
        cmd.args(args).current_dir(self.path());
        let output = cmd.output().expect("run gwr");
        Run { cmd: format!("gwr {}", args.join(" ")), output }
    }

    /// Copies the sample corpus into `corpus/` of the work folder.
    pub fn copy_corpus(&self) -> PathBuf {
        let dest = self.path().join("corpus");
        std::fs::create_dir_all(&dest).expect("create corpus folder");
        for entry in std::fs::read_dir(corpus()).expect("read sample corpus") {
            let p = entry.expect("corpus entry").path();
            if p.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&p, dest.join(p.file_name().expect("file name"))).expect("copy corpus file");
            }
        }
        dest
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(name);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).expect("create folder");
        }
        std::fs::write(&p, bytes).expect("write file");
        p
    }

    pub fn db(&self, name: &str) -> Connection {
        Connection::open(self.path().join(name)).expect("open database")
    }
}

/// One column of every row a query returns.
pub fn column<T: rusqlite::types::FromSql>(db: &Connection, sql: &str) -> Vec<T> {
    let mut stmt = db.prepare(sql).expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("rows")
}

pub fn scalar<T: rusqlite::types::FromSql>(db: &Connection, sql: &str) -> T {
    db.query_row(sql, [], |r| r.get(0)).expect("scalar query")
}

/// The gold annotations (tests/gold/*.json), by file stem.
pub fn gold() -> Vec<(String, serde_json::Value)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/gold"))
        .expect("read tests/gold")
        .map(|e| e.expect("gold entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read gold file");
            let stem = p.file_stem().and_then(|s| s.to_str()).expect("gold file name").to_string();
            (stem, serde_json::from_str(&text).expect("gold file is JSON"))
        })
        .collect()
}

/// Loads the sample corpus into a fresh warehouse and scores it against the gold with the
/// scorer `tests/gold/eval.py` (the same one the figures in the notes come from). Every test that
/// asks gets the same score: the corpus is loaded and scored once per test run.
pub fn score_sample_corpus() -> serde_json::Value {
    sample_corpus().0.clone()
}

/// Every fact's name in the sample corpus's warehouse: (table, name, quote).
pub fn sample_fact_names() -> &'static [[String; 3]] {
    &sample_corpus().1
}

/// The names of the facts in a warehouse: (table, name, quote).
pub fn fact_names(db: &Connection) -> Vec<[String; 3]> {
    let mut out = Vec::new();
    for table in ["indicators", "targets", "projects"] {
        let mut stmt = db.prepare(&format!("SELECT name, quote FROM {table}")).expect("prepare");
        let rows = stmt.query_map([], |r| Ok([table.to_string(), r.get(0)?, r.get(1)?])).expect("query");
        out.extend(rows.map(|r| r.expect("row")));
    }
    out
}

/// A warehouse scored against a folder of gold by `tests/gold/eval.py`, as JSON.
fn eval(db: &std::path::Path, gold: &str) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(root().join("tests/gold/eval.py"))
        .arg(db)
        .arg(root().join(gold))
        .arg("--json")
        .output()
        .expect("run python3 tests/gold/eval.py");
    assert!(out.status.success(), "eval.py failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("eval.py prints JSON")
}

fn sample_corpus() -> &'static (serde_json::Value, Vec<[String; 3]>) {
    static SCORE: std::sync::OnceLock<(serde_json::Value, Vec<[String; 3]>)> = std::sync::OnceLock::new();
    SCORE.get_or_init(|| {
        let wd = WorkDir::new();
        wd.copy_corpus();
        wd.gwr(&["load"]).ok();
        let names = fact_names(&wd.db("warehouse.db"));
        (eval(&wd.path().join("warehouse.db"), "tests/gold"), names)
    })
}

/// Loads the real web pages (tests/fixtures/web) into a fresh warehouse and scores them against
/// their gold (tests/gold/web), once per test run. Returns the score; for each page, its file
/// name with the stored town's resolution, county and city; and every fact's name.
pub fn score_web_pages() -> &'static WebScore {
    static SCORE: std::sync::OnceLock<WebScore> = std::sync::OnceLock::new();
    SCORE.get_or_init(|| {
        let wd = WorkDir::new();
        let dir = wd.path().join("web");
        std::fs::create_dir_all(&dir).expect("create web folder");
        for e in std::fs::read_dir(root().join("tests/fixtures/web")).expect("read tests/fixtures/web") {
            let p = e.expect("fixture entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                std::fs::copy(&p, dir.join(p.file_name().expect("file name"))).expect("copy fixture");
            }
        }
        wd.gwr(&["load", "--db", "web.db", "web"]).ok();
        let score = eval(&wd.path().join("web.db"), "tests/gold/web");
        let db = wd.db("web.db");
        let mut stmt = db
            .prepare(
                "SELECT substr(r.source_path, 5), t.resolution, t.county, t.city
                 FROM reports r JOIN towns t ON t.id = r.town_id ORDER BY r.source_path",
            )
            .expect("prepare");
        let towns = stmt
            .query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        (score, towns, fact_names(&db))
    })
}

/// The web pages' score, each page's (file, resolution, county, city), and every fact's
/// (table, name, quote).
pub type WebScore = (serde_json::Value, Vec<[Option<String>; 4]>, Vec<[String; 3]>);

/// Precision and recall of one kind of fact from a score.
pub fn precision_recall(score: &serde_json::Value, kind: &str) -> (f64, f64) {
    let s = &score["scores"][kind];
    (s["precision"].as_f64().unwrap_or(0.0), s["recall"].as_f64().unwrap_or(0.0))
}

/// The highest migration version shipped (migrations/V{n}__*.sql).
pub fn latest_migration() -> i64 {
    std::fs::read_dir(root().join("migrations"))
        .expect("read migrations")
        .filter_map(|e| {
            let name = e.expect("migration entry").file_name().to_string_lossy().into_owned();
            name.strip_prefix('V')?.split("__").next()?.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

/// The stock `sqlite3` shell, as users run it (the Makefile installs it).
pub fn sqlite3_shell() -> Command {
    Command::new(std::env::var_os("GWR_SQLITE3").unwrap_or_else(|| "sqlite3".into()))
}

/// Rows of a query run by the stock shell in JSON mode (`sqlite3 -json DB SQL`).
pub fn shell_rows(db: &Path, sql: &str) -> Vec<serde_json::Value> {
    let out = sqlite3_shell()
        .arg("-json")
        .arg(db)
        .arg(sql)
        .output()
        .expect("run the sqlite3 shell (install it with `make test-deps`)");
    parse_shell_json(sql, &out)
}

/// Rows of a SQL file fed to the stock shell on stdin, as `sqlite3 -json DB < FILE`.
pub fn shell_file_rows(db: &Path, file: &Path) -> Vec<serde_json::Value> {
    let out = sqlite3_shell()
        .arg("-json")
        .arg(db)
        .stdin(std::fs::File::open(file).expect("open SQL file"))
        .output()
        .expect("run the sqlite3 shell (install it with `make test-deps`)");
    parse_shell_json(&file.display().to_string(), &out)
}

fn parse_shell_json(what: &str, out: &Output) -> Vec<serde_json::Value> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.trim().is_empty(), "sqlite3 failed on {what}: {stderr}");
    let text = String::from_utf8_lossy(&out.stdout);
    // The shell prints nothing at all for a query without rows, and one array per statement.
    let mut rows = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<Vec<serde_json::Value>>();
    for batch in &mut stream {
        rows.extend(batch.unwrap_or_else(|e| panic!("sqlite3 -json output of {what} is not JSON: {e}\n{text}")));
    }
    rows
}

/// Character offsets (0-based, end exclusive) of the first occurrence of `quote` in `body`.
pub fn char_span(body: &str, quote: &str) -> (i64, i64) {
    let byte = body.find(quote).unwrap_or_else(|| panic!("{quote:?} is not in the report text"));
    let start = body[..byte].chars().count() as i64;
    (start, start + quote.chars().count() as i64)
}

/// Rows of `stored` missing from `computed` plus rows of `computed` missing from `stored` (a stored
/// view against the view that computes it), over the computed view's columns: the stored view may
/// add columns derived from them (the ISO date of a year).
pub fn rows_apart(conn: &Connection, stored: &str, computed: &str) -> i64 {
    let columns: Vec<String> = column(conn, &format!("SELECT name FROM pragma_table_info('{computed}') ORDER BY cid"));
    let columns = columns.join(", ");
    scalar(
        conn,
        &format!(
            "SELECT (SELECT count(*) FROM (SELECT {columns} FROM {stored} EXCEPT SELECT {columns} FROM {computed}))
                  + (SELECT count(*) FROM (SELECT {columns} FROM {computed} EXCEPT SELECT {columns} FROM {stored}))"
        ),
    )
}

/// A tool the tests drive that `make test-deps` installs; fails the test with how to get it.
pub fn needs_tool(path: PathBuf, what: &str) -> PathBuf {
    assert!(path.exists(), "{what} is missing at {}: run `make test-deps` (once) before `cargo test`", path.display());
    path
}

/// A `datasette serve` child on a free loopback port, killed when dropped.
pub struct Served {
    child: std::process::Child,
    pub port: u16,
}

impl Served {
    /// Serves the database files (and metadata) and waits until Datasette answers.
    pub fn start(files: &[&Path], metadata: Option<&Path>) -> Served {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("port").port();
        let mut cmd = Command::new(datasette());
        cmd.arg("serve").args(files).args(["--port", &port.to_string(), "-h", "127.0.0.1"]);
        if let Some(m) = metadata {
            cmd.arg("-m").arg(m);
        }
        let child = cmd
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start datasette");
        let served = Served { child, port };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while http_get(port, "/-/versions.json").is_none_or(|(status, _)| status != 200) {
            assert!(std::time::Instant::now() < deadline, "datasette did not answer on port {port} within 60 s");
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        served
    }

    /// The body of a page, which must answer 200.
    pub fn get(&self, path: &str) -> String {
        match http_get(self.port, path) {
            Some((200, body)) => body,
            other => panic!("GET {path}: {other:?}"),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

/// Datasette, which `make test-deps` installs into .venv.
pub fn datasette() -> PathBuf {
    needs_tool(root().join(".venv/bin/datasette"), "Datasette")
}

/// A query-string value, percent-encoded.
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
