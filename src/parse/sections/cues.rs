//! What a line says: a heading's title, the part it names, and the cues of the problems, the
//! closing appeal and the targets paragraph.

#[allow(unused_imports)]
use super::*;
use crate::text::words::contains;

pub(super) const SENTENCE_END: &[char] = &['。', '!', '?', ';', ':'];

/// The heading at the start of a text: up to its first sentence end, or up to a "一是" item glued
/// to it; and whether body text follows on the same line.
pub(super) fn heading_title(rest: &str, split_glued_items: bool) -> (String, bool) {
    let mut stop = rest.len();
    // Pages that flatten a report into one paragraph keep a space between a heading and its first
    // sentence ("2023年工作回顾 2023年是..."): a space after a few words, followed by more text than
    // the words before it, ends the heading.
    let mut space: Option<(usize, usize)> = None;
    let mut chars_seen = 0;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        chars_seen = n;
        if SENTENCE_END.contains(&c) {
            stop = i;
            break;
        }
        if space.is_none() && n >= 4 && c.is_whitespace() {
            space = Some((n, i));
        }
        // A glued heading ("...高分答卷一是以更优质的载体聚项目"): a heading has words of its own
        // before an item can start.
        if split_glued_items && n >= 6 && rest[i..].starts_with("一是") {
            stop = i;
            break;
        }
    }
    if let Some((before, at)) = space {
        if chars_seen - before >= before.max(8) && !rest[at..stop].trim().is_empty() {
            stop = at;
        }
    }
    let title = clean_title(&rest[..stop]);
    let after = rest[stop..].trim_start_matches(SENTENCE_END).trim();
    (title, !after.is_empty())
}

pub(super) fn clean_title(s: &str) -> String {
    s.trim().trim_end_matches(['。', '.', ' ']).trim().to_string()
}

pub(super) fn has_year(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(5).any(|w| w[..4].iter().all(|c| c.is_ascii_digit()) && w[4] == '年')
}

/// The part a heading names, from the keyword lists.
pub(super) fn part_of_title(title: &str) -> Option<Part> {
    words().parts.iter().find(|(_, ws)| ws.iter().any(|w| contains(title, w))).map(|(p, _)| *p)
}

/// A title that reads as a top-level heading: short, names a part, carries a year or an anchor.
pub(super) fn top_like(title: &str) -> bool {
    let w = &words().file.top;
    title.chars().count() <= w.max_chars
        && part_of_title(title).is_some()
        && (has_year(title) || w.anchors.iter().any(|a| contains(title, a)))
}

/// An unnumbered line that is a top-level heading ("2022年工作回顾", "2023年工作安排", "回望2023年,
/// 凝心聚力,砥砺前行": commas may part its phrases, but it ends on none).
pub(super) fn bare_top(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.contains(['。', ';', ':', '!', '?'])
        && !t.ends_with(',')
        && marker_of(t).is_none()
        && top_like(t)
}

pub(super) fn starts_with_any(s: &str, list: &[String]) -> bool {
    list.iter().any(|w| s.starts_with(w.as_str()))
}

pub(super) fn head(s: &str, chars: usize) -> &str {
    s.char_indices().nth(chars).map_or(s, |(i, _)| &s[..i])
}

/// Whether a line opens with an address to the assembly (data/sections.toml: "各位代表", "同志们").
pub(crate) fn opens_with_address(line: &str) -> bool {
    starts_with_any(line.trim_start(), &words().file.address.words)
}

/// The problems paragraph of a review: "我们也清醒地认识到...存在问题和不足".
pub(super) fn problems_cue(line: &str) -> bool {
    let w = &words().file.problems;
    let window = head(line.trim_start(), w.window);
    w.recognitions.iter().any(|r| {
        window.match_indices(r.as_str()).any(|(i, _)| {
            let after = head(&window[i + r.len()..], w.gap);
            w.nouns.iter().any(|n| after.contains(n.as_str()))
        })
    })
}

pub(super) fn closing_cue(line: &str) -> bool {
    let w = &words().file.closing;
    opens_with_address(line) || w.appeals.iter().any(|a| head(line.trim_start(), w.window).contains(a.as_str()))
}

pub(super) fn targets_cue(line: &str) -> bool {
    let w = &words().file.targets;
    let window = head(line.trim_start(), w.window);
    w.cues.iter().any(|c| contains(window, c))
}
