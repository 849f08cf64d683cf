//! Heading markers and Chinese numerals, read in one place: "一、" "(一)" "1." "1、" "(1)" "①",
//! "一是" items, and numerals such as 一百二十三 or 两百.

/// The numbering styles of headings, plus the unnumbered top-level heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Bare,
    CnComma,
    CnParen,
    ArabicDot,
    ArabicComma,
    ArabicParen,
    Circled,
}

/// A marker at the start of a line: its style, its number, the marker as written and the rest.
pub struct Marker<'a> {
    pub style: Style,
    pub value: u32,
    pub marker: &'a str,
    pub rest: &'a str,
}

pub const CN_DIGITS: &str = "一二三四五六七八九十";

/// Whether `c` is one of [`CN_DIGITS`], answered by a match rather than a search of the string
/// (asked of every name an indicator rule trims).
pub fn is_cn_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// The value of a Chinese numeral up to 99 ("十一", "二十三").
pub fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| CN_DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b).filter(|&v| v < 10)?),
        [a, '十'] => Some(digit(*a).filter(|&v| v < 10)? * 10),
        [a, '十', b] => Some(digit(*a).filter(|&v| v < 10)? * 10 + digit(*b).filter(|&v| v < 10)?),
        _ => None,
    }
}

/// Splits a leading run of characters satisfying `f` (at most `max` of them).
pub fn leading(s: &str, max: usize, f: impl Fn(char) -> bool) -> (&str, &str) {
    let end = s.char_indices().take_while(|&(i, c)| f(c) && s[..i].chars().count() < max).last();
    match end {
        Some((i, c)) => s.split_at(i + c.len_utf8()),
        None => ("", s),
    }
}

/// The heading marker a line opens with, if any ("一、", "(一)", "1.", "1、", "(1)", "①").
pub fn marker_of(line: &str) -> Option<Marker<'_>> {
    let s = line.trim_start();
    let make = |style, value, len: usize| {
        let (marker, rest) = s.split_at(len);
        Some(Marker { style, value, marker, rest: rest.trim_start() })
    };
    if let Some(inner) = s.strip_prefix('(') {
        let close = inner.find(')')?;
        let num = &inner[..close];
        let len = 1 + close + 1;
        if let Some(v) = cn_value(num) {
            return make(Style::CnParen, v, len);
        }
        if (1..=2).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit()) {
            return make(Style::ArabicParen, num.parse().ok()?, len);
        }
        return None;
    }
    let first = s.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return make(Style::Circled, first as u32 - '①' as u32 + 1, first.len_utf8());
    }
    let (cn, after) = leading(s, 3, |c| CN_DIGITS.contains(c));
    // "一、", or "一." where a report writes the full stop for the comma.
    if !cn.is_empty() && (after.starts_with('、') || after.starts_with('.')) {
        return make(Style::CnComma, cn_value(cn)?, cn.len() + after.chars().next().map_or(0, char::len_utf8));
    }
    let (digits, after) = leading(s, 3, |c| c.is_ascii_digit());
    if (1..=2).contains(&digits.len()) {
        let value: u32 = digits.parse().ok()?;
        let mut next = after.chars();
        match next.next() {
            // "1.5万亩" is a number, "1.点燃..." a heading.
            Some('.') if !next.next().is_some_and(|c| c.is_ascii_digit()) => {
                return make(Style::ArabicDot, value, digits.len() + 1)
            }
            Some('、') => return make(Style::ArabicComma, value, digits.len() + '、'.len_utf8()),
            _ => {}
        }
    }
    None
}

/// A "一是/二是" item lead at the start of a line: its number, marker and the rest.
pub fn item_of(line: &str) -> Option<(u32, &str, &str)> {
    let s = line.trim_start();
    let (cn, after) = leading(s, 3, |c| CN_DIGITS.contains(c));
    let rest = after.strip_prefix('是')?;
    let value = cn_value(cn)?;
    Some((value, &s[..cn.len() + '是'.len_utf8()], rest))
}

/// `c.is_numeric()` (Unicode's Nd, Nl and No), answered at once for ASCII and for the CJK Unified
/// Ideographs, which are all letters (一 and 十 are words to Unicode, not numbers), where the standard
/// library looks most of them up in its tables.
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    !('\u{4E00}'..='\u{9FFF}').contains(&c) && c.is_numeric()
}

/// The value of a Chinese numeral (一百二十三 → 123, 两百 → 200, 十五 → 15), or `None` when the
/// characters are not a well-formed numeral (一二三).
pub fn chinese_value(s: &str) -> Option<f64> {
    let mut total = 0f64;
    let mut digit: Option<f64> = None;
    let mut last_place = f64::INFINITY;
    for c in s.chars() {
        let d = match c {
            '零' => Some(0.0),
            '一' => Some(1.0),
            '二' | '两' => Some(2.0),
            '三' => Some(3.0),
            '四' => Some(4.0),
            '五' => Some(5.0),
            '六' => Some(6.0),
            '七' => Some(7.0),
            '八' => Some(8.0),
            '九' => Some(9.0),
            _ => None,
        };
        if let Some(d) = d {
            if digit.is_some() && d != 0.0 {
                return None;
            }
            digit = if d == 0.0 { None } else { Some(d) };
            continue;
        }
        let place = match c {
            '十' => 10.0,
            '百' => 100.0,
            '千' => 1000.0,
            _ => return None,
        };
        if place >= last_place {
            return None;
        }
        last_place = place;
        total += digit.unwrap_or(1.0) * place;
        digit = None;
    }
    let v = total + digit.unwrap_or(0.0);
    (v > 0.0 || s.starts_with('零')).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digit_test_is_the_digit_list() {
        for c in ('\u{4E00}'..='\u{9FFF}').chain(['0', '1', 'a', '两', '〇']) {
            assert_eq!(is_cn_digit(c), CN_DIGITS.contains(c), "{c}");
        }
    }

    #[test]
    fn is_numeric_is_the_standard_librarys_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?} U+{:04X}", c as u32);
        }
    }
}
