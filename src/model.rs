//! Plain structs that flow through the pipeline: what a report file yields before anything is stored.
//!
//! Every stage after `read` returns these; only `store` turns them into rows. Offsets (`char_start`,
//! `char_end`) are Unicode scalar values into `Report::body`, 0-based, end exclusive, exactly as the
//! warehouse contract states them.

use compact_str::CompactString;
use serde::Serialize;

/// The words that end a township's name as reports write it: 镇, 乡, 街道, and 苏木, the township
/// of Inner Mongolia's pastoral areas. The genre, titles, town names and project places read them.
pub const TOWNSHIP_ENDINGS: [&str; 4] = ["镇", "乡", "街道", "苏木"];

/// A character span inside a report body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// What a report is, as the contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 政府工作报告 delivered to the town's people's congress (换届 five-year reports too).
    GovernmentWorkReport,
    /// A year's 工作总结, with or without the next year's plan.
    WorkSummaryAndPlan,
    /// A mid-year report or summary: its figures cover part of a year.
    HalfYearReport,
    /// A plan alone (年度工作计划, 工作要点): no review.
    WorkPlan,
    /// A news item, interview or interpretation about a report or a session: a secondary source.
    NewsCoverage,
    /// Another document of a town government's work.
    Other,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::GovernmentWorkReport => "government_work_report",
            ReportKind::WorkSummaryAndPlan => "work_summary_and_plan",
            ReportKind::HalfYearReport => "half_year_report",
            ReportKind::WorkPlan => "work_plan",
            ReportKind::NewsCoverage => "news_coverage",
            ReportKind::Other => "other",
        }
    }
}

/// Metadata that the web page around a report carried (索引号, 发布日期, 发布机构...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    /// The page's own title (a 标题 or 名称 field, or the HTML head's title), folded.
    pub title: Option<String>,
    /// ISO date the page says it was published.
    pub published_on: Option<String>,
    /// The 索引号 (document index number) as written.
    pub index_number: Option<String>,
    /// The issuing body (发布机构 / 发布单位 / 信息来源).
    pub publisher: Option<String>,
    /// The site's own name line (e.g. "嵊州市人民政府").
    pub site: Option<String>,
    /// ISO date the document was written (成文日期), when given.
    pub written_on: Option<String>,
}

/// The report-level facts read from the title, the lines under it and the page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportMeta {
    pub town: Option<String>,
    pub kind: Option<ReportKind>,
    pub title: Option<String>,
    pub review_year: Option<i32>,
    pub plan_year: Option<i32>,
    pub delivered_on: Option<String>,
    pub meeting: Option<String>,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
}

/// One section of the outline.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Index of the parent in the report's section list, `None` for a top-level section.
    pub parent: Option<usize>,
    pub level: u8,
    /// 1-based position among its siblings.
    pub ordinal: u32,
    pub marker: String,
    pub title: String,
    pub part: Part,
    pub span: Span,
    /// The heading shares its line with body text.
    pub inline: bool,
}

/// The part of the report a section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Preamble,
    Review,
    Problems,
    Plan,
    SelfBuilding,
    Closing,
    Other,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Preamble => "preamble",
            Part::Review => "review",
            Part::Problems => "problems",
            Part::Plan => "plan",
            Part::SelfBuilding => "self_building",
            Part::Closing => "closing",
            Part::Other => "other",
        }
    }
}

/// A quantity as the number reader found it in the text. Its unit and qualifier are short strings
/// held in place up to 24 bytes (亿元 is 6, 万平方米/人 16), so that a quantity and its copies,
/// one for each fact read from it, take no allocation of their own.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Quantity {
    /// The number as written (74.23 for "74.23亿元", 200 for "两百万余元" read as 两百 + 万元).
    pub value: Option<f64>,
    /// Lower and upper bound for a range ("5-8分钟").
    pub value_min: Option<f64>,
    pub value_max: Option<f64>,
    /// The unit as written, multiplier included ("亿元", "万人次", "%").
    pub unit: CompactString,
    /// The same quantity in base units (multipliers folded in) and that base unit.
    pub value_base: Option<f64>,
    pub unit_base: CompactString,
    pub qualifier: Option<CompactString>,
    pub span: Span,
}

