//! The words the target rules read (data/targets.toml), loaded once.

#[allow(unused_imports)]
use super::*;

pub(super) const TERMS_TOML: &str = include_str!("../../../data/targets.toml");

#[derive(Deserialize)]
pub(super) struct TargetWords {
    pub(super) goal_sentence: Vec<String>,
    pub(super) at_least_cues: Vec<String>,
    pub(super) plain_cues: Vec<String>,
    pub(super) at_least: Vec<String>,
    pub(super) above: Vec<String>,
    pub(super) about: Vec<String>,
    pub(super) qualitative_above: Vec<String>,
    pub(super) qualitative: Vec<String>,
    pub(super) lead_words: Vec<String>,
    pub(super) tail_words: Vec<String>,
    pub(super) not_target_units: Vec<String>,
    pub(super) zero_words: Vec<String>,
    pub(super) zero_lead: Vec<String>,
    pub(super) project_amount_verbs: Vec<String>,
    pub(super) election_words: Vec<String>,
    pub(super) class_nouns: Vec<String>,
}

pub(super) fn target_words() -> &'static TargetWords {
    static TERMS: OnceLock<TargetWords> = OnceLock::new();
    TERMS.get_or_init(|| {
        // Compiled in; a defect is caught by the unit test `shipped_terms_parse`.
        let mut t: TargetWords = toml::from_str(TERMS_TOML).expect("data/targets.toml is valid");
        for list in [&mut t.lead_words, &mut t.tail_words] {
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        t
    })
}

/// The words promising none, for one-pass search. Only where the first one starts is asked, which
/// a leftmost search answers at its first match; its prefilter skips to the words' rare bytes, so
/// the many clauses without one are passed over quickly.
pub(super) fn zero_words() -> &'static AhoCorasick {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&target_words().zero_words)
            .expect("the zero words build an automaton")
    })
}

/// The cue words, at-least cues and plain cues together, for one-pass search.
pub(super) fn cues() -> &'static WordList {
    static CUES: OnceLock<WordList> = OnceLock::new();
    CUES.get_or_init(|| {
        let t = target_words();
        WordList::new(&[t.at_least_cues.as_slice(), t.plain_cues.as_slice()].concat())
    })
}
