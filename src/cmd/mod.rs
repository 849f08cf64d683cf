//! One file per subcommand. Each returns the process exit code.

pub mod audit;
pub mod checksum;
pub mod datasette;
pub mod index;
pub mod info;
pub mod inspect;
pub mod interrupt;
pub mod load;
pub mod migrate;
pub mod schema;
pub mod search;
pub mod synth;
pub mod terms;
pub mod towns;

use crate::cli::{Cli, Command};

/// Everything went as asked.
pub const EXIT_OK: i32 = 0;
/// The command ran, but some input could not be used (a file failed to load).
pub const EXIT_PARTIAL: i32 = 1;

/// Writes a command's output to stdout; a reader that stops early (`gwr towns | head`) is no error.
pub fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// `n` and the noun, plural when n is not 1: "1 report", "9 reports".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Load(args) => load::run(&args),
        Command::Migrate(args) => migrate::run(&args),
        Command::Info(args) => info::run(&args),
        Command::Inspect(args) => inspect::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Towns(args) => towns::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Index(args) => index::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Terms(args) => terms::run(&args),
        Command::Checksum(args) => checksum::run(&args),
        Command::DatasetteMetadata(args) => datasette::run(&args),
    }
}
