//! The section tree of a report: headings at every level the genre uses, each section with its
//! part (review, plan, ...) and character span.
//!
//! How the outline is modelled:
//! - Level 0 is the preamble: the stretch before the first top-level heading (title line, date,
//!   meeting, speaker, the "各位代表:" address and any unheaded preface), one row with part
//!   `preamble`, no marker and no title. It keeps level 1 for the outline while the spans still
//!   cover the whole body. A report without any heading is one preamble row.
//! - Level 1 holds the report's top-level headings only: numbered ("一、2024年工作回顾") or
//!   unnumbered ("2022年工作回顾", a short line naming a part and a year or "工作").
//! - Deeper levels follow the markers: "一、" "(一)" "1." "1、" "(1)" "①", nested in the order the
//!   report first uses them. A marker style seen again is a sibling of the open heading of that
//!   style whose number it continues; a "一、" that continues nothing restarts the numbering one
//!   level down. So a plan that reuses 一、..四、 under "二、2025年工作任务" nests them, and the
//!   "三、加强政府自身建设" after them, continuing 二、, is top-level again.
//! - A heading shares its line with its body when the line goes on after the heading's first
//!   sentence (`inline`); a heading glued to its body without punctuation
//!   ("交出产业迭代优异答卷一是挖掘文旅潜力...") ends where the first "一是" item begins.
//! - Parallel paragraphs that open with the same words ("一年来,我们...。", "过去的一年,我们...",
//!   "奋进这一年,...", "我们将坚持...") are sub-sections titled by their first sentence.
//! - "一是/二是" items are rows only where they open a line, in sequence. An item that follows a
//!   sentence end inside a paragraph is an enumeration within that paragraph, not a section of the
//!   report, and "一是" in the middle of a sentence is never a heading.
//! - Stretches no heading opens but the text marks as another part are child rows without marker
//!   or title, at level 2 or deeper (level 1 is the outline's): the problems paragraph ending a
//!   review ("我们也清醒地认识到...问题和不足"), the closing appeal ("各位代表!...让我们..."), the
//!   "主要预期目标" paragraph (plan) and an unheaded preface that reviews the past year. A
//!   paragraph that opens with an address ("各位代表") ends the sub-sections before it: the thanks,
//!   the problems and the appeal belong to the top-level section.
//!
//! Spans nest (children inside parents, siblings apart) and the preamble and the top-level
//! sections together cover the body. The words read here live in data/sections.toml.

use crate::model::{Part, ReportMeta, Section, Span};
use crate::read::Folded;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const SECTIONS_TOML: &str = include_str!("../../data/sections.toml");

#[derive(Deserialize)]
struct WordsFile {
    parts: Vec<PartWords>,
    top: Top,
    address: WordList,
    closing: Closing,
    problems: Problems,
    targets: Targets,
    preface: Preface,
    leads: Leads,
}

