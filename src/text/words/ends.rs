//! Word lists filed by a word's first or last character, for the words a short text starts or
//! ends with.

use super::{ends_with, starts_with};
use std::collections::BTreeMap;

/// A word list filed under each word's first character (for the words a text starts with) or its
/// last (for the words it ends with), longest first: a text's end is tried against the few words
/// that could stand there rather than the whole list.
#[derive(Default)]
pub struct Ends {
    /// The words by the character they are filed under, sorted by it (a binary search finds a
    /// character's words in fewer instructions than hashing it does).
    by: Vec<(char, Vec<String>)>,
    key: Key,
    /// One bit for each character words are filed under (its code modulo 2,048): a character whose
    /// bit is clear files none, and most characters are answered so, without a search. (A list
    /// files dozens of characters: in 64 bits most of a text's characters found theirs set.)
    bits: [u64; 32],
}

/// The word of [`Ends::bits`] and the bit in it that stand for `c`.
fn bit(c: char) -> (usize, u64) {
    let i = c as usize % 2048;
    (i / 64, 1 << (i % 64))
}

#[derive(Default, Clone, Copy)]
enum Key {
    #[default]
    First,
    Last,
}

impl Key {
    fn of(self, s: &str) -> Option<char> {
        match self {
            Key::First => s.chars().next(),
            Key::Last => s.chars().next_back(),
        }
    }
}

impl Ends {
    /// For [`Ends::head_of`]: the words filed by their first character.
    pub fn heads<'a>(list: impl IntoIterator<Item = &'a str>) -> Self {
        Ends::new(list, Key::First)
    }

    /// For [`Ends::tail_of`]: the words filed by their last character.
    pub fn tails<'a>(list: impl IntoIterator<Item = &'a str>) -> Self {
        Ends::new(list, Key::Last)
    }

    fn new<'a>(list: impl IntoIterator<Item = &'a str>, key: Key) -> Self {
        // A stable sort: words of one length stay in the list's order.
        let mut sorted: Vec<&str> = list.into_iter().filter(|w| !w.is_empty()).collect();
        sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut by = BTreeMap::<char, Vec<String>>::new();
        let mut bits = [0; 32];
        for w in sorted {
            if let Some(c) = key.of(w) {
                by.entry(c).or_default().push(w.to_string());
                let (word, b) = bit(c);
                bits[word] |= b;
            }
        }
        // (A BTreeMap yields its characters in order: the list is sorted as it is collected.)
        Ends { by: by.into_iter().collect(), key, bits }
    }

    fn under(&self, c: Option<char>) -> &[String] {
        let Some(c) = c.filter(|&c| {
            let (word, b) = bit(c);
            self.bits[word] & b != 0
        }) else {
            return &[];
        };
        self.by.binary_search_by_key(&c, |(k, _)| *k).map_or(&[], |i| self.by[i].1.as_slice())
    }

    /// Whether some word is filed under `c`: starts with it in a list made by [`Ends::heads`], ends
    /// with it in one made by [`Ends::tails`].
    pub fn files_under(&self, c: char) -> bool {
        !self.under(Some(c)).is_empty()
    }

    /// Every word `s` starts with, longest first (a list made by [`Ends::heads`]).
    pub fn heads_in<'a>(&'a self, s: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.under(s.chars().next()).iter().map(String::as_str).filter(move |w| starts_with(s, w))
    }

    /// The longest word `s` starts with (a list made by [`Ends::heads`]).
    pub fn head_of(&self, s: &str) -> Option<&str> {
        self.under(s.chars().next()).iter().map(String::as_str).find(|w| starts_with(s, w))
    }

    /// The longest word `s` ends with (a list made by [`Ends::tails`]).
    pub fn tail_of(&self, s: &str) -> Option<&str> {
        self.under(s.chars().next_back()).iter().map(String::as_str).find(|w| ends_with(s, w))
    }

    /// Whether `w` is a word of the list.
    pub fn contains(&self, w: &str) -> bool {
        self.under(self.key.of(w)).iter().any(|x| x == w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_find_what_a_walk_over_the_list_finds() {
        let words: Vec<String> =
            ["加快", "加快推进", "推进", "进", "全力", "力"].iter().map(|w| w.to_string()).collect();
        let heads = Ends::heads(words.iter().map(String::as_str));
        let tails = Ends::tails(words.iter().map(String::as_str));
        let mut longest = words.clone();
        longest.sort_by_key(|w| std::cmp::Reverse(w.len()));
        for s in ["加快推进项目", "加快项目", "项目推进", "全力", "力", "", "项目"] {
            assert_eq!(heads.head_of(s), longest.iter().map(String::as_str).find(|w| s.starts_with(w)), "{s}");
            assert_eq!(tails.tail_of(s), longest.iter().map(String::as_str).find(|w| s.ends_with(w)), "{s}");
            let every: Vec<&str> = longest.iter().map(String::as_str).filter(|w| s.starts_with(w)).collect();
            assert_eq!(heads.heads_in(s).collect::<Vec<_>>(), every, "{s}");
        }
        assert!(heads.contains("推进") && tails.contains("推进") && !heads.contains("项目"));
        assert!(
            heads.files_under('加') && heads.files_under('进') && !heads.files_under('项') && tails.files_under('快')
        );
    }
}
