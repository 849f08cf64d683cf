//! The section tree of a report: headings at every level the genre uses, each section with its
//! part (review, plan, ...) and character span.
//!
//! How the outline is modelled:
//! - Level 0 is the preamble: the stretch before the first top-level heading (title line, date,
//!   meeting, speaker, the "各位代表:" address and any unheaded preface), one row with part
//!   `preamble`, no marker and no title. It keeps level 1 for the outline while the spans still
//!   cover the whole body. A report without any heading is one preamble row. The first line is
//!   the title's, never a heading, unless it opens the first part ("一、" and a title naming a part:
//!   a page cut before its title); such a text has no preamble.
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
use crate::read::split::title_lines;
use crate::text::index::Folded;
use crate::text::markers::{item_of, marker_of, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

mod cues;
mod finish;
mod rows;
mod words;
pub(crate) use cues::opens_with_address;
#[allow(unused_imports)]
use cues::*;
#[allow(unused_imports)]
use finish::*;
#[allow(unused_imports)]
use rows::*;
#[allow(unused_imports)]
use words::*;

/// One line (paragraph) of the body, in character offsets, end before the line break.
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn lines_of(folded: &Folded) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let all = folded.text.as_str();
    // The lines `split('\n')` gives, each end found by memchr's vectorised search.
    let ends = memchr::memchr_iter(b'\n', all.as_bytes()).chain(std::iter::once(all.len()));
    let mut at = 0;
    for end in ends {
        out.push(Line { text: &all[at..end], start: folded.char_of(at), end: folded.char_of(end) });
        at = end + 1;
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
    // A section's own lines are taken before its leads or items are added: the children known at
    // the start of each pass are all those that hold lines of it.
    let children = children_of(&nodes);
    for c in 0..nodes.len() {
        if nodes[c].kind == Kind::Heading {
            let own = own_lines(&lines, &heading_line, &nodes, &children[c], c);
            leads(&lines, &own, &mut nodes, c);
        }
    }
    let containers = nodes.len();
    let children = children_of(&nodes);
    for c in 0..containers {
        if matches!(nodes[c].kind, Kind::Heading | Kind::Lead | Kind::Text) {
            let own = own_lines(&lines, &heading_line, &nodes, &children[c], c);
            items(&lines, &own, &mut nodes, c);
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
    // A title that goes on in the second line: that line is the title's, never a heading.
    let first_two: Vec<&str> = lines.iter().take(2).map(|l| l.text).collect();
    let title_goes_on = title_lines(&first_two) == 2;
    for (li, line) in lines.iter().enumerate() {
        if li == 1 && title_goes_on {
            continue;
        }
        let (depth, style, value, marker, title, inline) = if let Some(m) = marker_of(line.text) {
            let (title, inline) = heading_title(m.rest, true);
            // The first line is the title, unless the text opens on its first part: "一、" and a
            // title naming a part of the report ("一、2024年工作总结"), which no report's title is.
            if li == 0 && !(m.style == Style::CnComma && m.value == 1 && top_like(&title)) {
                continue;
            }
            let depth = place(&stack, m.style, m.value, top_like(&title));
            (depth, m.style, m.value, m.marker.to_string(), title, inline)
        } else if li > 0 && bare_top(line.text) {
            (0, Style::Bare, 0, String::new(), clean_title(line.text), false)
        } else {
            continue;
        };
        stack.truncate(depth);
        let parent = stack.last().map(|o| o.node);
        let part = match parent {
            // A sub-heading naming the problems ("(六)存在的问题和不足") marks them; any other
            // sub-heading is in its parent's part (政府自身建设 under the review is still review).
            Some(_) if part_of_title(&title) == Some(Part::Problems) => Part::Problems,
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
    let first = lines.partition_point(|l| l.start <= node.start);
    let inside = lines[first..].iter().take_while(|l| l.start < node.end);
    if let Some(l) = inside.into_iter().find(|l| opens_with_address(l.text)) {
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

#[cfg(test)]
mod tests;
