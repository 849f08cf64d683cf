//! The words the indicator rules read (data/indicator_words.toml), loaded once.

use crate::text::words::{Ends, WordList};
use serde::Deserialize;
use std::sync::OnceLock;

const WORDS_TOML: &str = include_str!("../../../data/indicator_words.toml");

#[derive(Deserialize)]
struct IndicatorWordsFile {
    measure_words: Vec<String>,
    duration_units: Vec<String>,
    future_words: Vec<String>,
    future_leads: Vec<String>,
    object_verbs: Vec<String>,
    lead_words: Vec<String>,
    tail_words: Vec<String>,
    noun_stops: Vec<String>,
    capacity_words: Vec<String>,
    rank_leads: Vec<String>,
    class_nouns: Vec<String>,
    total_notes: Vec<String>,
    base_words: Vec<String>,
    election_words: Vec<String>,
    secured_words: Vec<String>,
}

/// The indicator rules' words.
pub(super) struct IndicatorWords {
    /// Measure words after which a count names its noun (46支队伍), asked of nearly every figure.
    pub measure: Ends,
    /// Units of a duration or a streak.
    pub duration_units: Vec<String>,
    /// Words that put a clause in the future, searched in one pass.
    pub future: WordList,
    /// Words that, opening a sentence, put all of it in the future.
    pub future_leads: Vec<String>,
    /// Verbs after which an amount's noun names the figure.
    pub object_verbs: Vec<String>,
    /// Words trimmed from the head and the tail of a name.
    pub lead: Vec<String>,
    pub tail: Vec<String>,
    /// Words that end the noun a count names.
    pub noun_stops: Vec<String>,
    /// Words right before a capacity (年产).
    pub capacity: WordList,
    /// Words opening a clause of rank (位居).
    pub rank_leads: WordList,
    /// Nouns an amount before them classes by size (企业 of 5000万元企业).
    pub class_nouns: Vec<String>,
    /// Brackets that give a part's whole (`(共`).
    pub total_notes: Vec<String>,
    /// Words before a bracketed base of a growth (同期).
    pub base_words: Vec<String>,
    /// Words of an election.
    pub election: WordList,
    /// Words after which 争取 is what was secured.
    pub secured: WordList,
}

pub(super) fn words() -> &'static IndicatorWords {
    static W: OnceLock<IndicatorWords> = OnceLock::new();
    W.get_or_init(|| {
        // Compiled-in data; a malformed file is a build defect the unit tests catch.
        let f: IndicatorWordsFile = toml::from_str(WORDS_TOML).expect("data/indicator_words.toml is valid");
        IndicatorWords {
            measure: Ends::heads(f.measure_words.iter().map(String::as_str)),
            duration_units: f.duration_units,
            future: WordList::new(&f.future_words),
            future_leads: f.future_leads,
            object_verbs: f.object_verbs,
            lead: f.lead_words,
            tail: f.tail_words,
            noun_stops: f.noun_stops,
            capacity: WordList::new(&f.capacity_words),
            rank_leads: WordList::new(&f.rank_leads),
            class_nouns: f.class_nouns,
            total_notes: f.total_notes,
            base_words: f.base_words,
            election: WordList::new(&f.election_words),
            secured: WordList::new(&f.secured_words),
        }
    })
}
