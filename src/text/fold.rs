//! Folding for parsing: full-width digits and punctuation, odd spaces and traditional characters
//! become their plain forms, one character for one character, so that a match found in the folded
//! text has the same character offsets in the stored body.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Traditional characters and their simplified forms: OpenCC's TSCharacters table, one pair a line
/// (data/ts_characters.txt, rebuilt by `make ts-characters`).
const FOLD_TABLE: &str = include_str!("../../data/ts_characters.txt");

/// The pairs of the table, in its order.
fn table_pairs() -> impl Iterator<Item = (char, char)> {
    FOLD_TABLE.lines().filter(|l| !l.starts_with('#')).filter_map(|l| {
        let mut cs = l.chars().filter(|c| !c.is_whitespace());
        Some((cs.next()?, cs.next()?))
    })
}

fn pairs() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| table_pairs().collect())
}

/// The folded form of one character.
pub fn fold_char(c: char) -> char {
    bmp().get(c as usize).copied().unwrap_or(c)
}

/// Every character of every report passes through the fold, several times: a lookup in a table of
/// the Basic Multilingual Plane (where every folded character lives) is one index, not a hash.
fn bmp() -> &'static [char] {
    static BMP: OnceLock<Vec<char>> = OnceLock::new();
    BMP.get_or_init(|| (0..=0xFFFFu32).map(|u| char::from_u32(u).map_or('\u{FFFD}', fold_rule)).collect())
}

/// The folded form of a text: what `s.chars().map(fold_char).collect()` gives. Most characters fold
/// to themselves, so runs of them are copied whole rather than pushed one by one.
pub fn fold_str(s: &str) -> String {
    let bmp = bmp();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (b, c) in s.char_indices() {
        let f = bmp.get(c as usize).copied().unwrap_or(c);
        if f != c {
            out.push_str(&s[copied..b]);
            out.push(f);
            copied = b + c.len_utf8();
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// The folding rule itself, which the table above caches.
fn fold_rule(c: char) -> char {
    match c {
        // Full-width ASCII block: ０-９, Ａ-Ｚ, ％, ，, （ ...
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '\u{2212}' | '\u{FE63}' => '-',
        '﹪' => '%',
        _ => *pairs().get(&c).unwrap_or(&c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::index::{CharBytes, Folded};

    #[test]
    fn folding_keeps_length_and_offsets() {
        let body = "达到７４．２３億元，同比增长２３．７５％";
        let f = Folded::new(body);
        assert_eq!(f.text, "达到74.23亿元,同比增长23.75%");
        assert_eq!(f.char_len(), body.chars().count());
        assert_eq!(fold_str(body), body.chars().map(fold_char).collect::<String>());
        let b = f.text.find("23.75").unwrap();
        assert_eq!(CharBytes::new(body).slice(body, f.char_of(b), f.char_of(b) + 5), "２３．７５");
    }

    #[test]
    fn traditional_characters_fold() {
        assert_eq!(Folded::new("萬元鎮鄉縣").text, "万元镇乡县");
        assert_eq!(Folded::new("固定資產投資達到7.85億元").text, "固定资产投资达到7.85亿元");
        assert_eq!(Folded::new("鄉村振興戰略紮實推進").text, "乡村振兴战略扎实推进");
        // Beyond the few hundred characters of units and names: any traditional text.
        assert_eq!(Folded::new("臥牛山街道優化城市治理").text, "卧牛山街道优化城市治理");
        assert_eq!(Folded::new("幫扶紓困釋放產能").text, "帮扶纾困释放产能");
    }

    #[test]
    fn the_table_is_one_to_one_and_never_chains() {
        let mut seen: HashMap<char, char> = HashMap::new();
        for line in FOLD_TABLE.lines().filter(|l| !l.starts_with('#')) {
            let cs: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(cs.len(), 2, "not one pair on line {line:?}");
            assert_ne!(cs[0], cs[1], "{line:?}");
            let before = seen.insert(cs[0], cs[1]);
            assert!(before.is_none(), "{} folds two ways", cs[0]);
        }
        assert!(seen.len() > 3000, "the whole OpenCC table, not a hand-picked part of it");
        // A simplified form that is itself folded again would make folding depend on order.
        for (t, s) in &seen {
            assert!(!seen.contains_key(s), "{t} folds to {s}, which folds again");
        }
    }
}
