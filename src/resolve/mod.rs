//! Resolving: which town on the national map a report is about, and how sure that is.
//!
//! The report's town name is looked up in the shipped gazetteer. One township of that name:
//! `unique`. Several: the report itself must tell them apart, through the names of a candidate's
//! county, city or province in its text (full or short: 衢州市 or 衢州), the administrative code
//! inside its 索引号, or the name of the site that published it; one candidate clearly ahead of
//! the others is `context`, with the evidence written out. Evidence that is absent or points
//! several ways leaves the town `ambiguous` with every candidate kept: a wrong code is worse than
//! none. A name the gazetteer lacks is `unknown`.

pub mod gazetteer;

use crate::model::{PageMeta, ReportMeta, Resolution, TownResolution};
use gazetteer::{gazetteer, short_name, Gazetteer, Level, Place};
use std::fmt::Write;

/// The town a report speaks for.
pub fn resolve(meta: &ReportMeta, body: &str, page: &PageMeta) -> TownResolution {
    match meta.town.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => resolve_in(gazetteer(), name, body, page),
        None => TownResolution {
            resolution: Resolution::Unknown,
            evidence: Some("the report names no town".into()),
            ..Default::default()
        },
    }
}

/// Points an occurrence of a name earns its candidate, by level; a short name earns less than the
/// full one, since it is more often part of something else.
const TEXT_WEIGHT: [(Level, f64, f64); 3] =
    [(Level::County, 6.0, 3.0), (Level::City, 3.0, 2.0), (Level::Province, 2.0, 1.0)];
/// Occurrences counted per name: a place named throughout is not more certain than one named often.
const MAX_COUNT: usize = 5;
/// A name written right before the town's own name ("龙游县湖镇镇") is an address.
const ADDRESS_BONUS: f64 = 10.0;
/// The 索引号 carries the issuing county's code.
const INDEX_COUNTY: f64 = 30.0;
const INDEX_CITY: f64 = 10.0;
const INDEX_TOWNSHIP: f64 = 40.0;
/// The site or publisher line names the county, city or province.
const SITE_WEIGHT: [(Level, f64); 3] = [(Level::County, 15.0), (Level::City, 8.0), (Level::Province, 4.0)];
/// How far ahead of the runner-up the leading candidate must be when both have some evidence.
const LEAD_RATIO: f64 = 4.0;

/// One piece of evidence for a candidate.
#[derive(Debug, Clone)]
struct Clue {
    /// Read from the page's 索引号 or site name rather than the running text.
    structural: bool,
    /// A name written right before the town's name.
    address: bool,
    score: f64,
    text: String,
}

/// A candidate township and what speaks for it.
struct Candidate<'g> {
    place: Place<'g>,
    clues: Vec<Clue>,
}

impl Candidate<'_> {
    fn score(&self) -> f64 {
        self.clues.iter().map(|c| c.score).sum()
    }

    /// One of the candidate's names stands right before the town's name in the text.
    fn addressed(&self) -> bool {
        self.clues.iter().any(|c| c.address)
    }

    fn structural(&self) -> bool {
        self.clues.iter().any(|c| c.structural)
    }

    fn describe(&self) -> String {
        let mut s = String::new();
        let (structural, text): (Vec<&Clue>, Vec<&Clue>) = self.clues.iter().partition(|c| c.structural);
        for c in structural {
            push_part(&mut s, &c.text);
        }
        if !text.is_empty() {
            let names: Vec<&str> = text.iter().map(|c| c.text.as_str()).collect();
            push_part(&mut s, &format!("text names {}", names.join(", ")));
        }
        s
    }
}

fn push_part(s: &mut String, part: &str) {
    if !s.is_empty() {
        s.push_str("; ");
    }
    s.push_str(part);
}

