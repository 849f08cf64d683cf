//! The reader's word lists (data/page_noise.toml), parsed once: each stage takes its own section.

use serde::de::DeserializeOwned;
use std::sync::OnceLock;

const NOISE_TOML: &str = include_str!("../../data/page_noise.toml");

/// One section of data/page_noise.toml (`keys`, `lines`, `html`, `genre`), as the stage that
/// reads it declares it. The file is compiled in: a malformed one is a build defect that the unit
/// tests catch, so failing loudly here is right.
pub(crate) fn section<T: DeserializeOwned>(name: &str) -> T {
    static TABLE: OnceLock<toml::Table> = OnceLock::new();
    let table = TABLE.get_or_init(|| toml::from_str(NOISE_TOML).expect("data/page_noise.toml is valid TOML"));
    let value = table.get(name).unwrap_or_else(|| panic!("data/page_noise.toml has no [{name}]")).clone();
    value.try_into().unwrap_or_else(|e| panic!("data/page_noise.toml [{name}]: {e}"))
}
