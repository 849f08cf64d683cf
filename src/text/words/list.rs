//! A list of words searched for all at once over a text: every occurrence, the counts, the first
//! and the last.

use crate::text::index::char_len;
use aho_corasick::{AhoCorasick, MatchKind};

/// A list of words (from a data file), searched for all at once.
pub struct WordList {
    words: Vec<String>,
    /// Where an occurrence can start, for the search to step over the characters where none can.
    starts: Starts,
    /// The same words for questions one leftmost match answers (is there one, which comes first):
    /// the search stops at that match, and its prefilter skips to the words' rarest bytes.
    leftmost: AhoCorasick,
    /// The words by the bytes of their first two characters (or of their one): the candidates
    /// compared where an occurrence may start ([`WordList::each_occurrence`]).
    keyed: Keyed,
}

/// A list's words by the UTF-8 bytes of their first two characters, and the words of one
/// character by theirs, as [`key_at`] reads them: each sorted by key, then by index in the list.
struct Keyed {
    singles: Vec<(u64, usize)>,
    pairs: Vec<(u64, usize)>,
}

impl Keyed {
    fn new(words: &[String]) -> Self {
        let (mut singles, mut pairs) = (Vec::new(), Vec::new());
        for (i, w) in words.iter().enumerate() {
            let mut ends = w.char_indices().map(|(b, c)| b + c.len_utf8());
            let Some(first) = ends.next() else { continue };
            match ends.next() {
                None => singles.push((key_at(w.as_bytes(), 0, first), i)),
                Some(second) => pairs.push((key_at(w.as_bytes(), 0, second), i)),
            }
        }
        singles.sort_unstable();
        pairs.sort_unstable();
        Keyed { singles, pairs }
    }

    /// The words of one character whose key is `key`.
    fn singles(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        Self::under(&self.singles, key)
    }

    /// The longer words whose first two characters' key is `key`.
    fn pairs(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        Self::under(&self.pairs, key)
    }

    fn under(sorted: &[(u64, usize)], key: u64) -> impl Iterator<Item = usize> + '_ {
        let from = sorted.partition_point(|&(k, _)| k < key);
        sorted[from..].iter().take_while(move |&&(k, _)| k == key).map(|&(_, w)| w)
    }
}

impl WordList {
    pub fn new(words: &[String]) -> Self {
        Self::try_new(words).expect("a list of plain words always builds an automaton")
    }

    /// A list from words a user gave (an own term list): the automaton's refusal, in words, when
    /// it cannot be built (a list too large for it, or one holding an empty word, which would
    /// occur between every two characters).
    pub fn try_new(words: &[String]) -> Result<Self, String> {
        if words.iter().any(String::is_empty) {
            return Err("the list holds an empty word".to_string());
        }
        // Every occurrence of every word is found by comparing words where one may start, so each
        // question below sees what a word-by-word search would. In Chinese text the words' first
        // bytes are common UTF-8 lead bytes, so a search by first bytes would stop at nearly
        // every character; `Starts` skips by the words' first two characters instead.
        let leftmost =
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(words).map_err(|e| e.to_string())?;
        let keyed = Keyed::new(words);
        Ok(WordList { words: words.to_vec(), starts: Starts::new(&keyed), leftmost, keyed })
    }