/// Resolves a town name against a gazetteer, with the report's text and page as evidence.
pub fn resolve_in(g: &Gazetteer, name: &str, body: &str, page: &PageMeta) -> TownResolution {
    let mut found = g.townships(name);
    let by_stem = found.is_empty();
    if by_stem {
        found = g.townships_by_stem(name);
    }
    if found.is_empty() {
        return TownResolution {
            name: name.to_string(),
            resolution: Resolution::Unknown,
            evidence: Some(format!("no township named {name} in the gazetteer")),
            ..Default::default()
        };
    }
    let mut candidates: Vec<Candidate> =
        found.into_iter().map(|d| Candidate { place: g.place(d), clues: Vec::new() }).collect();
    gather(g, name, body, page, &mut candidates);
    let stem_note = by_stem.then(|| {
        let names: Vec<&str> = candidates.iter().map(|c| c.place.township.name.as_str()).collect();
        format!("no {name} in the gazetteer, read as {}", dedup(names).join("/"))
    });

    // "A县{name}" in the text, with A above none of the candidates: the report is about a town
    // the gazetteer does not hold, or holds under another name.
    let foreign: Vec<&str> = addresses(g, name, body)
        .into_iter()
        .filter(|d| !candidates.iter().any(|c| c.place.township.code.starts_with(d.code.as_str())))
        .map(|d| d.name.as_str())
        .collect();
    let foreign_note = (!foreign.is_empty()).then(|| format!("text writes {}{name}", dedup(foreign).join("/")));
    if candidates.len() == 1 && !by_stem {
        let c = &candidates[0];
        let conflict = index_conflict(g, &c.place, page).or(foreign_note.clone().filter(|_| !c.addressed()));
        if let Some(conflict) = conflict {
            return ambiguous(name, &candidates, format!("the only {name} is in {}, but {conflict}", c.place.label()));
        }
        let mut evidence = format!("the only {name} in the gazetteer");
        let support = c.describe();
        if !support.is_empty() {
            push_part(&mut evidence, &support);
        }
        return resolved(name, &c.place, Resolution::Unique, evidence);
    }

    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| candidates[b].score().total_cmp(&candidates[a].score()));
    let lead = &candidates[order[0]];
    let runner_up = order.get(1).map(|&i| &candidates[i]);
    let (top, second) = (lead.score(), runner_up.map_or(0.0, Candidate::score));
    let lead_address = lead.addressed();
    let clear = top > 0.0
        && (second == 0.0 || (top >= LEAD_RATIO * second && !runner_up.is_some_and(Candidate::structural)))
        && (foreign_note.is_none() || lead_address);
    let count = candidates.len();
    if clear {
        let mut evidence = stem_note.unwrap_or_default();
        push_part(&mut evidence, &lead.describe());
        let plural = if count == 1 { "" } else { "s" };
        push_part(&mut evidence, &format!("{count} candidate{plural}"));
        if let Some(r) = runner_up.filter(|r| r.score() > 0.0) {
            push_part(&mut evidence, &format!("weaker: {} for {}", r.describe(), r.place.label()));
        }
        return resolved(name, &lead.place, Resolution::Context, evidence);
    }
    let mut evidence = stem_note.unwrap_or_default();
    let with_clues: Vec<&Candidate> = order.iter().map(|&i| &candidates[i]).filter(|c| c.score() > 0.0).collect();
    if let Some(note) = foreign_note.filter(|_| !lead_address) {
        push_part(&mut evidence, &note);
    }
    if with_clues.is_empty() {
        push_part(&mut evidence, &format!("nothing in the report tells the {count} candidates apart"));
    } else {
        push_part(&mut evidence, "conflicting evidence");
        for c in with_clues {
            let _ = write!(evidence, "; {}: {}", c.place.label(), c.describe());
        }
    }
    ambiguous(name, &candidates, evidence)
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v.dedup();
    v
}

fn resolved(name: &str, place: &Place, resolution: Resolution, evidence: String) -> TownResolution {
    TownResolution {
        name: name.to_string(),
        admin_code: Some(place.township.code.clone()),
        county: place.county_name().map(str::to_string),
        city: place.city_name().map(str::to_string),
        province: place.province_name().map(str::to_string),
        resolution,
        evidence: Some(evidence),
        candidates: Vec::new(),
    }
}

