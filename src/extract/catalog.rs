//! The indicator catalog (data/indicators.toml): canonical codes and the names that map to them.

use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::sync::OnceLock;

const CATALOG_TOML: &str = include_str!("../../data/indicators.toml");

/// What an indicator measures, and so which units its figures may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 元, 美元 and their multiples.
    Money,
    /// %.
    Share,
    /// ‰ or %.
    Ratio,
    /// Anything counted by a measure word (个, 家, 项...).
    Count,
    /// 亩, 公顷, 平方米...
    Area,
    /// 吨, 公斤...
    Mass,
    /// 公里, 米.
    Length,
    /// 人, 人次, 名.
    People,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Money => "money",
            UnitKind::Share => "share",
            UnitKind::Ratio => "ratio",
            UnitKind::Count => "count",
            UnitKind::Area => "area",
            UnitKind::Mass => "mass",
            UnitKind::Length => "length",
            UnitKind::People => "people",
        }
    }

    /// Whether a figure in `unit_base` can be a value of this kind: a count of villages
    /// (8个村集体经济收入) is not the villages' income.
    pub fn fits(self, unit_base: &str) -> bool {
        if unit_base.is_empty() {
            // A growth with no level, or a bare 万/亿: the name decides.
            return true;
        }
        match self {
            UnitKind::Money => unit_base.ends_with('元'),
            UnitKind::Share | UnitKind::Ratio => unit_base == "%" || unit_base == "‰",
            UnitKind::Area => matches!(unit_base, "亩" | "公顷" | "平方米" | "平方公里" | "平方千米"),
            UnitKind::Mass => matches!(unit_base, "吨" | "公斤" | "千克" | "克" | "斤"),
            UnitKind::Length => matches!(unit_base, "公里" | "米" | "千米"),
            UnitKind::People => matches!(unit_base, "人" | "人次" | "名" | "位"),
            UnitKind::Count => !unit_base.ends_with('元') && unit_base != "%",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit_kind: UnitKind,
    pub category: String,
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct CatalogFile {
    indicator: Vec<Entry>,
}

pub struct Catalog {
    pub entries: Vec<Entry>,
    /// (Fx-hashed: its keys are the catalog's own; names looked up are only compared with them.)
    by_alias: FxHashMap<String, usize>,
}

impl Catalog {
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_alias = FxHashMap::default();
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
