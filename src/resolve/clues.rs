//! The clues that tell a town's candidates apart: the names of each candidate's county, city and
//! province in the text (and whether one stands right before the town's name, as an address), the
//! administrative code in the page's 索引号, and the name of the site that published it.

use super::gazetteer::{self, short_name, Gazetteer, Level, Place};
use super::{
    index_codes, Candidate, Clue, ADDRESS_BONUS, INDEX_CITY, INDEX_COUNTY, INDEX_TOWNSHIP, MAX_COUNT, SITE_WEIGHT,
    TEXT_WEIGHT,
};
use crate::model::PageMeta;
use crate::text::words::find_all;

/// The counties, cities and provinces written right before the town's name ("龙游县湖镇镇"): an
/// address. Names shorter than three characters (城区, 和县) are left out: too easily a coincidence.
pub(super) fn addresses<'g>(g: &'g Gazetteer, town: &str, body: &str) -> Vec<&'g gazetteer::Division> {
    const LONGEST: usize = 8;
    let mut found: Vec<&gazetteer::Division> = Vec::new();
    for pos in find_all(body, town) {
        // Where each of the last LONGEST characters before the name starts, nearest first.
        let starts = body[..pos].char_indices().rev().take(LONGEST).map(|(b, _)| b);
        for start in starts.skip(2) {
            let window = &body[start..pos];
            for d in g.named(window).filter(|d| d.level != Level::Township) {
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
pub(super) fn gather(g: &Gazetteer, town: &str, body: &str, page: &PageMeta, candidates: &mut [Candidate]) {
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
            // (A site named after the town, "博望人大", names no 博望区: the town's own name is no clue.)
            let own = town.contains(name.text.as_str());
            if let Some(site) = sites.iter().find(|s| !own && s.contains(name.text.as_str())) {
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
    for pos in find_all(body, needle) {
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
    use crate::resolve::gazetteer::gazetteer;

    #[test]
    fn a_place_name_inside_the_town_name_is_not_evidence() {
        // 平湖 is also 平湖市 (嘉兴市); inside 平湖镇 it names the town, not the city.
        let c = gazetteer().townships("平湖镇");
        let place = gazetteer().place(c[0]);
        let name = Name { text: "平湖".into(), full: Some("平湖市".into()), level: Level::County };
        assert_eq!(occurrences(gazetteer(), "平湖镇2023年政府工作报告,平湖镇", "平湖镇", &name, &place).0, 0);
    }
}