/// Every candidate kept; the county, city and province only where all candidates share them.
fn ambiguous(name: &str, candidates: &[Candidate], evidence: String) -> TownResolution {
    let shared = |names: Vec<Option<&str>>| {
        let first = *names.first()?;
        names.iter().all(|n| *n == first).then(|| first.map(str::to_string)).flatten()
    };
    let mut codes: Vec<String> = candidates.iter().map(|c| c.place.township.code.clone()).collect();
    codes.sort();
    TownResolution {
        name: name.to_string(),
        admin_code: None,
        county: shared(candidates.iter().map(|c| c.place.county_name()).collect()),
        city: shared(candidates.iter().map(|c| c.place.city_name()).collect()),
        province: shared(candidates.iter().map(|c| c.place.province_name()).collect()),
        resolution: Resolution::Ambiguous,
        evidence: Some(evidence),
        candidates: codes,
    }
}

/// The administrative codes a 索引号 carries: a leading 6-digit county code ("330803-063/2025-73158"),
/// the code inside an 18-character unified social credit code ("113306830025853214" holds 330683),
/// or a leading 9-digit township code.
fn index_codes(index: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for (i, token) in index.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty()).enumerate() {
        let digits = token.bytes().all(|b| b.is_ascii_digit());
        if i == 0 && digits && (token.len() == 6 || token.len() == 9) {
            codes.push(token.to_string());
        } else if token.len() == 18 {
            if let Some(code) = token.get(2..8).filter(|c| c.bytes().all(|b| b.is_ascii_digit())) {
                codes.push(code.to_string());
            }
        }
    }
    codes
}

/// For a name found once only: a 索引号 that names another county (or city) says the report is
/// about a town the gazetteer does not hold.
fn index_conflict(g: &Gazetteer, place: &Place, page: &PageMeta) -> Option<String> {
    let index = page.index_number.as_deref()?;
    let code = &place.township.code;
    for c in index_codes(index) {
        let other = match c.len() {
            6 if c.ends_with("00") => g.get(&c[..4]).filter(|d| d.level == Level::City && !code.starts_with(&c[..4])),
            6 => g.get(&c).filter(|d| d.level == Level::County && !code.starts_with(c.as_str())),
            _ => None,
        };
        if let Some(d) = other {
            return Some(format!("索引号 {index} → {} ({})", d.name, d.code));
        }
    }
    None
}

/// The counties, cities and provinces written right before the town's name ("龙游县湖镇镇"): an
/// address. Names shorter than three characters (城区, 和县) are left out: too easily a coincidence.
fn addresses<'g>(g: &'g Gazetteer, town: &str, body: &str) -> Vec<&'g gazetteer::Division> {
    const LONGEST: usize = 8;
    let mut found: Vec<&gazetteer::Division> = Vec::new();
    for (pos, _) in body.match_indices(town) {
        let before: Vec<char> = body[..pos].chars().rev().take(LONGEST).collect();
        for len in 3..=before.len() {
            let window: String = before[..len].iter().rev().collect();
            for d in g.named(&window).filter(|d| d.level != Level::Township) {
                if !found.iter().any(|f| f.code == d.code) {
                    found.push(d);
                }
            }
        }
    }
    found
}

/// A name of one of a candidate's divisions, to look for.
struct Name {
    text: String,
    /// The division's full name when `text` is its short name.
    full: Option<String>,
    level: Level,
}

/// The names a candidate's county, city and province go by. A township directly under its city
/// (东莞市横沥镇) has its city weighed as a county.
fn names_of(g: &Gazetteer, place: &Place) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    let city_level = if place.county.is_some() { Level::City } else { Level::County };
    let levels = [(place.county, Level::County), (place.city, city_level), (place.province, Level::Province)];
    for (division, level) in levels {
        let Some(d) = division else { continue };
        let mut push = |text: String, full: Option<String>| {
            if !out.iter().any(|n| n.text == text) {
                out.push(Name { text, full, level });
            }
        };
        push(d.name.clone(), None);
        if let Some(short) = short_name(&d.name, d.level).filter(|s| !g.is_common_word(s)) {
            push(short, Some(d.name.clone()));
        }
    }
    out
}

