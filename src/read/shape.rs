//! Page shapes that hide the text from the parsers without being part of it: a site's watermark
//! glued to the end of every line, words spaced out letter by letter (`政 府 工 作 报 告`), and
//! pinyin glosses after each character on mirror sites (`凤(fèng)凰(huáng)镇(zhèn)`).
//!
//! A watermark is no part of the report and is dropped from the stored text. Spaces and glosses
//! are the page's own way of writing the report: the stored text keeps them, and only the text
//! the parsers read leaves them out, with a map from each of its characters to the stored one.

use crate::text::is_han;
use std::collections::HashMap;

/// Shortest and longest watermark, in characters.
const MARK_CHARS: std::ops::RangeInclusive<usize> = 4..=30;
/// Fewest lines a watermark ends, and the least share of the page's lines.
const MARK_MIN_LINES: usize = 3;
const MARK_MIN_SHARE: f64 = 0.2;

/// The tail glued to the end of many lines of a page, if there is one: the longest run of 4 to 30
/// characters that ends at least 3 lines and a fifth of them. A run that ends in punctuation is
/// the prose's own ("的工作。"), never a mark.
pub fn watermark(lines: &[&str]) -> Option<String> {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim_end()).filter(|l| !l.is_empty()).collect();
    let needed = MARK_MIN_LINES.max((lines.len() as f64 * MARK_MIN_SHARE).ceil() as usize);
    if lines.len() < needed {
        return None;
    }
    // Most pages have no mark: the shortest tail a mark could be is counted first, and the page
    // is done when none recurs often enough.
    let shortest = |l: &str| l.char_indices().rev().nth(MARK_CHARS.start() - 1).map(|(b, _)| b);
    let mut short: HashMap<&str, usize> = HashMap::with_capacity(lines.len());
    for line in &lines {
        if let Some(b) = shortest(line) {
            *short.entry(&line[b..]).or_default() += 1;
        }
    }
    if short.values().all(|&n| n < needed) {
        return None;
    }
    // Every line adds its tails of 4..=30 characters once: linear in the number of lines. Each
    // tail keeps its count and the first line it ends.
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        for (n, (b, _)) in line.char_indices().rev().enumerate().take(*MARK_CHARS.end()) {
            if n + 1 >= *MARK_CHARS.start() {
                counts.entry(&line[b..]).or_insert((0, i)).0 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(tail, (n, _))| {
            n >= needed && !tail.ends_with(is_punctuation) && !tail.starts_with(char::is_whitespace)
        })
        // Among tails ending as many lines, the longest is the whole mark; between two such marks,
        // the one met first (never the map's order, which changes from run to run).
        .max_by_key(|&(tail, (n, first))| (n, tail.chars().count(), std::cmp::Reverse(first)))
        .map(|(tail, _)| tail.to_string())
}

fn is_punctuation(c: char) -> bool {
    "。，,、；;：:！!？?”’\"')）]】》…—-|｜".contains(c)
}

/// A line with the watermark taken off its end.
pub fn strip_mark<'a>(line: &'a str, mark: &str) -> &'a str {
    let t = line.trim_end();
    t.strip_suffix(mark).map_or(line, str::trim_end)
}

/// A line as the parsers read it, and where each of its characters stands in the stored line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseLine {
    pub text: String,
    /// `stored[i]` is the stored line's character index of character `i` of `text`; `None` when
    /// the two are the same (no character was left out).
    pub stored: Option<Vec<u32>>,
}

