//! Extraction: the facts of one report (indicators, targets, projects) as plain structs. Nothing
//! here touches the database.
//!
//! [`number`] is the one number reader: indicators and targets both read quantities through it.
//! [`period`] reads the time a figure covers (全年, 1-11月, 上半年...).

pub mod catalog;
pub mod indicators;
pub mod number;
pub mod period;
pub mod projects;
pub mod targets;

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
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.span.start <= pos && pos < s.span.end)
            .max_by_key(|(_, s)| s.level)
            .map(|(i, _)| i)
    }

    /// The part of the report at character `pos`.
    pub fn part_at(&self, pos: usize) -> Option<Part> {
        self.section_at(pos).map(|i| self.sections[i].part)
    }
}

pub fn extract(ctx: &Context) -> Facts {
    Facts { indicators: indicators::extract(ctx), targets: targets::extract(ctx), projects: projects::extract(ctx) }
}
