//! Rows the text marks without a heading: parts named by cues, parallel paragraphs opening with
//! the same words, and "一是/二是" items.

#[allow(unused_imports)]
use super::*;

/// Rows for stretches the text, not a heading, marks as a part.
pub(super) fn text_rows(
    lines: &[Line],
    meta: &ReportMeta,
    heading_line: &[bool],
    nodes: &mut Vec<Node>,
    preamble: Option<usize>,
    unheaded: bool,
) {
    let body_line = |li: usize| li > 0 && !heading_line[li] && !lines[li].text.trim().is_empty();

    // A preface that opens on the plan part ("2025年是…之年。今年工作的总体要求是…": a text that
    // begins where its plan does) is plan, and so are the headings after it until one names
    // another part.
    let plan_preface = preamble.filter(|_| meta.plan_year.is_some()).and_then(|p| {
        let first = lines.iter().position(|l| !l.text.trim().is_empty())?;
        let opens = crate::read::genre::opens_on_the_plan_year(lines[first].text) == meta.plan_year;
        (opens && lines[first].start < nodes[p].end).then_some((p, lines[first].start))
    });
    if let Some((p, at)) = plan_preface {
        let end = nodes[p].end;
        let mut tops: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].parent.is_none() && i != p).collect();
        tops.sort_by_key(|&i| nodes[i].start);
        let other = tops.iter().take_while(|&&t| nodes[t].part == Part::Other).count();
        for &t in &tops[..other] {
            for i in 0..nodes.len() {
                if (i == t || is_descendant(nodes, i, t)) && nodes[i].part == Part::Other {
                    nodes[i].part = Part::Plan;
                }
            }
        }
        nodes.push(Node::text(p, Part::Plan, at, end));
    }

    // The problems paragraph: in a review section, after its last sub-heading.
    let reviews: Vec<usize> = (0..nodes.len())
        .filter(|&i| (nodes[i].level == 1 && nodes[i].part == Part::Review) || (unheaded && Some(i) == preamble))
        .collect();
    for c in reviews {
        if (0..nodes.len()).any(|i| nodes[i].part == Part::Problems && is_descendant(nodes, i, c)) {
            continue;
        }
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
        // (Inside the plan preface, the plan holds it already.)
        if plan_preface.is_some_and(|(p, _)| top_at(nodes, at) == Some(p)) {
            continue;
        }
        // A problems row holding the paragraph ends where the plan begins.
        if let Some(c) =
            innermost(nodes, at).map(|c| if nodes[c].kind == Kind::Text { nodes[c].parent.unwrap_or(c) } else { c })
        {
            // Without headings the plan runs on from its targets (until the next marked row).
            let end = if unheaded && Some(c) == preamble { nodes[c].end } else { lines[li].end };
            nodes.push(Node::text(c, Part::Plan, at, end));
        }
    }

    // An unheaded preface that reviews the past year.
    if let Some(p) = preamble.filter(|_| plan_preface.is_none()) {
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

/// The lines of a section that none of its children holds, its own opening line excepted. Only the
/// section's own lines are visited (found by binary search), and a line is checked against its
/// children at once: linear in the section, whatever the size of the report.
pub(super) fn own_lines(
    lines: &[Line],
    heading_line: &[bool],
    nodes: &[Node],
    children: &[usize],
    c: usize,
) -> Vec<usize> {
    let (start, end) = (nodes[c].start, nodes[c].end);
    // The children by start, with the furthest end reached so far: a line at s is held by a child
    // when one starting at or before s ends after it.
    let mut kids: Vec<(usize, usize)> = children.iter().map(|&k| (nodes[k].start, nodes[k].end)).collect();
    kids.sort_unstable();
    let reach: Vec<usize> = kids
        .iter()
        .scan(0, |far, &(_, e)| {
            *far = (*far).max(e);
            Some(*far)
        })
        .collect();
    let held = |s: usize| {
        let k = kids.partition_point(|&(ks, _)| ks <= s);
        k > 0 && reach[k - 1] > s
    };
    let first = lines.partition_point(|l| l.start <= start);
    (first..lines.len())
        .take_while(|&li| lines[li].start < end)
        .filter(|&li| !heading_line[li] && !lines[li].text.trim().is_empty() && !held(lines[li].start))
        .collect()
}

/// Every node's children, by index.
pub(super) fn children_of(nodes: &[Node]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        if let Some(p) = n.parent {
            children[p].push(i);
        }
    }
    children
}

/// The first sentence of a paragraph.
pub(super) fn first_sentence(text: &str) -> &str {
    let t = text.trim_start();
    t.find(SENTENCE_END).map_or(t, |i| &t[..i])
}

/// Parallel paragraphs opening with the same words become sub-sections of `c`.
pub(super) fn leads(lines: &[Line], own: &[usize], nodes: &mut Vec<Node>, c: usize) {
    let w = &words().file.leads;
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &li in own {
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
pub(super) fn items(lines: &[Line], own: &[usize], nodes: &mut Vec<Node>, c: usize) {
    let mut last = 0;
    for &li in own {
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
