//! The `gwr` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

/// Exit code for a command that could not run at all (bad path, unusable database).
const EXIT_FATAL: i32 = 2;

fn main() {
    quiet_on_closed_pipe();
    sqlite_without_memory_statistics();
    let cli = gwr::cli::Cli::parse();
    let code = match gwr::cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gwr: {e:#}");
            EXIT_FATAL
        }
    };
    std::process::exit(code);
}

/// `gwr info | head -1`: when the reader of the output goes away, stop quietly, as other command
/// line tools do, instead of panicking on the failed write (Rust ignores SIGPIPE by default). A
/// load killed this way is a killed load: what it committed is kept.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    // SAFETY: restoring the default action of one signal, before any other thread exists.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

/// SQLite keeps statistics of its memory use (sqlite3_status) behind a global lock taken on every
/// allocation; gwr never reads them. Turned off before SQLite is first used, as SQLite's own list of
/// recommended options advises (SQLITE_DEFAULT_MEMSTATUS=0). Once SQLite has started the call does
/// nothing, and says so by its result, which is then of no consequence.
fn sqlite_without_memory_statistics() {
    // SAFETY: sqlite3_config takes SQLITE_CONFIG_MEMSTATUS with one int argument, and is called
    // here before any connection is opened, on the main thread, before any other thread exists.
    unsafe {
        rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int);
    }
}
