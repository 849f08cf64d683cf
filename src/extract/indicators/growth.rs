//! Growth phrases, and distributive lists of them (分别增长65.6%、9.8%、36.1%).

use super::names::{list_clause_start, Stops};
use crate::extract::number::{self, Growth};

/// A growth phrase, or a distributive list of them (分别增长65.6%、9.8%、36.1%).
pub(super) struct GrowthRun {
    pub items: Vec<Growth>,
    /// Where the names of a distributive list start.
    pub names: Option<(usize, usize)>,
    pub start: usize,
    pub end: usize,
}

pub(super) fn growth_runs(text: &str, growths: &[Growth], sentences: &Stops) -> Vec<GrowthRun> {
    let mut runs: Vec<GrowthRun> = Vec::new();
    for g in growths {
        if runs.last().is_some_and(|r| g.start < r.end) {
            continue;
        }
        let (s_start, _) = sentences.around(text, g.start);
        let c_start = list_clause_start(text, g.start, s_start);
        let lead = &text[c_start..g.start];
        let phrase = &text[g.start..g.end];
        let mut run = GrowthRun { items: vec![g.clone()], names: None, start: g.start, end: g.end };
        if lead.ends_with("分别") || phrase.contains("分别") || lead.contains("分别") {
            // Signs written on each rate (同比分别-6.2%、-19.3%) are each rate's own; a verb's sign
            // (分别下降37.5%、25%) holds for the whole list.
            let signed = phrase.contains(['-', '+', '−']);
            let sign = if signed { 1.0 } else { g.pct.or(g.pp).or(g.multiple).map_or(1.0, f64::signum) };
            let mut rest = g.end;
            while let Some(r) = number::rate_item_at(text, rest) {
                let mut item = Growth { start: r.start, end: r.end, ..Growth::default() };
                if r.points {
                    item.pp = Some(sign * r.value);
                } else {
                    item.pct = Some(sign * r.value);
                }
                run.items.push(item);
                rest = r.end;
            }
            run.end = rest;
            let names_end = lead.find("分别").map_or(g.start, |k| c_start + k);
            run.names = Some((c_start, names_end));
        }
        runs.push(run);
    }
    runs
}
