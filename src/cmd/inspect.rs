//! `gwr inspect FILE`: what a load would store for a file, as JSON on stdout.

use crate::cli::InspectArgs;
use crate::pipeline::{self, Options};
use anyhow::Context;

pub fn run(args: &InspectArgs) -> anyhow::Result<i32> {
    // A pipe, a device or a huge file exists but is refused by the plan, unread, with its reason.
    if !args.file.exists() || args.file.is_dir() {
        anyhow::bail!("no such file: {} (give one report file)", args.file.display());
    }
    let plan = pipeline::plan_file(&args.file, &args.file.display().to_string(), &Options { encoding: args.encoding });
    let json = serde_json::to_string_pretty(&plan).context("writing JSON")?;
    println!("{json}");
    Ok(if plan.error.is_some() { super::EXIT_PARTIAL } else { super::EXIT_OK })
}
