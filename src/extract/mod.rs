//! Extraction: the facts of one report (indicators, targets, projects) as plain structs. Nothing
//! here touches the database.

pub mod catalog;

use crate::model::{Indicator, Project, ReportMeta, Section, Target};
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
    pub folded: &'a Folded,
    pub sections: &'a [Section],
    pub meta: &'a ReportMeta,
}

pub fn extract(_ctx: &Context) -> Facts {
    Facts::default()
}
