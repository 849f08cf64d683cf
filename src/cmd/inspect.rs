//! `gwr inspect FILE`: what a load would store for a file, as JSON on stdout; with `--explain`,
//! the fate of every number instead.

use crate::cli::InspectArgs;
use crate::model::FilePlan;
use crate::pipeline::{self, Options};
use anyhow::Context;
use serde::Serialize;

pub fn run(args: &InspectArgs) -> anyhow::Result<i32> {
    // A pipe, a device or a huge file exists but is refused by the plan, unread, with its reason.
    if !args.file.exists() || args.file.is_dir() {
        anyhow::bail!("no such file: {} (give one report file)", args.file.display());
    }
    let opts = Options { encoding: args.encoding.map(Into::into), explain: args.explain };
    let plan = pipeline::plan_file(&args.file, &args.file.display().to_string(), &opts);
    let json = if args.explain {
        serde_json::to_string_pretty(&Explained::of(&plan))
    } else {
        serde_json::to_string_pretty(&plan)
    }
    .context("writing JSON")?;
    println!("{json}");
    Ok(if plan.error.is_some() { super::EXIT_PARTIAL } else { super::EXIT_OK })
}

/// `inspect --explain`: each report's kind and why, and the fate of each of its numbers.
#[derive(Serialize)]
pub struct Explained<'a> {
    pub source_path: &'a str,
    pub error: Option<&'a crate::error::Refusal>,
    pub reports: Vec<ExplainedReport<'a>>,
}

#[derive(Serialize)]
pub struct ExplainedReport<'a> {
    pub source_index: usize,
    pub kind: Option<&'static str>,
    pub kind_reason: &'a str,
    pub title: Option<&'a str>,
    pub numbers: &'a [crate::extract::explain::NumberFate],
}

impl<'a> Explained<'a> {
    pub fn of(plan: &'a FilePlan) -> Self {
        Explained {
            source_path: &plan.source_path,
            error: plan.error.as_ref(),
            reports: plan
                .reports
                .iter()
                .map(|r| ExplainedReport {
                    source_index: r.source_index,
                    kind: r.meta.kind.map(|k| k.as_str()),
                    kind_reason: &r.kind_reason,
                    title: r.meta.title.as_deref(),
                    numbers: r.fates.as_deref().unwrap_or_default(),
                })
                .collect(),
        }
    }
}