    /// Every occurrence of every word in `text`, overlapping ones too, as (byte start, byte end,
    /// index in the list), in the order of their starts (at one start, words of one character
    /// first, then in list order): what the library's overlapping search reports, in another
    /// order. The words that may start at a character are compared there in place; the characters
    /// where none can are passed over ([`Starts`]). (Comparing a character's few candidates costs
    /// less than stepping an automaton over its bytes, whose table misses the processor's caches.)
    pub fn each_occurrence(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            at = self.starts.next_possible(bytes, at);
            let Some(&first) = bytes.get(at) else { break };
            // (A text's characters are whole, so `at` is always at one's start: the step of at least
            // a byte only keeps the walk going forward whatever the table says.)
            let len = char_len(first).max(1);
            let mut compare = |w: usize| {
                let word = self.words[w].as_bytes();
                if bytes[at..].starts_with(word) {
                    found(at, at + word.len(), w);
                }
            };
            if self.starts.any_single {
                self.keyed.singles(key_at(bytes, at, len)).for_each(&mut compare);
            }
            if let Some(&second) = bytes.get(at + len) {
                let pair = len + char_len(second);
                self.keyed.pairs(key_at(bytes, at, pair)).for_each(&mut compare);
            }
            at += len;
        }
    }

    /// How many times each word of the list occurs in `text`, by index in the list: each word
    /// counted on its own as `text.matches(word).count()` counts it, its occurrences from the left
    /// that do not overlap one another, wherever they sit inside or across other words. One pass
    /// answers every list read over a whole text (a word is in the text when its count is not 0).
    pub fn counts_in(&self, text: &str) -> Vec<usize> {
        let mut counts = vec![0; self.words.len()];
        // Where each word's last counted occurrence ends: one starting before it overlaps that one
        // and is not counted again, as `str::matches` skips it. Occurrences come in the order of
        // their starts.
        let mut free_from = vec![0; self.words.len()];
        self.each_occurrence(text, |start, end, w| {
            if start >= free_from[w] {
                counts[w] += 1;
                free_from[w] = end;
            }
        });
        counts
    }

    /// Every occurrence of every word in `text` (overlapping ones too), with its byte start, in
    /// the order their starts come.
    pub fn occurrences<'a>(&'a self, text: &str) -> Vec<(usize, &'a str)> {
        let mut out = Vec::new();
        self.each_occurrence(text, |start, _, w| out.push((start, self.words[w].as_str())));
        out
    }

    /// Whether `text` contains any of the words.
    pub fn any_in(&self, text: &str) -> bool {
        self.leftmost.is_match(text)
    }

    /// The word occurring last in `text` (the greatest start; at equal starts the longer word), with
    /// its byte start: what `max_by_key((rfind(w), w.len()))` over the words gives.
    pub fn last_in(&self, text: &str) -> Option<(usize, &str)> {
        self.last_by(text, |start, _| start)
    }

    /// The end of the word ending last in `text`, with the word: what
    /// `max_by_key((rfind(w) + w.len(), w.len()))` over the words gives.
    pub fn last_end_in(&self, text: &str) -> Option<(usize, &str)> {
        self.last_by(text, |_, end| end)
    }

    /// The occurrence with the greatest place (its start or its end, as `place` reads it) and, at
    /// one place, the longest word; of equals the last reported, as `max_by_key` keeps it.
    fn last_by(&self, text: &str, place: impl Fn(usize, usize) -> usize) -> Option<(usize, &str)> {
        let mut last: Option<(usize, &str)> = None;
        self.each_occurrence(text, |start, end, w| {
            let (at, w) = (place(start, end), self.words[w].as_str());
            if last.is_none_or(|(a, l)| (at, w.len()) >= (a, l.len())) {
                last = Some((at, w));
            }
        });
        last
    }

    /// The word occurring first in `text` (the least start; at equal starts the longer word), with
    /// its byte start: what `min_by_key((find(w), Reverse(w.len())))` over the words gives.
    pub fn first_in(&self, text: &str) -> Option<(usize, &str)> {
        // Leftmost-longest semantics is exactly this: the least start, the longest word there.
        self.leftmost.find(text).map(|m| (m.start(), self.words[m.pattern().as_usize()].as_str()))
    }
}

/// Where a word of a list can start in a text, by the bytes of its characters: at a character
/// that is a word of one character, or whose bytes with the next character's open a longer word.
/// Both are kept hashed in tables of bits, so that a yes may be wrong but a no never is. The keys
/// are the characters' UTF-8 bytes as they stand in the text (two characters hold at most 8), so
/// that no character is decoded to be looked up.
struct Starts {
    /// One bit for each hash of a word of one character ([`key_bit`]).
    singles: Box<[u64; KEY_WORDS]>,
    /// One bit for each hash of a word's first two characters.
    pairs: Box<[u64; KEY_WORDS]>,
    /// Whether the list holds a word of one character (a term list can; the shipped lists do not).
    any_single: bool,
}

