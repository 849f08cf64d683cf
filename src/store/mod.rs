//! Storing: the only part of gwr that touches the database. Migrations build the schema, the
//! views are re-installed on every open (in the typing form of [`typing`]), [`shipped`] keeps the
//! data gwr ships up to date, the writer turns plans into rows one file per transaction, and the
//! commands read through small query functions ([`overview`], [`towns`], [`search`],
//! [`dictionary`]).

pub mod building;
pub mod catalog;
pub mod checksum;
pub mod db;
pub mod derived;
pub mod dictionary;
pub mod divisions;
pub mod files;
pub mod lock;
pub mod overview;
mod rows;
pub mod search;
pub mod shipped;
pub mod terms;
pub mod towns;
pub mod typing;
pub mod views;
pub mod writer;

pub use db::{open, open_unsynced, schema_version};
pub use writer::{FileOutcome, Writer};
