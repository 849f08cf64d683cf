//! `gwr terms`: prints the policy terms the warehouse counts (as TOML, in the format of
//! data/terms.toml, so a copy can be edited and given back), or makes a list of the user's own the
//! warehouse's and counts every stored report for it (see `store::terms`).

use super::count;
use crate::cli::TermsArgs;
use crate::store::{self, terms::Source};
use crate::text::terms::{parse, PolicyTerm};
use anyhow::{bail, Context};
use std::fmt::Write as _;
use std::io::Write as _;

pub fn run(args: &TermsArgs) -> anyhow::Result<i32> {
    if !args.db.exists() {
        bail!("no warehouse at {}: load reports first (gwr load --db {})", args.db.display(), args.db.display());
    }
    // Read and check the file before the warehouse is touched: a bad list changes nothing.
    let list = match &args.file {
        Some(file) => {
            let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
            let list = parse(&text).map_err(|e| {
                anyhow::anyhow!("{} is not a term list ({e}); see data/terms.toml for the format", file.display())
            })?;
            if list.is_empty() {
                bail!("{} lists no term: give at least one [[family]] with terms", file.display());
            }
            Some(list)
        }
        None => None,
    };
    let conn = store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let db = args.db.display();
    if let (Some(list), Some(file)) = (&list, &args.file) {
        let reports = store::terms::set_own(&conn, list, &file.display().to_string())?;
        println!(
            "{db} now counts {} from {}: {} counted again",
            summary(list),
            file.display(),
            count(reports, "report", "reports")
        );
    } else if args.shipped {
        let reports = store::terms::set_shipped(&conn)?;
        let list = store::terms::current(&conn)?;
        println!(
            "{db} now counts the shipped {}: {} counted again",
            summary(&list),
            count(reports, "report", "reports")
        );
    } else {
        let list = store::terms::current(&conn)?;
        let from = match store::terms::source(&conn)? {
            Source::Shipped => "the list gwr ships".to_string(),
            Source::Own { file, set_at } => format!("its own list, read from {file} at {set_at}"),
        };
        let mut out = format!(
            "# The policy terms {db} counts ({}): {from}.\n\
             # Save this, edit it, and give it back with `gwr terms FILE --db {db}`.\n",
            summary(&list)
        );
        out.push_str(&to_toml(&list));
        match std::io::stdout().lock().write_all(out.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => {}
        }
    }
    Ok(super::EXIT_OK)
}

/// "55 terms in 7 families".
fn summary(list: &[PolicyTerm]) -> String {
    let mut families: Vec<&str> = list.iter().map(|t| t.family.as_str()).collect();
    families.sort_unstable();
    families.dedup();
    format!("{} in {}", count(list.len(), "term", "terms"), count(families.len(), "family", "families"))
}

/// The list in the format of data/terms.toml: one [[family]] per family, in order of first use.
pub fn to_toml(list: &[PolicyTerm]) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut families: Vec<&str> = Vec::new();
    for t in list {
        if !families.contains(&t.family.as_str()) {
            families.push(&t.family);
        }
    }
    let mut out = String::new();
    for family in families {
        let _ = write!(out, "\n[[family]]\nname = {}\nterms = [\n", quoted(family));
        for t in list.iter().filter(|t| t.family == family) {
            let _ = writeln!(out, "  {{ term = {}, gloss = {} }},", quoted(&t.term), quoted(&t.gloss));
        }
        out.push_str("]\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_list_reads_back_as_the_same_list() {
        let list = crate::text::terms::terms();
        assert_eq!(parse(&to_toml(list)).expect("parses"), list);
        let odd = vec![PolicyTerm { term: "\"引号\"".into(), family: "a b".into(), gloss: "back\\slash".into() }];
        assert_eq!(parse(&to_toml(&odd)).expect("parses"), odd);
    }
}
