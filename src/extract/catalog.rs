//! The indicator catalog (data/indicators.toml): canonical codes and the names that map to them.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

const CATALOG_TOML: &str = include_str!("../../data/indicators.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit_kind: String,
    pub category: String,
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct CatalogFile {
    indicator: Vec<Entry>,
}

pub struct Catalog {
    pub entries: Vec<Entry>,
    by_alias: HashMap<String, usize>,
}

impl Catalog {
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_alias = HashMap::new();
        for (i, e) in file.indicator.iter().enumerate() {
            for a in e.aliases.iter().chain(std::iter::once(&e.name_zh)) {
                if let Some(prev) = by_alias.insert(a.clone(), i) {
                    if prev != i {
                        return Err(format!("alias {a} maps to both {} and {}", file.indicator[prev].code, e.code));
                    }
                }
            }
        }
        Ok(Catalog { entries: file.indicator, by_alias })
    }

    /// The code a name maps to, if the name (as written) is one of the catalog's aliases.
    pub fn code_of(&self, name: &str) -> Option<&str> {
        self.by_alias.get(name).map(|&i| self.entries[i].code.as_str())
    }
}

/// The catalog shipped with gwr.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    // The file is compiled in; a defect in it is caught by the unit test below.
    CATALOG.get_or_init(|| Catalog::parse(CATALOG_TOML).expect("data/indicators.toml is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalog_parses_and_maps_aliases() {
        let c = catalog();
        assert_eq!(c.code_of("规模以上工业总产值"), Some("industrial_output_above_scale"));
        assert_eq!(c.code_of("规上产值"), Some("industrial_output_above_scale"));
        assert_eq!(c.code_of("不存在的指标"), None);
    }
}
