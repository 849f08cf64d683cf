//! Parsing: the report-level metadata and the section tree of one report body.

pub mod meta;
pub mod sections;
