//! The policy-term list (data/terms.toml) and the counting of its terms in a text, once, at load
//! time: `v_term_frequency` reads the stored counts instead of scanning every body on every query.
//! A load counts the shipped terms in the same pass over each text as the genre's cue phrases
//! (`read::genre::scan`); a warehouse's own list is counted over the stored bodies with a
//! [`Counter`] of its own.
//!
//! A term is counted in the folded text, so a traditional-character repost counts like the
//! simplified original. Each term is counted on its own, as `str::matches` counts it: its
//! non-overlapping occurrences from the left, wherever they sit, inside a longer listed term or
//! overlapping another one ([`WordList::counts_in`]).

use crate::model::TermCount;
use crate::text::words::WordList;
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

/// One term of the list (one row of `policy_terms`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PolicyTerm {
    pub term: String,
    pub family: String,
    pub gloss: String,
}

/// Reads a term list, refusing empty or repeated terms (a repeated term would be counted twice).
pub fn parse(text: &str) -> Result<Vec<PolicyTerm>, String> {
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

/// A term as a folded text writes it.
pub fn folded(term: &str) -> String {
    term.chars().map(crate::text::fold::fold_char).collect()
}

/// Counts the terms of one list in texts, all terms in one pass over a text.
pub struct Counter {
    terms: Vec<String>,
    /// The terms as the folded text writes them, in list order.
    list: WordList,
}

impl Counter {
    pub fn new(terms: &[PolicyTerm]) -> Result<Self, String> {
        let patterns: Vec<String> = terms.iter().map(|t| folded(&t.term)).collect();
        let list = WordList::try_new(&patterns).map_err(|e| format!("the term list cannot be compiled: {e}"))?;
        Ok(Counter { terms: terms.iter().map(|t| t.term.clone()).collect(), list })
    }

    /// The counts of the terms `folded` uses, in list order.
    pub fn count(&self, folded: &str) -> Vec<TermCount> {
        self.counted(&self.list.counts_in(folded))
    }

    /// The terms used, from every term's count in list order (as [`WordList::counts_in`] gives
    /// them for a list that holds the terms, in order, after other words).
    pub fn counted(&self, counts: &[usize]) -> Vec<TermCount> {
        debug_assert_eq!(counts.len(), self.terms.len());
        counts
            .iter()
            .zip(&self.terms)
            .filter(|(n, _)| **n > 0)
            .map(|(&occurrences, term)| TermCount { term: term.clone(), occurrences })
            .collect()
    }
}

/// The counter of the shipped list, built once per process.
pub fn shipped_counter() -> &'static Counter {
    static COUNTER: OnceLock<Counter> = OnceLock::new();
    // The list is compiled in and small; the unit test below builds it.
    COUNTER.get_or_init(|| Counter::new(terms()).expect("the shipped term list compiles"))
}

/// The shipped terms a folded text uses, counted alone (the load counts them with the genre's cues).
pub fn count(folded: &str) -> Vec<TermCount> {
    shipped_counter().count(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::index::Folded;

    fn list(terms: &[&str]) -> Vec<PolicyTerm> {
        terms
            .iter()
            .map(|t| PolicyTerm { term: t.to_string(), family: "f".to_string(), gloss: "g".to_string() })
            .collect()
    }

    fn counts(terms: &[&str], text: &str) -> Vec<(String, usize)> {
        let counter = Counter::new(&list(terms)).expect("compiles");
        counter.count(&Folded::new(text).text).into_iter().map(|c| (c.term, c.occurrences)).collect()
    }

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
        assert!(count("全面推进乡村振兴").iter().any(|c| c.term == "乡村振兴" && c.occurrences == 1));
    }

    #[test]
    fn a_term_listed_twice_is_refused() {
        let text = "[[family]]\nname = \"a\"\nterms = [{ term = \"乡村振兴\", gloss = \"x\" }]\n\
                    [[family]]\nname = \"b\"\nterms = [{ term = \"乡村振兴\", gloss = \"y\" }]\n";
        assert!(parse(text).unwrap_err().contains("乡村振兴"));
    }

    #[test]
    fn a_term_inside_a_longer_term_counts_for_both() {
        let got = counts(&["乡村振兴战略", "乡村振兴"], "实施乡村振兴战略，推进乡村振兴。");
        assert_eq!(got, vec![("乡村振兴战略".to_string(), 1), ("乡村振兴".to_string(), 2)]);
    }

    #[test]
    fn overlapping_terms_each_count() {
        // 生态文明 and 文明建设 share 文明.
        let got = counts(&["生态文明", "文明建设"], "生态文明建设");
        assert_eq!(got, vec![("生态文明".to_string(), 1), ("文明建设".to_string(), 1)]);
    }

    #[test]
    fn a_term_twice_back_to_back_counts_two() {
        assert_eq!(counts(&["双循环"], "双循环双循环"), vec![("双循环".to_string(), 2)]);
    }

    #[test]
    fn a_term_overlapping_itself_counts_as_str_matches_does() {
        for (term, text) in [("哈哈", "哈哈哈"), ("哈哈", "哈哈哈哈"), ("aba", "ababababa"), ("aa", "aaaaa")]
        {
            let want = text.matches(term).count();
            assert_eq!(counts(&[term], text), vec![(term.to_string(), want)], "{term} in {text}");
        }
    }

    #[test]
    fn a_traditional_repost_counts_like_the_simplified_text() {
        let simplified = "全面推进乡村振兴，优化营商环境。";
        let traditional = "全面推進鄉村振興，優化營商環境。";
        let terms = ["乡村振兴", "营商环境"];
        assert_eq!(counts(&terms, traditional), counts(&terms, simplified));
        assert_eq!(counts(&terms, simplified).len(), 2);
    }

    #[test]
    fn unused_terms_are_not_listed() {
        assert!(counts(&["数字经济"], "没有").is_empty());
    }
}
