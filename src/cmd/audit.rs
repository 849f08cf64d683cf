//! `gwr audit PATH…`: over a corpus, how many numbers became facts, how many each reason set
//! aside, and the numbers no rule explained, with their context: where extraction misses on pages
//! nobody annotated.

use crate::cli::AuditArgs;
use crate::pipeline::{self, Options};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A number no rule explained, where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct Unexplained {
    pub source_path: String,
    pub source_index: usize,
    pub text: String,
    pub context: String,
}

/// What an audit found. The JSON shape is stable: counts by fate, by rule and by reason.
#[derive(Debug, Default, Serialize)]
pub struct Audit {
    pub files: usize,
    pub files_refused: usize,
    pub reports: usize,
    pub numbers: usize,
    /// Numbers that became facts, by kind (indicator, target, project).
    pub facts: BTreeMap<&'static str, usize>,
    /// Numbers that became facts, by the rule that read them ("indicator/level").
    pub rules: BTreeMap<String, usize>,
    /// Numbers set aside, by reason.
    pub skipped: BTreeMap<&'static str, usize>,
    pub unexplained: usize,
    /// The first unexplained numbers, in file order.
    pub examples: Vec<Unexplained>,
}

pub fn run(args: &AuditArgs) -> anyhow::Result<i32> {
    let walk = crate::files::walk(&args.paths);
    let opts = Options { encoding: args.encoding.map(Into::into), explain: true };
    let audits: Vec<Audit> = walk
        .files
        .par_iter()
        .map(|f| {
            let plan = pipeline::plan_file(&f.path, &f.name, &opts);
            let mut a = Audit { files: 1, files_refused: usize::from(plan.error.is_some()), ..Default::default() };
            for r in &plan.reports {
                a.reports += 1;
                for n in r.fates.as_deref().unwrap_or_default() {
                    a.numbers += 1;
                    match (n.fate, n.reason) {
                        ("skipped", Some(reason)) => *a.skipped.entry(reason).or_default() += 1,
                        ("unexplained", _) => {
                            a.unexplained += 1;
                            a.examples.push(Unexplained {
                                source_path: plan.source_path.clone(),
                                source_index: r.source_index,
                                text: n.text.clone(),
                                context: n.context.clone(),
                            });
                        }
                        (kind, _) => {
                            *a.facts.entry(kind).or_default() += 1;
                            *a.rules.entry(format!("{kind}/{}", n.rule.unwrap_or("?"))).or_default() += 1;
                        }
                    }
                }
            }
            a
        })
        .collect();
    let mut total = Audit::default();
    for a in audits {
        total.files += a.files;
        total.files_refused += a.files_refused;
        total.reports += a.reports;
        total.numbers += a.numbers;
        total.unexplained += a.unexplained;
        a.facts.into_iter().for_each(|(k, n)| *total.facts.entry(k).or_default() += n);
        a.rules.into_iter().for_each(|(k, n)| *total.rules.entry(k).or_default() += n);
        a.skipped.into_iter().for_each(|(k, n)| *total.skipped.entry(k).or_default() += n);
        total.examples.extend(a.examples.into_iter().take(args.examples.saturating_sub(total.examples.len())));
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&total)?);
    } else {
        print!("{}", render(&total));
    }
    Ok(super::EXIT_OK)
}

/// The audit as a person reads it.
fn render(a: &Audit) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let share = |n: usize| if a.numbers == 0 { 0.0 } else { 100.0 * n as f64 / a.numbers as f64 };
    let facts: usize = a.facts.values().sum();
    let skipped: usize = a.skipped.values().sum();
    let _ =
        writeln!(s, "{} files ({} refused), {} reports, {} numbers", a.files, a.files_refused, a.reports, a.numbers);
    let _ = writeln!(s, "became facts   {facts:>7}  {:5.1}%", share(facts));
    for (k, n) in &a.rules {
        let _ = writeln!(s, "  {k:<28} {n:>7}");
    }
    let _ = writeln!(s, "set aside      {skipped:>7}  {:5.1}%", share(skipped));
    let mut reasons: Vec<_> = a.skipped.iter().collect();
    reasons.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    for (k, n) in reasons {
        let _ = writeln!(s, "  {k:<28} {n:>7}");
    }
    let _ = writeln!(s, "unexplained    {:>7}  {:5.1}%", a.unexplained, share(a.unexplained));
    for e in &a.examples {
        let _ = writeln!(s, "  {}#{}  {}  …{}…", e.source_path, e.source_index, e.text, e.context);
    }
    s
}
