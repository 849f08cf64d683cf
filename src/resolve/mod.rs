//! Resolving: which town on the national map a report is about, and how sure that is.
//!
//! The report's town name is looked up in the shipped gazetteer. One township of that name:
//! `unique`. Several: the report itself must tell them apart, through the names of a candidate's
//! county, city or province in its text (full or short: 衢州市 or 衢州), the administrative code
//! inside its 索引号, or the name of the site that published it; one candidate clearly ahead of
//! the others is `context`, with the evidence written out. Evidence that is absent or points
//! several ways leaves the town `ambiguous` with every candidate kept: a wrong code is worse than
//! none. A name the gazetteer lacks is `unknown`.

mod clues;
pub mod gazetteer;

use crate::model::{PageMeta, ReportMeta, Resolution, TownResolution};
use clues::{addresses, gather};
use gazetteer::{gazetteer, Gazetteer, Level, Place};
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

#[cfg(test)]
mod tests;
