//! The ground floor under read, parse and extract: nothing here knows about reports.
//!
//! - [`fold`]: folding for parsing (full-width forms, odd spaces, traditional script through
//!   OpenCC's table), one character for one character.
//! - [`index`]: positions, characters and bytes both ways ([`index::Folded`] is a folded text
//!   with its index).
//! - [`markers`]: heading markers ("一、", "(一)", "1.", "①", "一是") and Chinese numerals.
//! - [`clauses`]: where sentences, clauses and list items end.
//! - [`words`]: word lists, matched in one pass.
//! - [`terms`]: the policy-term list (data/terms.toml) and its counts in a text.
//! - [`names`]: the one trimmer of names (each extractor brings its words).
//! - [`is_han`]: whether a character is a Han ideograph.

pub mod clauses;
pub mod fold;
pub mod index;
pub mod markers;
pub mod names;
pub mod terms;
pub mod words;

/// Whether a character is a Han ideograph: the unified ideographs, their extensions and the
/// compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}
