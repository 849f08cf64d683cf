//! Integration tests: the real `gwr` binary on the real sample corpus, in temporary folders.
//! One module per area; `util` runs the binary and scores against the gold.

mod util;

mod checksum;
mod cli;
mod datasette;
mod durability;
mod explain;
mod files;
mod fuzz;
mod indicators;
mod load;
mod projects;
mod reading;
mod readme;
mod robustness;
mod sections;
mod targets;
mod terms;
mod time_columns;
mod towns;
mod view_shape;
mod views;
mod warehouse;
mod web;
