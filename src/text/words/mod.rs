//! Word lists searched in one pass.
//!
//! Extractors ask questions such as "the last cue word before this figure" or "does this clause
//! hold a status word" for every clause of every report. Asking them word by word builds one
//! substring searcher per word and call; a [`WordList`] answers them with one pass over the text,
//! with the same answers.

mod ends;
mod list;

pub use ends::Ends;
pub use list::WordList;

/// The byte offsets of `word` in `text`, left to right and not overlapping: what
/// `text.match_indices(word)` gives, found by a vectorised search (memchr's `memmem`) rather than
/// a character-by-character one. For one word looked for in a whole report, such as a place name.
pub fn find_all<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    // A UTF-8 word matches a UTF-8 text only at a character boundary: the offsets cut it cleanly.
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes())
}

/// The lines of `text`: what `text.lines()` gives (split at each '\n', a '\r' before it dropped,
/// no empty line after a last '\n'), the line ends found by memchr's vectorised search where the
/// standard library's looks a word at a time. For a whole page or report split into its lines.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= text.len() {
            return None;
        }
        let line = match ends.next() {
            Some(end) => {
                let line = &text[from..end];
                from = end + 1;
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => {
                let line = &text[from..];
                from = text.len();
                line
            }
        };
        Some(line)
    })
}

/// Whether `word` occurs in `text`: what `text.contains(word)` says, for the short texts the rules
/// ask about one word at a time (a clause, a heading, a name). The standard library builds a
/// two-way searcher for each such call, which in a text of a few dozen bytes costs more than the
/// search; here the word's last byte (a UTF-8 continuation byte for a Chinese character, rarer
/// than its lead byte) is found by memchr and the bytes before it compared.
pub fn contains(text: &str, word: &str) -> bool {
    find(text, word).is_some()
}

/// The byte offset of the first occurrence of `word` in `text`: what `text.find(word)` says,
/// searched as [`contains`] does.
pub fn find(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some((&last, before)) = w.split_last() else { return Some(0) };
    if t.len() < w.len() {
        return None;
    }
    // (A UTF-8 word matches a UTF-8 text only at a character boundary, as in `find_all`.)
    memchr::memchr_iter(last, &t[before.len()..]).find(|&i| &t[i..i + before.len()] == before)
}

/// Whether `text` ends with `word`: what `text.ends_with(word)` says, the last bytes compared
/// first. Rules try whole lists of words at one place, and nearly every try fails there (for a
/// Chinese word, a continuation byte); a failed try then costs no call to memcmp.
pub fn ends_with(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    t.len() >= w.len() && t[t.len() - w.len()..].iter().rev().zip(w.iter().rev()).all(|(a, b)| a == b)
}

/// Whether `text` starts with `word`: what `text.starts_with(word)` says, compared as
/// [`ends_with`] does, from the word's last byte back.
pub fn starts_with(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    t.len() >= w.len() && t[..w.len()].iter().rev().zip(w.iter().rev()).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// `contains` says what `str::contains` says, on texts and words drawn from a few
        /// characters (so that words occur, overlap and stop short), the empty word included.
        #[test]
        fn contains_is_str_contains(text in "[项目工程a%]{0,24}", word in "[项目工程a%]{0,4}") {
            proptest::prop_assert_eq!(super::contains(&text, &word), text.contains(word.as_str()));
            proptest::prop_assert_eq!(super::find(&text, &word), text.find(word.as_str()));
        }

        /// `lines` gives what `str::lines` gives, on texts of line ends, lone and paired, and
        /// other characters.
        #[test]
        fn lines_are_str_lines(text in "[\\n\\r项a]{0,16}") {
            proptest::prop_assert_eq!(super::lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }

        /// `ends_with` and `starts_with` say what `str`'s do, on the same texts and words.
        #[test]
        fn ends_are_str_ends(text in "[项目工程a%]{0,12}", word in "[项目工程a%]{0,4}") {
            proptest::prop_assert_eq!(super::ends_with(&text, &word), text.ends_with(word.as_str()));
            proptest::prop_assert_eq!(super::starts_with(&text, &word), text.starts_with(word.as_str()));
        }
    }

    use super::*;

    /// find_all gives the offsets match_indices gives: non-overlapping, left to right, on
    /// character boundaries, for words of one and several bytes.
    #[test]
    fn find_all_is_match_indices() {
        let texts = ["", "青石镇青石镇青石", "aaaa", "龙游县湖镇镇湖镇镇", "镇镇镇镇", "a镇b镇镇c"];
        let words = ["青石", "青石镇", "aa", "a", "湖镇镇", "镇镇", "镇", "c", "不在"];
        for text in texts {
            for word in words {
                let expected: Vec<usize> = text.match_indices(word).map(|(i, _)| i).collect();
                assert_eq!(find_all(text, word).collect::<Vec<_>>(), expected, "{word} in {text}");
            }
        }
    }
}
