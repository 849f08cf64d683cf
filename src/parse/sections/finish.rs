//! The rows in document order, spans kept inside their parents and apart from their siblings.

#[allow(unused_imports)]
use super::*;

/// Puts the rows in document order (parents first), keeps every span inside its parent and apart
/// from its siblings, drops empty rows and numbers siblings.
pub(super) fn finish(nodes: Vec<Node>, total: usize) -> Vec<Section> {
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
pub(super) fn clamp(nodes: &mut [Node], siblings: &[usize], start: usize, end: usize) {
    for (k, &i) in siblings.iter().enumerate() {
        let next = siblings.get(k + 1).map_or(end, |&j| nodes[j].start.max(start));
        nodes[i].start = nodes[i].start.max(start);
        nodes[i].end = nodes[i].end.min(end).min(next);
    }
}