/// Words of 64 bits of [`Starts`]' tables: 8 KB each, few enough to stay in the processor's nearest
/// cache, many enough that a list of a few hundred words sets about one bit in three hundred.
const KEY_WORDS: usize = 1024;

/// The bit of a key (bytes read as a little-endian number) in a table of [`KEY_WORDS`] words.
#[inline(always)]
fn key_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - KEY_WORDS.trailing_zeros() - 6)) as usize
}

/// The first `n` bytes (at most 8) of `bytes` from `at`, as a little-endian number: what a key
/// reads. Near the end of the text the bytes past it count as 0.
#[inline(always)]
fn key_at(bytes: &[u8], at: usize, n: usize) -> u64 {
    let word = match bytes.get(at..at + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().expect("eight bytes")),
        None => {
            let mut padded = [0u8; 8];
            let rest = &bytes[at.min(bytes.len())..];
            padded[..rest.len().min(8)].copy_from_slice(&rest[..rest.len().min(8)]);
            u64::from_le_bytes(padded)
        }
    };
    word & KEY_MASK[n]
}

/// The mask of a key's first `n` bytes, for `n` from 0 to 8.
const KEY_MASK: [u64; 9] = {
    let mut mask = [0u64; 9];
    let mut n = 1;
    while n <= 8 {
        mask[n] = u64::MAX >> ((8 - n) * 8);
        n += 1;
    }
    mask
};

#[inline(always)]
fn has_bit<const N: usize>(bits: &[u64; N], i: usize) -> bool {
    bits[(i / 64) % N] & (1 << (i % 64)) != 0
}

fn set_bit<const N: usize>(bits: &mut [u64; N], i: usize) {
    bits[(i / 64) % N] |= 1 << (i % 64);
}

impl Starts {
    /// The places where the keyed words may start.
    fn new(keyed: &Keyed) -> Self {
        let mut starts = Starts {
            singles: Box::new([0; KEY_WORDS]),
            pairs: Box::new([0; KEY_WORDS]),
            any_single: !keyed.singles.is_empty(),
        };
        for &(key, _) in &keyed.singles {
            set_bit(&mut starts.singles, key_bit(key));
        }
        for &(key, _) in &keyed.pairs {
            set_bit(&mut starts.pairs, key_bit(key));
        }
        starts
    }

    /// The first place at or after `at` where a word may start: `at` itself when it is inside a
    /// character or where a word may start; the text's end when no word can start before it.
    #[inline(always)]
    fn next_possible(&self, bytes: &[u8], mut at: usize) -> usize {
        // Where eight bytes are left (two characters and more) and no word is one character long,
        // the key is read from one load: the characters' lengths from their first bytes.
        if !self.any_single {
            while let Some(chunk) = bytes.get(at..at + 8) {
                let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                // A character of three bytes (nearly every one of a Chinese text) is told by a
                // test of its first byte: the next place is then known without waiting for a
                // load from the table, and the places ahead are read while this one is tested.
                let len = if word & 0xF0 == 0xE0 { 3 } else { char_len(word as u8) };
                if len == 0 {
                    return at;
                }
                let pair = len + char_len((word >> (8 * len)) as u8);
                if has_bit(&self.pairs, key_bit(word & KEY_MASK[pair])) {
                    return at;
                }
                at += len;
            }
        }
        while at < bytes.len() {
            let len = char_len(bytes[at]);
            if len == 0 || self.any_single && has_bit(&self.singles, key_bit(key_at(bytes, at, len))) {
                return at;
            }
            let next = at + len;
            if next >= bytes.len() {
                return bytes.len();
            }
            let pair = len + char_len(bytes[next]);
            if has_bit(&self.pairs, key_bit(key_at(bytes, at, pair))) {
                return at;
            }
            at = next;
        }
        bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A list's occurrences are those the library's own overlapping search reports, in the
        /// order of their starts, for words and texts of characters of one to four bytes (some
        /// words of one character, some sharing their first two, some texts ending inside a
        /// word's key).
        #[test]
        fn occurrences_are_the_librarys_overlapping_search(
            words in proptest::collection::vec("[aé项目工𠀀]{1,3}", 1..6),
            text in "[aé项目工𠀀,]{0,30}",
        ) {
            let library = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&words)
                .unwrap();
            let mut expected: Vec<(usize, usize, usize)> = library
                .find_overlapping_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            // In the order of their starts (the library's are in the order of their ends).
            expected.sort_by_key(|&(s, _, w)| (s, words[w].chars().nth(1).is_some(), w));
            let mut found = Vec::new();
            WordList::new(&words).each_occurrence(&text, |s, e, w| found.push((s, e, w)));
            proptest::prop_assert_eq!(found, expected);
        }

