//! Where sentences, clauses and list items end, defined once. Each level stops where the one
//! before it stops, and at more marks:
//!
//! - [`Stop::Sentence`]: `。` `!` `?` and a line break;
//! - [`Stop::Semicolon`]: and `;` (a sentence of a list of results);
//! - [`Stop::Clause`]: and `,` `:`;
//! - [`Stop::Item`]: and `、` `…` (one name of a list).
//!
//! Texts here are folded: full-width marks are already their ASCII forms.

/// A level of stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stop {
    Sentence,
    Semicolon,
    Clause,
    Item,
}

/// Whether `c` stops a stretch at `level`.
pub fn ends(c: char, level: Stop) -> bool {
    match c {
        '。' | '!' | '?' | '\n' => true,
        ';' => level >= Stop::Semicolon,
        ',' | ':' => level >= Stop::Clause,
        '、' | '…' => level == Stop::Item,
        _ => false,
    }
}

/// One stretch between stops, as character offsets, with the mark that ends it (`None` at the end
/// of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    pub start: usize,
    pub end: usize,
    pub stop: Option<char>,
}

impl Clause {
    /// Whether the clause also ends a sentence (or the text).
    pub fn ends_sentence(&self) -> bool {
        self.stop.is_none_or(|c| ends(c, Stop::Sentence))
    }
}

/// Every stretch between stops of `level`, empty ones included, in order: a report is split once
/// and its readers share the split.
pub fn split(chars: impl IntoIterator<Item = char>, level: Stop) -> Vec<Clause> {
    let mut out = Vec::new();
    let (mut start, mut len) = (0, 0);
    for (i, c) in chars.into_iter().enumerate() {
        len = i + 1;
        if ends(c, level) {
            out.push(Clause { start, end: i, stop: Some(c) });
            start = i + 1;
        }
    }
    out.push(Clause { start, end: len.max(start), stop: None });
    out
}

/// The non-empty stretches between stops of `level`, as character ranges.
pub fn spans(chars: &[char], level: Stop) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if ends(c, level) {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if chars.len() > start {
        out.push((start, chars.len()));
    }
    out
}

/// The stretch around character `pos` between stops of `level`.
pub fn enclosing(chars: &[char], pos: usize, level: Stop) -> (usize, usize) {
    let pos = pos.min(chars.len());
    let start = chars[..pos].iter().rposition(|&c| ends(c, level)).map_or(0, |i| i + 1);
    let end = chars[pos..].iter().position(|&c| ends(c, level)).map_or(chars.len(), |i| pos + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_stops_where_the_one_before_does_and_more() {
        let chars: Vec<char> = "产值3亿元、税收1亿元,增长5%;投资2亿元。下一句".chars().collect();
        let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
        let all = |level| spans(&chars, level).into_iter().map(text).collect::<Vec<_>>();
        assert_eq!(all(Stop::Sentence), ["产值3亿元、税收1亿元,增长5%;投资2亿元", "下一句"]);
        assert_eq!(all(Stop::Semicolon), ["产值3亿元、税收1亿元,增长5%", "投资2亿元", "下一句"]);
        assert_eq!(all(Stop::Clause), ["产值3亿元、税收1亿元", "增长5%", "投资2亿元", "下一句"]);
        assert_eq!(all(Stop::Item), ["产值3亿元", "税收1亿元", "增长5%", "投资2亿元", "下一句"]);
        assert_eq!(text(enclosing(&chars, 8, Stop::Clause)), "产值3亿元、税收1亿元");
    }
}
