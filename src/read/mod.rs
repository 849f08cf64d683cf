//! Reading: from a file's bytes to the clean texts of the reports it holds.
//!
//! decode (bytes → text) → html (a page's visible text, when the text is HTML) → page (drop
//! navigation, metadata lines and footers, keep what they say) → split (one text per report in a
//! compilation) → genre (refuse templates and texts that are not reports). Nothing here knows
//! about sections or numbers.

pub mod decode;
pub mod genre;
pub mod html;
mod lexicon;
pub mod page;
pub mod shape;
pub mod split;
pub mod tags;

pub use decode::{decode, Decoded, Encoding};
pub use split::RawReport;

use crate::error::{Reason, Refusal};
use crate::model::PageMeta;
use crate::model::ReportKind;

/// The texts of the reports in one file, with what the page around them said.
#[derive(Debug)]
pub struct ReadFile {
    pub encoding: Encoding,
    pub page: PageMeta,
    pub reports: Vec<RawReport>,
    /// Damage the reader repaired or could not repair, in sentences a person understands.
    pub warnings: Vec<String>,
}

/// Reads one file's bytes into report texts, or says why it holds none.
pub fn read_bytes(bytes: &[u8], forced: Option<Encoding>) -> Result<ReadFile, Refusal> {
    // A page that is not UTF-8 is read in the charset it declares, when it declares one the
    // loader knows; a declaration of UTF-8 on bytes that are not UTF-8 is wrong and is ignored.
    let declared = match forced {
        None if !decode::has_bom(bytes) && !decode::is_utf8(bytes) => {
            html::declared_charset(bytes).filter(|e| *e != Encoding::Utf8)
        }
        _ => None,
    };
    let decoded = decode(bytes, forced.or(declared))?;
    let mut warnings = Vec::new();
    if decoded.replaced > 0 {
        warnings.push(format!(
            "{} byte sequence(s) are not valid {} and were replaced by \u{FFFD}",
            decoded.replaced,
            decoded.encoding.as_str()
        ));
    }
    let (text, head) = if html::looks_like_html(&decoded.text) {
        let page = html::extract(&decoded.text);
        (page.text, Some(page.head))
    } else {
        (decoded.text, None)
    };
    let mut page = page::clean(&text);
    if let Some(head) = head {
        merge_head(&mut page, head);
    }
    let (templates, texts): (Vec<RawReport>, Vec<RawReport>) =
        split::split(&page.lines, &page.folded).into_iter().partition(|r| genre::check_template(&r.folded).is_err());
    if texts.is_empty() {
        // Only templates, or no text at all: a text of placeholders is refused as a template.
        let all: Vec<&str> = page.folded.iter().map(|l| l.text.as_str()).collect();
        genre::check_template(&all.join("\n"))?;
        if let Some(t) = templates.first() {
            genre::check_template(&t.folded)?;
        }
        return Err(Refusal::new(
            Reason::NotAReport,
            "no text is left once the page's navigation and metadata lines are dropped",
        ));
    }
    // A template in a compilation costs itself only: its real reports load.
    for t in &templates {
        let title: String = t.body.lines().next().unwrap_or_default().chars().take(40).collect();
        warnings.push(format!("report {} (\"{title}\") is a template with placeholder figures: skipped", t.index));
    }
    // Each text is judged alone: a compilation keeps its documents and drops what is none.
    let mut reports = Vec::new();
    let mut refused = None;
    for mut r in texts {
        let first = r.folded.lines().next().filter(|l| split::is_title_line(l));
        let title = first.map(str::to_string).or_else(|| r.page_title.clone()).or_else(|| page.meta.title.clone());
        // One pass over the text reads the genre's cues and counts the policy terms.
        let scan = genre::scan(&r.folded);
        match genre::classify_scanned(title.as_deref(), &r.folded, &scan) {
            Ok(verdict) => {
                r.term_counts = scan.term_counts();
                // A government work report closes with its appeal to the congress: one that stops
                // after a paragraph of its review or plan is cut off.
                if verdict.kind == ReportKind::GovernmentWorkReport && !split::closes_speech(&r.folded) {
                    r.complete = false;
                }
                r.kind = verdict.kind;
                r.kind_reason = verdict.reason;
                r.index = reports.len();
                reports.push(r);
            }
            Err(refusal) => {
                if refused.is_none() {
                    refused = Some(refusal.clone());
                }
                warnings.push(format!("text {} is left out: {}", r.index, refusal.detail));
            }
        }
    }
    if reports.is_empty() {
        return Err(refused.unwrap_or_else(|| Refusal::new(Reason::NotAReport, "no text of the file is a report")));
    }
    for r in reports.iter().filter(|r| !r.complete) {
        let title = r.body.lines().next().unwrap_or_default();
        let title: String = title.chars().take(40).collect();
        warnings.push(format!("report {} (\"{title}\") is cut off: its text ends mid-sentence", r.index));
    }
    Ok(ReadFile { encoding: decoded.encoding, page: page.meta, reports, warnings })
}

/// What the page's head says fills what its visible text left open; a title known only from the
/// head is put back before the report's first line.
fn merge_head(page: &mut page::CleanPage, head: html::HeadMeta) {
    let m = &mut page.meta;
    if m.published_on.is_none() {
        m.published_on = head.published_on.as_deref().and_then(page::iso_date);
    }
    if m.written_on.is_none() {
        m.written_on = head.written_on.as_deref().and_then(page::iso_date);
    }
    if m.publisher.is_none() {
        m.publisher = head.publisher.filter(|p| p.chars().count() <= 30);
    }
    if m.site.is_none() {
        m.site = head.site.filter(|s| s.chars().count() <= 30);
    }
    let Some(title) = head.title.filter(|t| split::is_title_line(t)) else { return };
    if page.lines.iter().any(|l| split::is_title_line(l)) {
        return;
    }
    let at = page
        .lines
        .iter()
        .position(|l| l.starts_with("各位代表") || l.starts_with("各位委员") || l.chars().count() >= 60)
        .unwrap_or(0);
    // The folded lines stay one for one with the lines: the splitter reads both by index.
    page.folded.insert(at.min(page.folded.len()), shape::parse_line(&crate::text::fold::fold_str(&title)));
    page.lines.insert(at, title);
}