        /// A list's counts are each word's `str::matches` count, for words and texts of
        /// characters of one to four bytes, words of one character among them or not.
        #[test]
        fn counts_are_each_words_matches(
            words in proptest::collection::vec("[aé项目工𠀀]{1,3}", 1..6),
            text in "[aé项目工𠀀,]{0,30}",
        ) {
            let by_words: Vec<usize> = words.iter().map(|w| text.matches(w.as_str()).count()).collect();
            proptest::prop_assert_eq!(WordList::new(&words).counts_in(&text), by_words);
        }

    }

    fn list(words: &[&str]) -> WordList {
        WordList::new(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    /// The word-by-word answers the automaton must give back.
    fn last_by_words(words: &[&str], text: &str) -> Option<(usize, String)> {
        words.iter().filter_map(|w| text.rfind(w).map(|b| (b, w.to_string()))).max_by_key(|(b, w)| (*b, w.len()))
    }

    fn first_by_words(words: &[&str], text: &str) -> Option<(usize, String)> {
        words
            .iter()
            .filter_map(|w| text.find(w).map(|b| (b, w.to_string())))
            .min_by_key(|(b, w)| (*b, std::cmp::Reverse(w.len())))
    }

    /// An empty word would occur between every two characters: a list holding one is refused.
    #[test]
    fn a_list_with_an_empty_word_is_refused() {
        assert!(WordList::try_new(&["报告".to_string(), String::new()]).is_err());
        assert!(WordList::try_new(&["报告".to_string()]).is_ok());
    }

    /// Lists searched together (the genre's cues and the policy terms) may share a word: each copy
    /// is counted.
    #[test]
    fn a_word_listed_twice_is_counted_twice() {
        assert_eq!(list(&["报告", "会议", "报告"]).counts_in("工作报告,报告"), [2, 0, 2]);
    }

    /// A word that overlaps itself counts as `str::matches` counts it (成成 once in 成成成), and
    /// each word apart from the others (成 three times there).
    #[test]
    fn a_word_overlapping_itself_counts_as_matches_does() {
        assert_eq!(list(&["成成", "成"]).counts_in("成成成"), ["成成成".matches("成成").count(), 3]);
        assert_eq!(list(&["成成", "成"]).counts_in("成成成"), [1, 3]);
    }

    #[test]
    fn answers_as_a_search_word_by_word() {
        let words = ["力争", "争取", "确保", "力争实现", "建成", "成"];
        let l = list(&words);
        for text in ["力争实现地区生产总值增长6%", "确保完成,争取建成", "全年", "争取力争", "建成成"]
        {
            assert_eq!(l.last_in(text).map(|(b, w)| (b, w.to_string())), last_by_words(&words, text), "{text}");
            assert_eq!(l.first_in(text).map(|(b, w)| (b, w.to_string())), first_by_words(&words, text), "{text}");
            assert_eq!(l.any_in(text), words.iter().any(|w| text.contains(w)), "{text}");
            let by_words: Vec<usize> = words.iter().map(|w| text.matches(w).count()).collect();
            assert_eq!(l.counts_in(text), by_words, "{text}");
            let by_words_end = words
                .iter()
                .filter_map(|w| text.rfind(w).map(|b| (b + w.len(), w.to_string())))
                .max_by_key(|(e, w)| (*e, w.len()));
            assert_eq!(l.last_end_in(text).map(|(e, w)| (e, w.to_string())), by_words_end, "{text}");
        }
    }
}