/// A figure reported for the review year (or another past period).
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// The extraction rule that read it (`gwr inspect --explain` shows it).
    pub rule: &'static str,
    pub section: Option<usize>,
    pub name: String,
    pub indicator_code: Option<String>,
    pub period_year: Option<i32>,
    pub month_from: Option<u8>,
    pub month_to: Option<u8>,
    pub quantity: Quantity,
    pub growth_pct: Option<f64>,
    pub growth_multiple: Option<f64>,
    pub change_pp: Option<f64>,
    pub estimated: bool,
    pub span: Span,
    /// The text at `span`, filled in by the pipeline from the body.
    pub quote: String,
}

/// An expectation set for the plan year.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// The extraction rule that read it (`gwr inspect --explain` shows it).
    pub rule: &'static str,
    pub section: Option<usize>,
    pub name: String,
    pub indicator_code: Option<String>,
    pub target_year: Option<i32>,
    pub quantity: Option<Quantity>,
    pub growth_pct: Option<f64>,
    pub comparator: Comparator,
    pub cue: Option<String>,
    pub span: Span,
    /// The text at `span`, filled in by the pipeline from the body.
    pub quote: String,
}

/// How a target relates to its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "~")]
    About,
    #[serde(rename = "=")]
    Exactly,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "qualitative")]
    Qualitative,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::About => "~",
            Comparator::Exactly => "=",
            Comparator::Above => ">",
            Comparator::Qualitative => "qualitative",
        }
    }
}

/// A named construction, investment or industrial project.
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    /// The extraction rule that read it (`gwr inspect --explain` shows it).
    pub rule: &'static str,
    pub section: Option<usize>,
    pub name: String,
    pub status: Option<String>,
    pub investment: Option<f64>,
    pub investment_unit: Option<String>,
    pub investment_yuan: Option<f64>,
    pub span: Span,
    /// The text at `span`, filled in by the pipeline from the body.
    pub quote: String,
}

/// How sure the loader is of a town's place on the national map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// One township of that name in the gazetteer.
    Unique,
    /// Several, and the report's own text or page told them apart.
    Context,
    /// Several, and nothing told them apart: every candidate kept.
    Ambiguous,
    /// No township of that name, or no name.
    #[default]
    Unknown,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Unique => "unique",
            Resolution::Context => "context",
            Resolution::Ambiguous => "ambiguous",
            Resolution::Unknown => "unknown",
        }
    }
}

/// Where a report's town sits on the national map, and how sure the loader is.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct TownResolution {
    pub name: String,
    pub admin_code: Option<String>,
    pub county: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub resolution: Resolution,
    pub evidence: Option<String>,
    /// Candidate codes when the name is ambiguous.
    pub candidates: Vec<String>,
}

/// How often a report uses one policy term of data/terms.toml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermCount {
    pub term: String,
    pub occurrences: usize,
}

/// Everything one report yields: what a load would store for it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportPlan {
    pub source_path: String,
    pub source_index: usize,
    pub encoding: String,
    pub content_sha256: String,
    pub body: String,
    pub char_count: usize,
    pub complete: bool,
    /// Why the report is of its kind (`meta.kind`): the genre's test that decided.
    pub kind_reason: String,
    pub page: PageMeta,
    pub meta: ReportMeta,
    pub town: TownResolution,
    pub sections: Vec<Section>,
    pub indicators: Vec<Indicator>,
    pub targets: Vec<Target>,
    pub projects: Vec<Project>,
    /// The policy terms (data/terms.toml) the report uses, with their counts in the folded text.
    pub term_counts: Vec<TermCount>,
    /// The fate of every number, when asked for (`gwr inspect --explain`, `gwr audit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fates: Option<Vec<crate::extract::explain::NumberFate>>,
}

/// Everything one file yields: its reports, or why it yields none.
#[derive(Debug, Clone, Serialize)]
pub struct FilePlan {
    pub source_path: String,
    /// Size and SHA-256 of the file's bytes: a re-run skips a file whose bytes are unchanged.
    pub byte_count: usize,
    pub bytes_sha256: String,
    pub reports: Vec<ReportPlan>,
    /// Set when the file is refused as a whole.
    pub error: Option<crate::error::Refusal>,
    /// Damage found and repaired or left (invalid bytes replaced, a report cut off): the file
    /// loads, and the run says so.
    pub warnings: Vec<String>,
    /// Where the file is (its canonical path), when a load found it.
    #[serde(skip)]
    pub location: Option<String>,
}