/// The parse form of a folded line: pinyin glosses after Han characters and the spaces between
/// spaced-out characters left out. `folded` is the stored line folded, one character for one.
pub fn parse_line(folded: &str) -> ParseLine {
    // Most lines hold neither a gloss nor spacing: nothing to leave out.
    if !may_leave_out(folded) {
        return ParseLine { text: folded.to_string(), stored: None };
    }
    let chars: Vec<char> = folded.chars().collect();
    let mut drop = vec![false; chars.len()];
    let mut any = mark_glosses(&chars, &mut drop);
    any |= mark_spacing(&chars, &mut drop);
    if !any {
        return ParseLine { text: folded.to_string(), stored: None };
    }
    let mut text = String::with_capacity(folded.len());
    let mut stored = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if !drop[i] {
            text.push(c);
            stored.push(i as u32);
        }
    }
    ParseLine { text, stored: Some(stored) }
}

/// Whether a line may hold what [`parse_line`] leaves out: a '(' after a Han character with a
/// pinyin letter after it (a gloss), or a space after a Han character or a digit (spacing). Found
/// by the two ASCII bytes alone (memchr's vectorised search), without decoding the line.
fn may_leave_out(folded: &str) -> bool {
    memchr::memchr2_iter(b'(', b' ', folded.as_bytes()).any(|i| {
        let before = || folded[..i].chars().next_back();
        match folded.as_bytes()[i] {
            b'(' => before().is_some_and(is_han) && folded[i + 1..].chars().next().is_some_and(is_pinyin_letter),
            _ => before().is_some_and(|c| is_han(c) || c.is_ascii_digit()),
        }
    })
}

/// Letters of a pinyin syllable, tone marks included.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ".contains(c)
}

fn is_pinyin_vowel(c: char) -> bool {
    "aeiouvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê".contains(c)
}

