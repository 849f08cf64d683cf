//! Compilations: a file may hold several reports, often after a table of contents that lists more
//! titles than the texts present. Each report starts at its title line; a table of contents is
//! not a report.

use crate::read::fold::fold_str;
use regex::Regex;
use std::sync::OnceLock;

/// One report's text as it stands in its file.
#[derive(Debug, Clone)]
pub struct RawReport {
    /// Position of the report inside its file, 0-based.
    pub index: usize,
    /// The cleaned text: one line per paragraph.
    pub body: String,
    /// `body` folded for parsing, one character for one character.
    pub folded: String,
    /// False when the text is cut off.
    pub complete: bool,
}

/// Fewest characters of text under a title for it to count as a report of its own.
const MIN_REPORT_CHARS: usize = 300;

struct Patterns {
    /// A report title: the document types this loader reads.
    title: Regex,
    /// A table-of-contents entry: a title followed by a page number.
    toc_entry: Regex,
    /// A line opening with a heading marker (一、 (一) 1. ...): a heading, not a title.
    heading: Regex,
    /// The address that opens a speech.
    address: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        title: Regex::new(r"(政府工作报告|工作报告|工作总结|工作思路|工作计划|工作要点|工作安排|工作打算)")
            .expect("title regex"),
        toc_entry: Regex::new(r"\s\d{1,4}$").expect("toc regex"),
        heading: Regex::new(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
            .expect("heading regex"),
        address: Regex::new(r"^(各位代表|各位委员|同志们)").expect("address regex"),
    })
}

/// Whether a line is a report's title, in any width or script (a traditional repost's
/// "政府工作報告" is a title too).
pub fn is_title_line(line: &str) -> bool {
    let folded = fold_str(line);
    is_folded_title_line(&folded)
}

/// [`is_title_line`] for a line already folded.
fn is_folded_title_line(line: &str) -> bool {
    let p = patterns();
    let n = line.chars().count();
    (6..=60).contains(&n)
        && p.title.is_match(line)
        // A bare "2025年工作计划" is a heading; a title names its town or government.
        && (line.contains("报告") || ["镇", "乡", "街道", "政府", "办事处"].iter().any(|w| line.contains(w)))
        && !p.toc_entry.is_match(line)
        && !p.heading.is_match(line)
        && !line.ends_with('。')
        && !line.ends_with(':')
        && !line.ends_with('：')
        && !line.contains("汇编")
}

/// Splits a page's lines into reports. `folded` holds the same lines folded for parsing: lines are
/// recognised on their folded form and kept as written.
pub fn split(lines: &[String], folded: &[String]) -> Vec<RawReport> {
    let p = patterns();
    // The two lists are one for one; a caller that broke that loses the unmatched tail, never panics.
    let n = lines.len().min(folded.len());
    let (lines, folded) = (&lines[..n], &folded[..n]);
    let titles: Vec<usize> = (0..n).filter(|&i| is_folded_title_line(&folded[i])).collect();
    let mut starts: Vec<usize> = Vec::new();
    for (k, &t) in titles.iter().enumerate() {
        let next = titles.get(k + 1).copied().unwrap_or(lines.len());
        let chars: usize = lines[t + 1..next].iter().map(|l| l.chars().count()).sum();
        if chars >= MIN_REPORT_CHARS {
            starts.push(t);
        }
    }
    if starts.is_empty() {
        // No title: the report starts at the address or the first long paragraph.
        let first = folded
            .iter()
            .position(|l| p.address.is_match(l))
            .or_else(|| folded.iter().position(|l| l.chars().count() >= 60));
        match first {
            Some(i) if looks_like_report(&folded[i..]) => starts.push(i),
            _ => return Vec::new(),
        }
    }
    let mut reports = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let text = &lines[s..end];
        let complete = is_complete(&folded[s..end]);
        reports.push(RawReport { index: k, body: text.join("\n"), folded: folded[s..end].join("\n"), complete });
    }
    reports
}

/// Text without a title still counts as a report when it speaks like one.
fn looks_like_report(lines: &[String]) -> bool {
    let text: String = lines.concat();
    let cues = ["工作回顾", "工作安排", "各位代表", "一年来", "主要预期目标", "工作总结", "工作计划"];
    text.chars().count() >= MIN_REPORT_CHARS && cues.iter().filter(|c| text.contains(*c)).count() >= 2
}

/// A report is cut off when its last line neither ends a sentence nor closes the speech.
fn is_complete(lines: &[String]) -> bool {
    let Some(last) = lines.last() else { return false };
    let ends_sentence = last.trim_end().chars().last().is_some_and(|c| "。！!？?”」』)）…".contains(c));
    // A scrape that lost the final punctuation still leaves the closing appeal in place.
    let closes = last.starts_with("各位代表") || last.contains("让我们") || last.contains("而不懈奋斗");
    ends_sentence || closes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn toc_entries_and_compilation_titles_are_not_reports() {
        let body = "正文".repeat(200);
        let text = format!(
            "2023年政府工作报告汇编(19篇)\n横沥镇2023年政府工作报告 2\n2.六镇镇2023年政府工作报告 31\n\
             横沥镇2023年政府工作报告\n各位代表:\n{body}。\n六镇镇2023年政府工作报告\n{body}\n(五)以人为本"
        );
        let l = lines(&text);
        let r = split(&l, &l);
        assert_eq!(r.len(), 2);
        assert!(r[0].body.starts_with("横沥镇2023年政府工作报告\n各位代表"));
        assert!(r[0].complete);
        assert!(r[1].body.starts_with("六镇镇"));
        assert!(!r[1].complete, "a text ending mid-heading is cut off");
    }

    #[test]
    fn headings_are_not_titles() {
        assert!(!is_title_line("一、2024年工作总结"));
        assert!(is_title_line("甘霖镇2024年工作总结和2025年工作思路"));
        assert!(!is_title_line("横沥镇2023年政府工作报告 2"));
        assert!(!is_title_line("2025年工作计划"), "an unnumbered top heading is not a title");
        assert!(is_title_line("２０２４年湖鎮鎮政府工作報告"), "full-width and traditional titles");
    }
}
