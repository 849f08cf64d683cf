//! The `gwr` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

/// Exit code for a command that could not run at all (bad path, unusable database).
const EXIT_FATAL: i32 = 2;

fn main() {
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