/// Collects every candidate's clues from the 索引号, the site lines and the text.
fn gather(g: &Gazetteer, town: &str, body: &str, page: &PageMeta, candidates: &mut [Candidate]) {
    let names: Vec<Vec<Name>> = candidates.iter().map(|c| names_of(g, &c.place)).collect();
    let codes = page.index_number.as_deref().map(index_codes).unwrap_or_default();
    let sites: Vec<&str> = [page.site.as_deref(), page.publisher.as_deref()].into_iter().flatten().collect();
    let n = candidates.len();
    for (i, c) in candidates.iter_mut().enumerate() {
        let code = c.place.township.code.clone();
        let index = page.index_number.as_deref().unwrap_or_default();
        for found in &codes {
            let clue = if *found == code {
                Some((INDEX_TOWNSHIP, c.place.township.name.clone()))
            } else if found.len() == 6 && code.starts_with(found.as_str()) {
                c.place.county.map(|d| (INDEX_COUNTY, d.name.clone()))
            } else if found.len() == 6 && found.ends_with("00") && code.starts_with(&found[..4]) {
                c.place.city.map(|d| (INDEX_CITY, d.name.clone()))
            } else {
                None
            };
            if let Some((score, label)) = clue {
                c.clues.push(Clue {
                    structural: true,
                    address: false,
                    score,
                    text: format!("索引号 {index} → {label}"),
                });
            }
        }
        for name in &names[i] {
            // A name every candidate shares (their common province) tells none of them apart.
            if n > 1 && names.iter().all(|ns| ns.iter().any(|m| m.text == name.text)) {
                continue;
            }
            if let Some(site) = sites.iter().find(|s| s.contains(name.text.as_str())) {
                let score = SITE_WEIGHT.iter().find(|w| w.0 == name.level).map_or(0.0, |w| w.1);
                if !c.clues.iter().any(|k| k.structural && k.text.starts_with("site ") && k.text.contains(*site)) {
                    c.clues.push(Clue {
                        structural: true,
                        address: false,
                        score,
                        text: format!("site {site} names {}", name.text),
                    });
                }
            }
            let (count, address) = occurrences(g, body, town, name, &c.place);
            if count == 0 {
                continue;
            }
            let (full_w, short_w) = TEXT_WEIGHT.iter().find(|w| w.0 == name.level).map_or((0.0, 0.0), |w| (w.1, w.2));
            let per = if name.full.is_some() { short_w } else { full_w };
            let score = per * count.min(MAX_COUNT) as f64 + if address { ADDRESS_BONUS } else { 0.0 };
            let before = if address { format!(" (before {town})") } else { String::new() };
            c.clues.push(Clue { structural: false, address, score, text: format!("{} ×{count}{before}", name.text) });
        }
    }
}

