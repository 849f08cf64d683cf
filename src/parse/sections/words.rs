//! The words the section parser reads (data/sections.toml), loaded once.

#[allow(unused_imports)]
use super::*;

pub(super) const SECTIONS_TOML: &str = include_str!("../../../data/sections.toml");

#[derive(Deserialize)]
pub(super) struct SectionWordsFile {
    pub(super) parts: Vec<PartWords>,
    pub(super) top: Top,
    pub(super) address: Phrases,
    pub(super) closing: Closing,
    pub(super) problems: Problems,
    pub(super) targets: Targets,
    pub(super) preface: Preface,
    pub(super) leads: Leads,
}

#[derive(Deserialize)]
pub(super) struct PartWords {
    pub(super) part: String,
    pub(super) words: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct Top {
    pub(super) max_chars: usize,
    pub(super) anchors: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct Phrases {
    pub(super) words: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct Closing {
    pub(super) appeals: Vec<String>,
    pub(super) window: usize,
}

#[derive(Deserialize)]
pub(super) struct Problems {
    pub(super) recognitions: Vec<String>,
    pub(super) nouns: Vec<String>,
    pub(super) window: usize,
    pub(super) gap: usize,
}

#[derive(Deserialize)]
pub(super) struct Targets {
    pub(super) cues: Vec<String>,
    pub(super) window: usize,
}

#[derive(Deserialize)]
pub(super) struct Preface {
    pub(super) past: Vec<String>,
    pub(super) frames: Vec<String>,
    pub(super) min_chars: usize,
}

#[derive(Deserialize)]
pub(super) struct Leads {
    pub(super) prefix_chars: usize,
    pub(super) min_run: usize,
    pub(super) max_title_chars: usize,
}

pub(super) struct SectionWords {
    pub(super) parts: Vec<(Part, Vec<String>)>,
    pub(super) file: SectionWordsFile,
}

pub(super) fn part_named(name: &str) -> Option<Part> {
    Some(match name {
        "preamble" => Part::Preamble,
        "review" => Part::Review,
        "problems" => Part::Problems,
        "plan" => Part::Plan,
        "self_building" => Part::SelfBuilding,
        "closing" => Part::Closing,
        "other" => Part::Other,
        _ => return None,
    })
}

pub(super) fn parse_words(text: &str) -> Result<SectionWords, String> {
    let file: SectionWordsFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let parts = file
        .parts
        .iter()
        .map(|p| part_named(&p.part).map(|part| (part, p.words.clone())).ok_or(format!("unknown part {}", p.part)))
        .collect::<Result<_, _>>()?;
    Ok(SectionWords { parts, file })
}

pub(super) fn words() -> &'static SectionWords {
    static WORDS: OnceLock<SectionWords> = OnceLock::new();
    // The file is compiled in; a defect in it is a build defect that the unit tests catch.
    WORDS.get_or_init(|| parse_words(SECTIONS_TOML).expect("data/sections.toml is valid"))
}
