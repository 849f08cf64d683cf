//! gwr loads Chinese township government work reports (乡镇政府工作报告) into a SQLite warehouse.
//!
//! The data flows one way:
//! [`read`] (decode, strip page noise, split compilations) → [`parse`] (metadata, section tree)
//! → [`extract`] (numbers, indicators, targets, projects) → [`resolve`] (towns) → [`store`]
//! (migrations, one writer, views), all on one shared [`text`] layer (folding, positions, heading
//! markers and numerals, clauses, word lists). [`pipeline`] runs the first four on a file without
//! a database.

pub mod cli;
pub mod cmd;
pub mod error;
pub mod extract;
pub mod files;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod read;
pub mod resolve;
pub mod store;
pub mod text;
