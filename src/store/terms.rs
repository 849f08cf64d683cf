//! The policy-term list behind `v_term_frequency` (data/terms.toml), kept equal to the
//! `policy_terms` table: the terms are data a researcher edits, the counting is SQL in the view.

use crate::error::Result;
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

const TERMS_TOML: &str = include_str!("../../data/terms.toml");

#[derive(Deserialize)]
struct TermsFile {
    family: Vec<Family>,
}

#[derive(Deserialize)]
struct Family {
    name: String,
    terms: Vec<TermEntry>,
}

#[derive(Deserialize)]
struct TermEntry {
    term: String,
    gloss: String,
}

/// One row of `policy_terms`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PolicyTerm {
    pub term: String,
    pub family: String,
    pub gloss: String,
}

/// Reads a term list, refusing empty or repeated terms (a repeated term would be counted twice).
pub fn parse(text: &str) -> std::result::Result<Vec<PolicyTerm>, String> {
    let file: TermsFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for f in file.family {
        for t in f.terms {
            let term = t.term.trim().to_string();
            if term.is_empty() {
                return Err(format!("family {}: an empty term", f.name));
            }
            if !seen.insert(term.clone()) {
                return Err(format!("term {term} is listed twice"));
            }
            out.push(PolicyTerm { term, family: f.name.clone(), gloss: t.gloss });
        }
    }
    Ok(out)
}

/// The term list shipped with gwr.
pub fn terms() -> &'static [PolicyTerm] {
    static TERMS: OnceLock<Vec<PolicyTerm>> = OnceLock::new();
    // The file is compiled in; a defect in it is caught by the unit test below.
    TERMS.get_or_init(|| parse(TERMS_TOML).expect("data/terms.toml is valid"))
}

/// Makes `policy_terms` hold exactly the shipped list; writes nothing when it already does.
pub fn sync(conn: &Connection) -> Result<()> {
    let mut wanted: Vec<PolicyTerm> = terms().to_vec();
    wanted.sort();
    let mut current: Vec<PolicyTerm> = conn
        .prepare("SELECT term, family, gloss FROM policy_terms")?
        .query_map([], |r| Ok(PolicyTerm { term: r.get(0)?, family: r.get(1)?, gloss: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    current.sort();
    if current == wanted {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM policy_terms", [])?;
    let mut stmt = tx.prepare("INSERT INTO policy_terms (term, family, gloss) VALUES (?1, ?2, ?3)")?;
    for t in terms() {
        stmt.execute([&t.term, &t.family, &t.gloss])?;
    }
    drop(stmt);
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_parses_with_the_terms_researchers_count() {
        let t = terms();
        assert!(t.len() >= 40, "only {} terms", t.len());
        for want in ["新质生产力", "共同富裕", "乡村振兴", "数字经济", "营商环境", "安全生产"]
        {
            assert!(t.iter().any(|x| x.term == want), "{want} missing");
        }
        let families: HashSet<&str> = t.iter().map(|x| x.family.as_str()).collect();
        assert!(families.len() >= 4, "{families:?}");
    }

    #[test]
    fn a_term_listed_twice_is_refused() {
        let text = "[[family]]\nname = \"a\"\nterms = [{ term = \"乡村振兴\", gloss = \"x\" }]\n\
                    [[family]]\nname = \"b\"\nterms = [{ term = \"乡村振兴\", gloss = \"y\" }]\n";
        assert!(parse(text).unwrap_err().contains("乡村振兴"));
    }
}