#[derive(Deserialize)]
struct PartWords {
    part: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
struct Top {
    max_chars: usize,
    anchors: Vec<String>,
}

#[derive(Deserialize)]
struct WordList {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct Closing {
    appeals: Vec<String>,
    window: usize,
}

#[derive(Deserialize)]
struct Problems {
    recognitions: Vec<String>,
    nouns: Vec<String>,
    window: usize,
    gap: usize,
}

#[derive(Deserialize)]
struct Targets {
    cues: Vec<String>,
    window: usize,
}

#[derive(Deserialize)]
struct Preface {
    past: Vec<String>,
    frames: Vec<String>,
    min_chars: usize,
}

#[derive(Deserialize)]
struct Leads {
    prefix_chars: usize,
    min_run: usize,
    max_title_chars: usize,
}

struct Words {
    parts: Vec<(Part, Vec<String>)>,
    file: WordsFile,
}

fn part_named(name: &str) -> Option<Part> {
    Some(match name {
        "preamble" => Part::Preamble,
        "review" => Part::Review,
        "problems" => Part::Problems,
        "plan" => Part::Plan,
        "self_building" => Part::SelfBuilding,
        "closing" => Part::Closing,
        "other" => Part::Other,
        _ => return None,
    })
}

fn parse_words(text: &str) -> Result<Words, String> {
    let file: WordsFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let parts = file
        .parts
        .iter()
        .map(|p| part_named(&p.part).map(|part| (part, p.words.clone())).ok_or(format!("unknown part {}", p.part)))
        .collect::<Result<_, _>>()?;
    Ok(Words { parts, file })
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    // The file is compiled in; a defect in it is a build defect that the unit tests catch.
    WORDS.get_or_init(|| parse_words(SECTIONS_TOML).expect("data/sections.toml is valid"))
}

/// The numbering styles of headings, plus the unnumbered top-level heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Bare,
    CnComma,
    CnParen,
    ArabicDot,
    ArabicComma,
    ArabicParen,
    Circled,
}

/// A marker at the start of a line: its style, its number, the marker as written and the rest.
struct Marker<'a> {
    style: Style,
    value: u32,
    marker: &'a str,
    rest: &'a str,
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// The value of a Chinese numeral up to 99 ("十一", "二十三").
fn cn_value(s: &str) -> Option<u32> {
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
fn leading(s: &str, max: usize, f: impl Fn(char) -> bool) -> (&str, &str) {
    let end = s.char_indices().take_while(|&(i, c)| f(c) && s[..i].chars().count() < max).last();
    match end {
        Some((i, c)) => s.split_at(i + c.len_utf8()),
        None => ("", s),
    }
}

/// The heading marker a line opens with, if any ("一、", "(一)", "1.", "1、", "(1)", "①").
fn marker_of(line: &str) -> Option<Marker<'_>> {
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
    if !cn.is_empty() && after.starts_with('、') {
        return make(Style::CnComma, cn_value(cn)?, cn.len() + '、'.len_utf8());
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
fn item_of(line: &str) -> Option<(u32, &str, &str)> {
    let s = line.trim_start();
    let (cn, after) = leading(s, 3, |c| CN_DIGITS.contains(c));
    let rest = after.strip_prefix('是')?;
    let value = cn_value(cn)?;
    Some((value, &s[..cn.len() + '是'.len_utf8()], rest))
}

const SENTENCE_END: &[char] = &['。', '!', '?', ';', ':'];

/// The heading at the start of a text: up to its first sentence end, or up to a "一是" item glued
/// to it; and whether body text follows on the same line.
fn heading_title(rest: &str, split_glued_items: bool) -> (String, bool) {
    let mut stop = rest.len();
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if SENTENCE_END.contains(&c) {
            stop = i;
            break;
        }
        // A glued heading ("...高分答卷一是以更优质的载体聚项目"): a heading has words of its own
        // before an item can start.
        if split_glued_items && n >= 6 && rest[i..].starts_with("一是") {
            stop = i;
            break;
        }
    }
    let title = clean_title(&rest[..stop]);
    let after = rest[stop..].trim_start_matches(SENTENCE_END).trim();
    (title, !after.is_empty())
}

fn clean_title(s: &str) -> String {
    s.trim().trim_end_matches(['。', '.', ' ']).trim().to_string()
}

fn has_year(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(5).any(|w| w[..4].iter().all(|c| c.is_ascii_digit()) && w[4] == '年')
}

/// The part a heading names, from the keyword lists.
fn part_of_title(title: &str) -> Option<Part> {
    words().parts.iter().find(|(_, ws)| ws.iter().any(|w| title.contains(w.as_str()))).map(|(p, _)| *p)
}

/// A title that reads as a top-level heading: short, names a part, carries a year or an anchor.
fn top_like(title: &str) -> bool {
    let w = &words().file.top;
    title.chars().count() <= w.max_chars
        && part_of_title(title).is_some()
        && (has_year(title) || w.anchors.iter().any(|a| title.contains(a.as_str())))
}

/// An unnumbered line that is a top-level heading ("2022年工作回顾", "2023年工作安排").
fn bare_top(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.contains([',', '。', ';', ':', '!', '?']) && marker_of(t).is_none() && top_like(t)
}

fn starts_with_any(s: &str, list: &[String]) -> bool {
    list.iter().any(|w| s.starts_with(w.as_str()))
}

fn head(s: &str, chars: usize) -> &str {
    s.char_indices().nth(chars).map_or(s, |(i, _)| &s[..i])
}

fn opens_with_address(line: &str) -> bool {
    starts_with_any(line.trim_start(), &words().file.address.words)
}

/// The problems paragraph of a review: "我们也清醒地认识到...存在问题和不足".
fn problems_cue(line: &str) -> bool {
    let w = &words().file.problems;
    let window = head(line.trim_start(), w.window);
    w.recognitions.iter().any(|r| {
        window.match_indices(r.as_str()).any(|(i, _)| {
            let after = head(&window[i + r.len()..], w.gap);
            w.nouns.iter().any(|n| after.contains(n.as_str()))
        })
    })
}

fn closing_cue(line: &str) -> bool {
    let w = &words().file.closing;
    opens_with_address(line) || w.appeals.iter().any(|a| head(line.trim_start(), w.window).contains(a.as_str()))
}

fn targets_cue(line: &str) -> bool {
    let w = &words().file.targets;
    let window = head(line.trim_start(), w.window);
    w.cues.iter().any(|c| window.contains(c.as_str()))
}

/// One line (paragraph) of the body, in character offsets, end before the line break.
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn lines_of(folded: &Folded) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for text in folded.text.split('\n') {
        out.push(Line { text, start: folded.char_of(at), end: folded.char_of(at + text.len()) });
        at += text.len() + 1;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Preamble,
    Heading,
    Lead,
    Item,
    Text,
}

#[derive(Debug, Clone)]
struct Node {
    parent: Option<usize>,
    level: u8,
    marker: String,
    title: String,
    part: Part,
    start: usize,
    end: usize,
    inline: bool,
    kind: Kind,
}

impl Node {
    fn text(parent: usize, part: Part, start: usize, end: usize) -> Self {
        Node {
            parent: Some(parent),
            level: 0,
            marker: String::new(),
            title: String::new(),
            part,
            start,
            end,
            inline: false,
            kind: Kind::Text,
        }
    }

    fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

/// An open heading while the markers are read: which node, its style and number.
struct Open {
    node: usize,
    style: Style,
    value: u32,
}

/// Deep enough for any report; stops a pathological text from nesting without bound.
const MAX_DEPTH: usize = 8;

/// Where a numbered heading goes: the depth of the open stack it keeps (its level minus one).
fn place(stack: &[Open], style: Style, value: u32, top: bool) -> usize {
    let same: Vec<usize> = (0..stack.len()).filter(|&i| stack[i].style == style).collect();
    let fits: Vec<usize> = same.iter().copied().filter(|&i| value == stack[i].value + 1).collect();
    if let (Some(&shallow), Some(&deep)) = (fits.first(), fits.last()) {
        // Both an outer and an inner numbering continue: the heading's words decide.
        return if top { shallow } else { deep };
    }
    if value <= 1 || same.is_empty() {
        return stack.len().min(MAX_DEPTH);
    }
    if top && same.first() == Some(&0) {
        return 0;
    }
    // A gap or a repeat in the numbering: a sibling of the nearest open heading of that style.
    same.iter().rev().find(|&&i| stack[i].value < value).or(same.last()).copied().unwrap_or(stack.len())
}

/// The outline of one report, parents before children, in document order.
pub fn parse(folded: &Folded, meta: &ReportMeta) -> Vec<Section> {
    let total = folded.char_len();
    if total == 0 {
        return Vec::new();
    }
    let lines = lines_of(folded);
    let mut heading_line = vec![false; lines.len()];
    let mut nodes: Vec<Node> = Vec::new();

    read_headings(&lines, meta, &mut nodes, &mut heading_line);
    // Heading spans: up to the next heading at the same or a higher level.
    for i in 0..nodes.len() {
        let next = nodes[i + 1..].iter().find(|n| n.level <= nodes[i].level).map_or(total, |n| n.start);
        nodes[i].end = next;
    }
    let first_top = nodes.first().map_or(total, |n| n.start);
    let preamble = nodes.len();
    if first_top > 0 {
        nodes.push(Node {
            parent: None,
            level: 0,
            marker: String::new(),
            title: String::new(),
            part: Part::Preamble,
            start: 0,
            end: first_top,
            inline: false,
            kind: Kind::Preamble,
        });
    }
    let has_preamble = first_top > 0;
    let unheaded = preamble == 0;
    for node in nodes.iter_mut().filter(|n| n.level >= 2) {
        address_cut(node, &lines);
    }

    text_rows(&lines, meta, &heading_line, &mut nodes, has_preamble.then_some(preamble), unheaded);

    // Parallel leads inside headed sections, then line-start items inside every section.
    for c in 0..nodes.len() {
        if nodes[c].kind == Kind::Heading {
            leads(&lines, &heading_line, &mut nodes, c);
        }
    }
    let containers = nodes.len();
    for c in 0..containers {
        if matches!(nodes[c].kind, Kind::Heading | Kind::Lead | Kind::Text) {
            items(&lines, &heading_line, &mut nodes, c);
        }
    }

    // Levels of rows no heading numbered: one below their parent, never the outline's level 1.
    for i in 0..nodes.len() {
        if let (Some(p), false) = (nodes[i].parent, matches!(nodes[i].kind, Kind::Heading | Kind::Preamble)) {
            let level = nodes[p].level.saturating_add(1);
            nodes[i].level = if nodes[i].kind == Kind::Text { level.max(2) } else { level };
        }
    }
    finish(nodes, total)
}

/// Reads the numbered and unnumbered headings that open lines (the title line excepted).
fn read_headings(lines: &[Line], meta: &ReportMeta, nodes: &mut Vec<Node>, heading_line: &mut [bool]) {
    let mut stack: Vec<Open> = Vec::new();
    for (li, line) in lines.iter().enumerate().skip(1) {
        let (depth, style, value, marker, title, inline) = if let Some(m) = marker_of(line.text) {
            let (title, inline) = heading_title(m.rest, true);
            let depth = place(&stack, m.style, m.value, top_like(&title));
            (depth, m.style, m.value, m.marker.to_string(), title, inline)
        } else if bare_top(line.text) {
            (0, Style::Bare, 0, String::new(), clean_title(line.text), false)
        } else {
            continue;
        };
        stack.truncate(depth);
        let parent = stack.last().map(|o| o.node);
        let part = match parent {
            Some(p) => nodes[p].part,
            None => top_part(&title, meta),
        };
        stack.push(Open { node: nodes.len(), style, value });
        heading_line[li] = true;
        nodes.push(Node {
            parent,
            level: depth as u8 + 1,
            marker,
            title,
            part,
            start: line.start,
            end: line.end,
            inline,
            kind: Kind::Heading,
        });
    }
}

/// The part of a top-level heading: its words, else the year it names.
fn top_part(title: &str, meta: &ReportMeta) -> Part {
    if let Some(p) = part_of_title(title) {
        return p;
    }
    let names = |y: Option<i32>| y.is_some_and(|y| title.contains(&format!("{y}年")));
    if names(meta.plan_year) {
        Part::Plan
    } else if names(meta.review_year) {
        Part::Review
    } else {
        Part::Other
    }
}

/// A sub-section ends where a paragraph opens with an address to the assembly.
fn address_cut(node: &mut Node, lines: &[Line]) {
    if let Some(l) = lines.iter().find(|l| l.start > node.start && l.start < node.end && opens_with_address(l.text)) {
        node.end = l.start;
    }
}

fn is_descendant(nodes: &[Node], mut i: usize, ancestor: usize) -> bool {
    while let Some(p) = nodes[i].parent {
        if p == ancestor {
            return true;
        }
        i = p;
    }
    false
}

/// Ends every section below `container` that runs past `at`, so a row can start there.
fn cut_below(nodes: &mut [Node], container: usize, at: usize) {
    for i in 0..nodes.len() {
        if nodes[i].start < at && at < nodes[i].end && is_descendant(nodes, i, container) {
            nodes[i].end = at;
        }
    }
}

/// The innermost section containing `pos`.
fn innermost(nodes: &[Node], pos: usize) -> Option<usize> {
    (0..nodes.len()).filter(|&i| nodes[i].contains(pos)).min_by_key(|&i| (nodes[i].end - nodes[i].start, i))
}

/// The top-level section (or the preamble) containing `pos`.
fn top_at(nodes: &[Node], pos: usize) -> Option<usize> {
    (0..nodes.len()).find(|&i| nodes[i].parent.is_none() && nodes[i].contains(pos))
}

/// Rows for stretches the text, not a heading, marks as a part.
fn text_rows(
    lines: &[Line],
    meta: &ReportMeta,
    heading_line: &[bool],
    nodes: &mut Vec<Node>,
    preamble: Option<usize>,
    unheaded: bool,
) {
    let body_line = |li: usize| li > 0 && !heading_line[li] && !lines[li].text.trim().is_empty();

    // The problems paragraph: in a review section, after its last sub-heading.
    let reviews: Vec<usize> = (0..nodes.len())
        .filter(|&i| (nodes[i].level == 1 && nodes[i].part == Part::Review) || (unheaded && Some(i) == preamble))
        .collect();
    for c in reviews {
        let after = (0..nodes.len())
            .filter(|&i| is_descendant(nodes, i, c))
            .map(|i| nodes[i].start)
            .max()
            .unwrap_or(nodes[c].start);
        let (from, end) = (after, nodes[c].end);
        let hit = (0..lines.len()).find(|&li| {
            body_line(li) && lines[li].start > from && lines[li].start < end && problems_cue(lines[li].text)
        });
        if let Some(li) = hit {
            let at = lines[li].start;
            cut_below(nodes, c, at);
            nodes.push(Node::text(c, Part::Problems, at, end));
        }
    }

    // The closing appeal: the last paragraph.
    if let Some(li) = (0..lines.len()).rev().find(|&li| !lines[li].text.trim().is_empty()) {
        if body_line(li) && closing_cue(lines[li].text) && !nodes.iter().any(|n| n.start == lines[li].start) {
            let at = lines[li].start;
            if let Some(c) = top_at(nodes, at).filter(|&c| Some(c) != preamble || unheaded) {
                let end = nodes[c].end;
                cut_below(nodes, c, at);
                nodes.push(Node::text(c, Part::Closing, at, end));
            }
        }
    }

    // The targets paragraph.
    for li in (0..lines.len()).filter(|&li| body_line(li) && targets_cue(lines[li].text)) {
        let at = lines[li].start;
        if nodes.iter().any(|n| n.start == at) {
            continue;
        }
        if let Some(c) = innermost(nodes, at) {
            // Without headings the plan runs on from its targets (until the next marked row).
            let end = if unheaded && Some(c) == preamble { nodes[c].end } else { lines[li].end };
            nodes.push(Node::text(c, Part::Plan, at, end));
        }
    }

    // An unheaded preface that reviews the past year.
    if let Some(p) = preamble {
        let stop = nodes.iter().filter(|n| n.parent == Some(p)).map(|n| n.start).min().unwrap_or(nodes[p].end);
        let w = &words().file.preface;
        let year = meta.review_year.map(|y| format!("{y}年"));
        let hit = (0..lines.len()).find(|&li| {
            let t = lines[li].text.trim();
            body_line(li)
                && lines[li].start < stop
                && t.chars().count() >= w.min_chars
                && !starts_with_any(t, &w.frames)
                && !opens_with_address(t)
                && (w.past.iter().any(|c| t.contains(c.as_str())) || year.as_ref().is_some_and(|y| t.contains(y)))
        });
        if let Some(li) = hit {
            nodes.push(Node::text(p, Part::Review, lines[li].start, stop));
        }
    }
}

/// The lines of a section that none of its children holds, its own opening line excepted.
fn own_lines(lines: &[Line], heading_line: &[bool], nodes: &[Node], c: usize) -> Vec<usize> {
    let children: Vec<&Node> = nodes.iter().filter(|n| n.parent == Some(c)).collect();
    (0..lines.len())
        .filter(|&li| {
            let s = lines[li].start;
            s > nodes[c].start
                && s < nodes[c].end
                && !heading_line[li]
                && !lines[li].text.trim().is_empty()
                && !children.iter().any(|n| n.contains(s))
        })
        .collect()
}

/// The first sentence of a paragraph.
fn first_sentence(text: &str) -> &str {
    let t = text.trim_start();
    t.find(SENTENCE_END).map_or(t, |i| &t[..i])
}

/// Parallel paragraphs opening with the same words become sub-sections of `c`.
fn leads(lines: &[Line], heading_line: &[bool], nodes: &mut Vec<Node>, c: usize) {
    let w = &words().file.leads;
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for li in own_lines(lines, heading_line, nodes, c) {
        let t = lines[li].text.trim_start();
        let first = first_sentence(t);
        let n = first.chars().count();
        if n <= w.prefix_chars + 1
            || n > w.max_title_chars
            || first.chars().any(|c| c.is_ascii_digit())
            || opens_with_address(t)
            || item_of(t).is_some()
            || marker_of(t).is_some()
        {
            continue;
        }
        groups.entry(head(t, w.prefix_chars)).or_default().push(li);
    }
    let mut found: Vec<usize> = groups.into_values().filter(|g| g.len() >= w.min_run).flatten().collect();
    found.sort_unstable();
    for li in found {
        let (title, inline) = heading_title(lines[li].text.trim_start(), false);
        let mut node = Node {
            parent: Some(c),
            level: 0,
            marker: String::new(),
            title,
            part: nodes[c].part,
            start: lines[li].start,
            end: nodes[c].end,
            inline,
            kind: Kind::Lead,
        };
        address_cut(&mut node, lines);
        nodes.push(node);
    }
}

/// "一是/二是" items that open lines of `c`, in sequence.
fn items(lines: &[Line], heading_line: &[bool], nodes: &mut Vec<Node>, c: usize) {
    let mut last = 0;
    for li in own_lines(lines, heading_line, nodes, c) {
        let Some((value, marker, rest)) = item_of(lines[li].text) else { continue };
        if value != 1 && value != last + 1 {
            continue;
        }
        last = value;
        let (title, inline) = heading_title(rest, false);
        let mut node = Node {
            parent: Some(c),
            level: 0,
            marker: marker.to_string(),
            title,
            part: nodes[c].part,
            start: lines[li].start,
            end: nodes[c].end,
            inline,
            kind: Kind::Item,
        };
        address_cut(&mut node, lines);
        nodes.push(node);
    }
}

/// Puts the rows in document order (parents first), keeps every span inside its parent and apart
/// from its siblings, drops empty rows and numbers siblings.
fn finish(nodes: Vec<Node>, total: usize) -> Vec<Section> {
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&i| (nodes[i].start, nodes[i].level, i));
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for &i in &order {
        match nodes[i].parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut nodes = nodes;
    clamp(&mut nodes, &roots, 0, total);
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    let mut visit = Vec::new();
    while let Some(i) = stack.pop() {
        let (s, e) = (nodes[i].start, nodes[i].end);
        clamp(&mut nodes, &children[i], s, e);
        visit.push(i);
        stack.extend(children[i].iter().rev());
    }

    // Document order, dropping empty rows with everything below them.
    let mut index = vec![None; nodes.len()];
    let mut out: Vec<Section> = Vec::new();
    let mut next_ordinal: Vec<u32> = Vec::new();
    let mut root_ordinal = 0u32;
    for &i in &order {
        let n = &nodes[i];
        let parent = match n.parent {
            Some(p) => match index[p] {
                Some(q) => Some(q),
                None => continue,
            },
            None => None,
        };
        if n.start >= n.end {
            continue;
        }
        let ordinal = match parent {
            Some(q) => {
                next_ordinal[q] += 1;
                next_ordinal[q]
            }
            None => {
                root_ordinal += 1;
                root_ordinal
            }
        };
        index[i] = Some(out.len());
        next_ordinal.push(0);
        out.push(Section {
            parent,
            level: n.level,
            ordinal,
            marker: n.marker.clone(),
            title: n.title.clone(),
            part: n.part,
            span: Span::new(n.start, n.end),
            inline: n.inline,
        });
    }
    out
}

/// Keeps sibling spans (in document order) inside `start..end` and apart from each other.
fn clamp(nodes: &mut [Node], siblings: &[usize], start: usize, end: usize) {
    for (k, &i) in siblings.iter().enumerate() {
        let next = siblings.get(k + 1).map_or(end, |&j| nodes[j].start.max(start));
        nodes[i].start = nodes[i].start.max(start);
        nodes[i].end = nodes[i].end.min(end).min(next);
    }
}
