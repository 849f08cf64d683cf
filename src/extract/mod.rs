//! Extraction: the facts of one report (indicators, targets, projects) as plain structs. Nothing
//! here touches the database.
//!
//! [`number`] is the one number reader: indicators and targets both read quantities through it.
//! [`period`] reads the time a figure covers (全年, 1-11月, 上半年...). [`terms`] counts the policy
//! terms of data/terms.toml.

pub mod catalog;
pub mod indicators;
pub mod number;
pub mod period;
pub mod projects;
pub mod targets;
pub mod terms;

use crate::model::{Indicator, Part, Project, ReportMeta, Section, Target};
use crate::read::Folded;

/// What a report says, fact by fact.
#[derive(Debug, Default)]
pub struct Facts {
    pub indicators: Vec<Indicator>,
    pub targets: Vec<Target>,
    pub projects: Vec<Project>,
}

/// The report as the extractors see it.
pub struct Context<'a> {
    /// The body folded for parsing (full-width → ASCII, traditional → simplified), one character
    /// for one character, so character offsets in it are offsets into the body.
    pub folded: &'a Folded,
    pub sections: &'a [Section],
    pub meta: &'a ReportMeta,
}

impl Context<'_> {
    /// The innermost section containing character `pos`, by index into `sections`.
    pub fn section_at(&self, pos: usize) -> Option<usize> {
        // Sections come in document order and nest, so every section containing `pos` is the last
        // one starting at or before it, or one of its ancestors: a binary search and a walk up,
        // where extractors ask this for many positions of a report.
        let last = self.sections.partition_point(|s| s.span.start <= pos).checked_sub(1)?;
        let mut k = Some(last);
        while let Some(i) = k {
            let s = &self.sections[i];
            if s.span.start <= pos && pos < s.span.end {
                return Some(i);
            }
            k = s.parent;
        }
        None
    }

    /// The part of the report at character `pos`.
    pub fn part_at(&self, pos: usize) -> Option<Part> {
        self.section_at(pos).map(|i| self.sections[i].part)
    }
}

pub fn extract(ctx: &Context) -> Facts {
    debug_assert!(ctx.sections.windows(2).all(|w| w[0].span.start <= w[1].span.start), "sections in document order");
    Facts { indicators: indicators::extract(ctx), targets: targets::extract(ctx), projects: projects::extract(ctx) }
}
