//! The words the project rules read (data/projects.toml), loaded once, grouped for fast lookup.

#[allow(unused_imports)]
use super::*;

pub(super) const TERMS_TOML: &str = include_str!("../../../data/projects.toml");

#[derive(Deserialize)]
pub(super) struct ProjectWords {
    pub(super) strong_suffixes: Vec<String>,
    pub(super) weak_suffixes: Vec<String>,
    pub(super) phases: Vec<String>,
    pub(super) lead_words: Vec<String>,
    pub(super) generic_words: Vec<String>,
    pub(super) inner_verbs: Vec<String>,
    pub(super) status_words: Vec<String>,
    pub(super) compound_verbs: Vec<String>,
    pub(super) modified_heads: Vec<String>,
    pub(super) award_verbs: Vec<String>,
    pub(super) scheme_verbs: Vec<String>,
    pub(super) honour_verbs: Vec<String>,
    pub(super) prepositions: Vec<String>,
    pub(super) programme_words: Vec<String>,
    pub(super) works_words: Vec<String>,
    pub(super) place_words: Vec<String>,
    pub(super) inclusion_words: Vec<String>,
    pub(super) word_continuations: Vec<char>,
    /// The first characters of the project suffixes: most characters start none, and the suffix
    /// search is skipped there.
    #[serde(skip)]
    pub(super) suffix_starts: CharSet,
    /// The lists above as characters, in the same order: they are compared against the text at
    /// nearly every character, and a slice comparison does not decode the word each time.
    #[serde(skip)]
    pub(super) strong_chars: ByFirstChar,
    #[serde(skip)]
    pub(super) weak_chars: ByFirstChar,
    #[serde(skip)]
    pub(super) phase_chars: ByFirstChar,
    #[serde(skip)]
    pub(super) place_chars: Vec<Vec<char>>,
    #[serde(skip)]
    pub(super) lead_chars: ByFirstChar,
    #[serde(skip)]
    pub(super) inner_verb_chars: ByFirstChar,
    /// The verbs of joining a list and of an honour, for the verb a text starts with.
    #[serde(skip)]
    pub(super) award_heads: Ends,
    #[serde(skip)]
    pub(super) honour_heads: Ends,
}

/// A set of characters asked about once per character of every report: a bit per character of the
/// Basic Multilingual Plane answers in one lookup; the rare character beyond it is looked up in a
/// list.
#[derive(Default)]
pub(super) struct CharSet {
    pub(super) bmp: Vec<u64>,
    pub(super) beyond: Vec<char>,
}

impl CharSet {
    pub(super) fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = CharSet { bmp: vec![0; 0x10000 / 64], beyond: Vec::new() };
        for c in chars {
            match set.bmp.get_mut(c as usize / 64) {
                Some(word) => *word |= 1 << (c as usize % 64),
                None => set.beyond.push(c),
            }
        }
        set
    }

    pub(super) fn contains(&self, c: char) -> bool {
        match self.bmp.get(c as usize / 64) {
            Some(word) => word & (1 << (c as usize % 64)) != 0,
            None => self.beyond.contains(&c),
        }
    }
}

/// A term list as characters, with its words grouped by first character: at a place, only the
/// words that start with the character there are tried (in list order, so the first that stands
/// there is the one a walk over the whole list finds).
#[derive(Default)]
pub(super) struct ByFirstChar {
    pub(super) words: Vec<Vec<char>>,
    /// (first character, indexes of the words starting with it, in list order), sorted.
    pub(super) by_first: Vec<(char, Vec<usize>)>,
    /// The first characters: most places start no word, and are answered without a search.
    firsts: CharSet,
}

impl ByFirstChar {
    pub(super) fn new(list: &[String]) -> Self {
        let words: Vec<Vec<char>> = list.iter().map(|w| w.chars().collect()).collect();
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let Some(&c) = w.first() else { continue };
            match by_first.iter_mut().find(|(f, _)| *f == c) {
                Some((_, ix)) => ix.push(i),
                None => by_first.push((c, vec![i])),
            }
        }
        by_first.sort_unstable_by_key(|(c, _)| *c);
        let firsts = CharSet::new(by_first.iter().map(|(c, _)| *c));
        ByFirstChar { words, by_first, firsts }
    }

    /// The first word of the list standing at `pos`.
    pub(super) fn at(&self, chars: &[char], pos: usize) -> Option<&[char]> {
        let first = chars.get(pos).filter(|&&c| self.firsts.contains(c))?;
        let k = self.by_first.binary_search_by_key(first, |(c, _)| *c).ok()?;
        self.by_first[k].1.iter().map(|&i| self.words[i].as_slice()).find(|w| starts_with_at(chars, pos, w))
    }
}

pub(super) fn project_words() -> &'static ProjectWords {
    static TERMS: OnceLock<ProjectWords> = OnceLock::new();
    TERMS.get_or_init(|| {
        // Compiled in; a defect is caught by the unit test `shipped_terms_parse`.
        let mut t: ProjectWords = toml::from_str(TERMS_TOML).expect("data/projects.toml is valid");
        // Longest first, so that "加快推进" is tried before "加快".
        for list in
            [&mut t.strong_suffixes, &mut t.weak_suffixes, &mut t.phases, &mut t.lead_words, &mut t.status_words]
        {
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        t.generic_words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        t.suffix_starts =
            CharSet::new(t.strong_suffixes.iter().chain(&t.weak_suffixes).filter_map(|w| w.chars().next()));
        t.strong_chars = ByFirstChar::new(&t.strong_suffixes);
        t.weak_chars = ByFirstChar::new(&t.weak_suffixes);
        t.phase_chars = ByFirstChar::new(&t.phases);
        t.place_chars = t.place_words.iter().map(|w| w.chars().collect()).collect();
        t.lead_chars = ByFirstChar::new(&t.lead_words);
        t.inner_verb_chars = ByFirstChar::new(&t.inner_verbs);
        t.award_heads = Ends::heads(t.award_verbs.iter().map(String::as_str));
        t.honour_heads = Ends::heads(t.honour_verbs.iter().map(String::as_str));
        t
    })
}