/// How often `name` stands in the body as the name of the candidate's division, and whether it
/// once stands right before the town's name. An occurrence inside a longer place name that is not
/// the candidate's own (宁海 in 南宁海关 is fine, 平湖 in 平湖镇 is not the city 平湖市) does not count,
/// nor does a short name inside its own full name (counted as the full name).
fn occurrences(g: &Gazetteer, body: &str, town: &str, name: &Name, place: &Place) -> (usize, bool) {
    const REACH: usize = 6;
    const MAX_WINDOW: usize = 10;
    let own = |w: &str| {
        let code = place.township.code.as_str();
        let county = code.get(..6).unwrap_or(code);
        g.named(w).any(|d| code.starts_with(d.code.as_str()) || d.code.starts_with(county))
    };
    let (mut count, mut address) = (0, false);
    let needle = name.text.as_str();
    let town_chars: Vec<char> = town.chars().collect();
    let len = needle.chars().count();
    for (pos, _) in body.match_indices(needle) {
        // Every window is a stretch of the body around the name: `a` characters before it and `b`
        // after, sliced from the body by byte offsets instead of built character by character.
        let starts: Vec<usize> =
            std::iter::once(pos).chain(body[..pos].char_indices().rev().take(REACH).map(|(i, _)| i)).collect();
        let after_name = pos + needle.len();
        let ends: Vec<usize> = std::iter::once(after_name)
            .chain(body[after_name..].char_indices().take(REACH).map(|(i, c)| after_name + i + c.len_utf8()))
            .collect();
        let counts = !starts.iter().enumerate().any(|(a, &start)| {
            ends.iter().enumerate().any(|(b, &end)| {
                if (a == 0 && b == 0) || a + len + b > MAX_WINDOW {
                    return false;
                }
                let window = &body[start..end];
                window == town || (g.is_name(window) && !own(window)) || name.full.as_deref() == Some(window)
            })
        });
        if counts {
            count += 1;
            // "龙游县湖镇镇", "东莞市横沥镇": at most two characters between.
            let after: Vec<char> = body[after_name..].chars().take(2 + town_chars.len()).collect();
            address |= (0..=2).any(|k| after.get(k..k + town_chars.len()) == Some(&town_chars[..]));
        }
    }
    (count, address)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(index: Option<&str>, site: Option<&str>) -> PageMeta {
        PageMeta { index_number: index.map(str::to_string), site: site.map(str::to_string), ..Default::default() }
    }

    fn run(name: &str, body: &str, page: &PageMeta) -> TownResolution {
        resolve_in(gazetteer(), name, body, page)
    }

    #[test]
    fn a_name_found_once_is_unique() {
        let r = run("濮院镇", "濮院镇2023年政府工作报告\n各位代表:", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Unique);
        assert_eq!(r.admin_code.as_deref(), Some("330483101"));
        assert_eq!(
            (r.county.as_deref(), r.city.as_deref(), r.province.as_deref()),
            (Some("桐乡市"), Some("嘉兴市"), Some("浙江省"))
        );
    }

    #[test]
    fn a_county_named_in_the_text_picks_the_candidate() {
        let body = "2024年岔路镇政府工作报告\n获评宁海县工业全域治理建设样板,宁波市精品绿色农产品基地。";
        let r = run("岔路镇", body, &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Context, "{r:?}");
        assert_eq!(r.admin_code.as_deref(), Some("330226105"));
        assert_eq!(r.county.as_deref(), Some("宁海县"));
        let evidence = r.evidence.unwrap_or_default();
        assert!(evidence.contains("宁海县 ×1") && evidence.contains("宁波市 ×1"), "{evidence}");
    }

    #[test]
    fn the_county_code_in_the_index_number_picks_the_candidate() {
        let r = run("高家镇", "2024年度高家镇政府工作报告\n各位代表:", &page(Some("330803-063/2025-73158"), None));
        assert_eq!(r.resolution, Resolution::Context, "{r:?}");
        assert_eq!(r.admin_code.as_deref(), Some("330803114"));
        assert_eq!((r.county.as_deref(), r.city.as_deref()), (Some("衢江区"), Some("衢州市")));
        assert!(r.evidence.unwrap_or_default().contains("索引号 330803-063/2025-73158 → 衢江区"));
    }

    #[test]
    fn a_credit_code_in_the_index_number_carries_its_county() {
        assert_eq!(index_codes("113306830025853214/2025-00157"), vec!["330683"]);
        assert_eq!(index_codes("330803-063/2025-73158"), vec!["330803"]);
        // An organisation code says nothing about the place.
        assert_eq!(index_codes("002968082/2025-65346"), vec!["002968082"]);
        assert!(run("岔路镇", "岔路镇", &page(Some("002968082/2025-65346"), None)).admin_code.is_none());
    }

    #[test]
    fn short_names_count_as_evidence() {
        // 东至 is 东至县 (池州市, 安徽省); none of the other three 泥溪镇 is near it.
        let r = run("泥溪镇", "泥溪镇2023年政府工作报告\n为建设“三美东至”贡献泥溪力量!", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Context, "{r:?}");
        assert_eq!(r.admin_code.as_deref(), Some("341721111"));
        assert!(r.evidence.unwrap_or_default().contains("东至 ×1"));
        let r = run("横沥镇", "横沥镇2023年政府工作报告\n打造乐购东莞品牌。", &PageMeta::default());
        assert_eq!(r.admin_code.as_deref(), Some("441900106"), "{r:?}");
        assert_eq!((r.county, r.city.as_deref()), (None, Some("东莞市")));
    }

    #[test]
    fn the_site_name_picks_the_candidate() {
        // Two 湖镇镇: 龙游县 (衢州市) and 博罗县 (惠州市).
        let r = run("湖镇镇", "湖镇镇工作报告", &page(None, Some("龙游县人民政府")));
        assert_eq!(r.admin_code.as_deref(), Some("330825101"), "{r:?}");
        assert_eq!(r.resolution, Resolution::Context);
    }

    #[test]
    fn conflicting_evidence_is_ambiguous() {
        let body = "湖镇镇工作报告\n龙游县的项目和博罗县的项目各一个。";
        let r = run("湖镇镇", body, &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
        assert_eq!(r.admin_code, None);
        assert_eq!(r.candidates, vec!["330825101", "441322113"]);
        assert!(r.evidence.unwrap_or_default().contains("conflicting"));
        // The text says one county, the 索引号 another: no side wins.
        let r = run("湖镇镇", "湖镇镇工作报告\n龙游县龙游县", &page(Some("441322-001/2025-1"), None));
        assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
    }

    #[test]
    fn no_evidence_keeps_every_candidate() {
        let r = run("高家镇", "高家镇工作报告\n各位代表:", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Ambiguous);
        assert_eq!(r.candidates.len(), 5);
        assert_eq!((r.county, r.city, r.province), (None, None, None));
    }

    #[test]
    fn a_name_not_in_the_gazetteer_is_unknown() {
        let r = run("无此镇", "无此镇工作报告", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Unknown);
        assert_eq!(r.admin_code, None);
        assert!(r.candidates.is_empty());
    }

    #[test]
    fn a_place_name_inside_the_town_name_is_not_evidence() {
        // 平湖 is also 平湖市 (嘉兴市); inside 平湖镇 it names the town, not the city.
        let c = gazetteer().townships("平湖镇");
        let place = gazetteer().place(c[0]);
        let name = Name { text: "平湖".into(), full: Some("平湖市".into()), level: Level::County };
        assert_eq!(occurrences(gazetteer(), "平湖镇2023年政府工作报告,平湖镇", "平湖镇", &name, &place).0, 0);
    }

    #[test]
    fn an_index_number_naming_another_county_unsettles_a_unique_name() {
        let r = run("濮院镇", "濮院镇工作报告", &page(Some("330803-063/2025-73158"), None));
        assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
        assert_eq!(r.candidates, vec!["330483101"]);
    }

    #[test]
    fn an_address_naming_another_county_unsettles_a_unique_name() {
        // 濮院镇 is in 桐乡市 only; a report writing 海宁市濮院镇 speaks of some other 濮院镇.
        let r = run("濮院镇", "濮院镇工作报告\n海宁市濮院镇人民政府", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
        assert!(r.evidence.unwrap_or_default().contains("text writes 海宁市濮院镇"));
        // Its own address confirms it.
        let r = run("濮院镇", "濮院镇工作报告\n桐乡市濮院镇人民政府", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Unique, "{r:?}");
        // Among namesakes, an address outside all of them overrides weaker clues for one of them.
        let r = run("湖镇镇", "湖镇镇工作报告\n浙江\n江山市湖镇镇", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
    }

    #[test]
    fn odd_input_never_panics() {
        let odd_pages = [
            page(Some(""), Some("")),
            page(Some("３３０８０３-1"), None),
            page(Some("330803"), Some("高家镇")),
            page(Some("ABCDEFGHIJKLMNOPQR/x"), None),
            page(Some("1133068300258532X4"), Some("𠀀")),
        ];
        for body in ["", "高家镇", "镇高家镇镇", "𠀀高家镇𠀀衢江", "衢江区高家镇", "\u{0}\u{feff}高家镇"]
        {
            for p in &odd_pages {
                for name in ["高家镇", "镇", "𠀀镇", "高家"] {
                    let r = run(name, body, p);
                    // A code exactly when the town is placed.
                    let placed = matches!(r.resolution, Resolution::Unique | Resolution::Context);
                    assert_eq!(r.admin_code.is_some(), placed, "{r:?}");
                }
            }
        }
    }

    #[test]
    fn a_name_written_with_another_ending_is_found_by_its_stem_but_needs_evidence() {
        // The gazetteer has 六镇镇 only; a report calling it 六镇乡 needs the text to confirm it.
        let r = run("六镇乡", "六镇乡工作报告", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
        assert_eq!(r.candidates, vec!["341124109"]);
        let r = run("六镇乡", "六镇乡工作报告\n全椒县", &PageMeta::default());
        assert_eq!(r.resolution, Resolution::Context, "{r:?}");
        assert_eq!(r.admin_code.as_deref(), Some("341124109"));
    }
}
