//! Web-page noise: navigation, "索引号/发布日期/浏览次数" lines, share buttons and footers are
//! dropped from the text; the metadata those lines carry is kept in [`PageMeta`]. What the
//! furniture looks like is in `noise`; a page saved on one line is broken back into paragraphs by
//! `reflow`.

use crate::model::PageMeta;
use crate::read::shape::{self, ParseLine};
use crate::text::fold::fold_str;

mod noise;
mod reflow;

pub use noise::iso_ymd;
use noise::{after_bullets, is_caption, noise, record, Noise};
use reflow::needs_reflow;
pub use reflow::reflow;

/// A page's text with its furniture dropped.
#[derive(Debug, Default)]
pub struct CleanPage {
    /// The remaining lines, trimmed, blank lines dropped.
    pub lines: Vec<String>,
    pub meta: PageMeta,
    /// `lines` as the parsers read them (folded, glosses and letter spacing left out, each with its
    /// way back to the stored line): the rest of the reader recognises titles, templates and
    /// genres on these instead of folding again.
    pub folded: Vec<ParseLine>,
    /// The watermark dropped from the end of the page's lines, if there was one.
    pub watermark: Option<String>,
}

/// Splits a page into the lines that may belong to a report and the metadata its furniture carries.
///
/// Lines are recognised on their folded form (full-width "２０２５年１月" reads as "2025年1月"), and
/// kept as written.
pub fn clean(text: &str) -> CleanPage {
    let n = noise();
    let folded_text = fold_str(text);
    let mut raw: Vec<&str> = crate::text::words::lines(text).collect();
    // Folding is one character for one character and never makes or takes a line break, so the
    // folded lines stand beside the raw ones.
    let mut folded: Vec<&str> = crate::text::words::lines(&folded_text).collect();
    let mut page = CleanPage { watermark: shape::watermark(&folded), ..Default::default() };
    if let Some(mark) = &page.watermark {
        // The folded mark is as long as the written one: both lines lose the same characters.
        for (r, f) in raw.iter_mut().zip(folded.iter_mut()) {
            let kept = shape::strip_mark(f, mark);
            if kept.len() != f.len() {
                let cut = f.trim_end().chars().count() - kept.chars().count();
                let chars = r.trim_end().chars().count() - cut;
                *r = &r[..r.char_indices().nth(chars).map_or(r.len(), |(b, _)| b)];
                *f = kept;
            }
        }
    }
    // The folded form of each kept line, beside it: folding is one character for one and maps
    // white space to white space, so the folded line trimmed is the kept line folded.
    let mut kept_folded: Vec<&str> = Vec::new();
    let mut picture_above = false;
    let mut i = 0;
    while i < raw.len() && i < folded.len() {
        let unpiped = n.unpipe(folded[i].trim());
        let line = unpiped.as_deref().unwrap_or(folded[i].trim()).trim_start_matches(['-', '—']).trim_start();
        let original = raw[i].trim();
        let original_folded = folded[i].trim();
        i += 1;
        if line.is_empty() {
            continue;
        }
        // Metadata first: a "来源:本站" line is furniture too, but its date is the page's.
        if let Some(pairs) = n.key_pairs(line).filter(|_| !n.key_alone.is_match(line)) {
            for (field, value) in pairs {
                record(&mut page.meta, field, value, n);
            }
            continue;
        }
        if let Some(date) = n.bare_date(line) {
            page.meta.published_on.get_or_insert(date);
            continue;
        }
        if let Some((date, pairs)) = n.dated_pairs(line) {
            page.meta.published_on.get_or_insert(date);
            for (field, value) in pairs {
                record(&mut page.meta, field, value, n);
            }
            continue;
        }
        // A picture's caption stands on the line under it.
        let caption = picture_above && is_caption(line);
        picture_above = n.is_picture(line.trim());
        if caption || n.is_furniture(line) {
            continue;
        }
        if let Some(caps) = n.opens_with_key(line).then(|| n.key_alone.captures(line)).flatten() {
            // A key alone: its value, if any, stands on the next non-blank line.
            let field = n.field_of(&caps[1]);
            let mut j = i;
            while j < folded.len() && folded[j].trim().is_empty() {
                j += 1;
            }
            // The value may be an item of the same list as its key ("• 来源" over "• 某乡人民政府").
            if j < folded.len() && n.plausible(field, after_bullets(folded[j])) {
                record(&mut page.meta, field, after_bullets(folded[j]), n);
                i = j + 1;
            }
            continue;
        }
        if let Some(pairs) = n.key_pairs(line) {
            for (field, value) in pairs {
                record(&mut page.meta, field, value, n);
            }
            continue;
        }
        page.lines.push(original.to_string());
        kept_folded.push(original_folded);
    }
    page.meta.site = folded
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .filter(|l| l.chars().count() <= 20 && is_site_name(l))
        .map(str::to_string)
        .or_else(|| breadcrumb_site(n, &folded));
    if needs_reflow(&page.lines) {
        page.lines = reflow(std::mem::take(&mut page.lines));
        page.folded = page.lines.iter().map(|l| shape::parse_line(&fold_str(l))).collect();
    } else {
        debug_assert!(page.lines.iter().zip(&kept_folded).all(|(l, f)| fold_str(l) == *f));
        page.folded = kept_folded.iter().map(|f| shape::parse_line(f)).collect();
    }
    page
}

/// A site's name on a page's first line: a government's or a news site's ("某某县人民政府",
/// "某某阳光网", "某某日报", "某某融媒").
/// The site a page's breadcrumb trail names ("当前位置:首页 > 某县新闻网 > 要闻"), in its first
/// lines: the first of its steps that is a site's name.
fn breadcrumb_site(n: &Noise, folded: &[&str]) -> Option<String> {
    folded.iter().map(|l| l.trim()).take(5).filter(|l| n.is_breadcrumb(l)).find_map(|l| {
        l.split(['>', '》', '»', ':'])
            .map(str::trim)
            .find(|step| !step.is_empty() && step.chars().count() <= 20 && is_site_name(step))
            .map(str::to_string)
    })
}

fn is_site_name(line: &str) -> bool {
    ["人民政府", "政府网", "网", "日报", "融媒", "新闻", "在线"].iter().any(|w| line.ends_with(w))
        && !line.contains(['，', ',', '。', ':', '：', ' '])
}

/// The ISO date (YYYY-MM-DD) a date-like text names, if it names a plausible one.
pub fn iso_date(s: &str) -> Option<String> {
    let folded = fold_str(s);
    noise().iso_date(&folded)
}

#[cfg(test)]
mod tests;