/// Marks `(pinyin)` right after a Han character: 1 to 6 lowercase letters with a vowel among
/// them ("(gdp)" has none and is kept). Returns whether it marked any.
fn mark_glosses(chars: &[char], drop: &mut [bool]) -> bool {
    let mut any = false;
    let mut i = 1;
    while i < chars.len() {
        if chars[i] == '(' && is_han(chars[i - 1]) {
            let len = chars[i + 1..].iter().take(7).take_while(|&&c| is_pinyin_letter(c)).count();
            let closes = chars.get(i + 1 + len) == Some(&')');
            if (1..=6).contains(&len) && closes && chars[i + 1..i + 1 + len].iter().any(|&c| is_pinyin_vowel(c)) {
                drop[i..=i + 1 + len].iter_mut().for_each(|d| *d = true);
                any = true;
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
    any
}

/// Marks the spaces of a word spaced out character by character: three or more single Han
/// characters or digits in a row, each parted from the next by spaces ("政 府 工 作 报 告",
/// "2 0 2 3"). Two-character runs ("马 玉") are too often two words to join. Returns whether it
/// marked any.
fn mark_spacing(chars: &[char], drop: &mut [bool]) -> bool {
    let single = |c: char| is_han(c) || c.is_ascii_digit();
    let mut any = false;
    let mut i = 0;
    let mut tokens = Vec::new();
    while i < chars.len() {
        // A run starts at a single character standing after a non-letter or the line's start.
        let starts_run = single(chars[i]) && (i == 0 || !single(chars[i - 1]));
        if !starts_run {
            i += 1;
            continue;
        }
        tokens.clear();
        tokens.push(i);
        let mut j = i + 1;
        loop {
            let gap = chars[j.min(chars.len())..].iter().take_while(|c| **c == ' ').count();
            let next = j + gap;
            let alone = next < chars.len() && single(chars[next]) && chars.get(next + 1).is_none_or(|&c| !single(c));
            if gap == 0 || !alone {
                break;
            }
            tokens.push(next);
            j = next + 1;
        }
        // The run's first character must stand alone too ("镇长 刘 明" spaces "刘 明" only).
        let first_alone = chars.get(i + 1).is_none_or(|&c| !single(c));
        if first_alone && tokens.len() >= 3 {
            for w in tokens.windows(2) {
                drop[w[0] + 1..w[1]].iter_mut().for_each(|d| *d = true);
            }
            any = true;
        }
        i = j.max(i + 1);
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tail_on_many_lines_is_a_watermark() {
        let lines = [
            "政府工作报告某某文库--专业范文",
            "各位代表:某某文库--专业范文",
            "一、2020年工作回顾某某文库--专业范文",
            "全年完成财政收入3亿元。",
            "二、2021年工作安排某某文库--专业范文",
        ];
        assert_eq!(watermark(&lines).as_deref(), Some("某某文库--专业范文"));
        assert_eq!(strip_mark(lines[2], "某某文库--专业范文"), "一、2020年工作回顾");
    }

    /// Two marks ending as many lines, of one length: the one met first, in every run (the map
    /// of tails is seeded anew for every call, so an order taken from it would change).
    #[test]
    fn of_two_marks_as_frequent_the_first_is_taken_every_time() {
        let lines = [
            "一、工作回顾乙方文库网址",
            "二、工作安排甲方资料下载",
            "三、主要目标乙方文库网址",
            "四、重点项目甲方资料下载",
            "五、保障措施乙方文库网址",
            "六、结束语句甲方资料下载",
        ];
        for _ in 0..32 {
            assert_eq!(watermark(&lines).as_deref(), Some("乙方文库网址"));
        }
    }

    #[test]
    fn sentence_ends_and_rare_tails_are_no_watermark() {
        let lines = ["推进了项目工作。", "完成了全年工作。", "抓好了各项工作。", "全年新增就业500人"];
        assert_eq!(watermark(&lines), None, "punctuation ends the prose, not a mark");
        let lines = ["一、2020年工作回顾文库", "正文第一段", "正文第二段", "正文第三段", "正文第四段", "结尾"];
        assert_eq!(watermark(&lines), None, "a tail on one line of many is no mark");
    }

    #[test]
    fn glosses_are_left_out_and_mapped_back() {
        let p = parse_line("凤(fèng)凰(huáng)镇(zhèn)第三届人民代表大会");
        assert_eq!(p.text, "凤凰镇第三届人民代表大会");
        let stored = p.stored.expect("a map");
        assert_eq!(stored[0], 0);
        assert_eq!(stored[1], 7, "凰 stands after 凤(fèng)");
        assert_eq!(stored[3], 22, "第 after 镇(zhèn)");
    }

    #[test]
    fn brackets_that_are_no_gloss_stay() {
        for line in ["国内生产总值(gdp)增长5%", "完成投资(含续建)3亿元", "建成项目(3个)", "英文(English)"]
        {
            assert_eq!(parse_line(line), ParseLine { text: line.to_string(), stored: None }, "{line}");
        }
    }

    #[test]
    fn spaced_out_words_are_joined() {
        assert_eq!(parse_line("政 府 工 作 报 告").text, "政府工作报告");
        assert_eq!(parse_line("  政 府 工 作 报 告").text, "  政府工作报告");
        assert_eq!(parse_line("镇 长 刘 明").text, "镇长刘明");
        assert_eq!(parse_line("镇长 刘 明").text, "镇长 刘 明", "two characters may be two words");
        assert_eq!(parse_line("完成 2 0 2 3 年任务").text, "完成 2023 年任务");
        assert_eq!(parse_line("产值 达到 5亿元").stored, None);
    }

    #[test]
    fn the_quick_test_misses_no_line_that_loses_characters() {
        let lines = [
            "凤(fèng)凰镇",
            "政 府 工 作 报 告",
            "完成 2 0 2 3 年任务",
            "  政 府",
            "国内生产总值(gdp)增长5%",
            "英文(English)",
            "镇长 刘 明",
            "a b c d",
            "(fèng)",
        ];
        for line in lines {
            let lost = parse_line(line).stored.is_some();
            assert!(!lost || may_leave_out(line), "{line}");
        }
        assert!(!may_leave_out("完成投资(含续建)3亿元"));
        assert!(!may_leave_out("a b c d"));
    }
}
