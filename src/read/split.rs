//! Compilations: a file may hold several reports, often after a table of contents that lists more
//! titles than the texts present. Each report starts at its title line; a table of contents is
//! not a report.

use crate::model::{ReportKind, TermCount};
use crate::read::shape::ParseLine;
use crate::text::fold::fold_str;
use crate::text::index::at_most_chars;
use crate::text::is_han;
use regex::Regex;
use std::sync::OnceLock;

/// One report's text as it stands in its file.
#[derive(Debug, Clone)]
pub struct RawReport {
    /// Position of the report inside its file, 0-based.
    pub index: usize,
    /// The cleaned text: one line per paragraph.
    pub body: String,
    /// `body` as the parsers read it: folded, one character for one character, with glosses and
    /// letter spacing left out.
    pub folded: String,
    /// Where each character of `folded` stands in `body`, when characters were left out; `None`
    /// when `folded` is `body` folded one for one.
    pub stored: Option<Vec<u32>>,
    /// False when the text is cut off.
    pub complete: bool,
    /// The page's own title, when one stands over the report's start (folded).
    pub page_title: Option<String>,
    /// What the text is, and the test that said so (set by the genre).
    pub kind: ReportKind,
    pub kind_reason: String,
    /// The shipped policy terms the text uses (counted by the genre's pass over it).
    pub term_counts: Vec<TermCount>,
}

/// Fewest characters of text under a title for it to count as a report of its own.
const MIN_REPORT_CHARS: usize = 300;

struct Patterns {
    /// A report title: the document types this loader reads.
    title: Regex,
    /// A table-of-contents entry: a title followed by a page number.
    toc_entry: Regex,
    /// The address that opens a speech.
    address: Regex,
    /// Someone delivering a report ("镇长作政府工作报告", "副镇长作关于…的报告"): a line of a
    /// news item telling of a session (a caption, a line of its programme), not a title. (The
    /// 作 of 工作 is no delivery.)
    delivers: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        title: Regex::new(
            r"(政府工作报告|工作报告|工作总结|工作思路|工作计划|工作要点|工作安排|工作打算|工作回顾|工作情况|工作谋划|情况的?报告)",
        )
            .expect("title regex"),
        toc_entry: Regex::new(r"\s\d{1,4}$").expect("toc regex"),
        address: Regex::new(r"^(各位代表|各位委员|同志们)").expect("address regex"),
        delivers: Regex::new(r"(?:^|[^工])作了?(?:关于|《|“|政府|人大|工作)").expect("delivery regex"),
    })
}

/// Whether a line is a report's title, in any width or script (a traditional repost's
/// "政府工作報告" is a title too).
pub fn is_title_line(line: &str) -> bool {
    let folded = fold_str(line);
    is_folded_title_line(&folded)
}

/// How many lines a text's title takes: none when its first line is no title, two when the title
/// stops on a joining word and goes on in the next line ("某镇2010年工作总结及" over "2011年工作计划":
/// a title broken where a page's width ran out), else one.
pub fn title_lines(lines: &[&str]) -> usize {
    match lines {
        [first, ..] if !is_title_line(first) => 0,
        [first, next, ..] if first.trim_end().ends_with(TITLE_JOINS) && !next.trim().is_empty() => 2,
        [_, ..] => 1,
        [] => 0,
    }
}

/// Words of an interpretation's title: a page's link to one stands under the title it explains.
const INTERPRETATION_WORDS: [&str; 3] = ["解读", "一图读懂", "图解"];

/// The words a title line may stop on with its words going on in the next line.
const TITLE_JOINS: [char; 5] = ['及', '暨', '和', '与', '、'];

/// [`is_title_line`] for a line already folded.
fn is_folded_title_line(line: &str) -> bool {
    let p = patterns();
    !at_most_chars(line, 5)
        && at_most_chars(line, 60)
        && p.title.is_match(line)
        // A bare "2025年工作计划" is a heading; a title names its town or government.
        && (line.contains("报告")
            || crate::model::TOWNSHIP_ENDINGS.iter().chain(&["政府", "办事处"]).any(|w| line.contains(w)))
        && !p.toc_entry.is_match(line)
        // A line opening with a heading marker (一、 (一) 1. ...) is a heading, not a title.
        && crate::text::markers::marker_of(line).is_none()
        && !line.ends_with('。')
        && !line.ends_with(':')
        && !line.ends_with('：')
        && !line.contains("汇编")
        && !p.delivers.is_match(line)
}

/// Splits a page's lines into reports. `folded` holds the same lines folded for parsing: lines are
/// recognised on their folded form and kept as written.
pub fn split(lines: &[String], parsed: &[ParseLine]) -> Vec<RawReport> {
    let p = patterns();
    // The two lists are one for one; a caller that broke that loses the unmatched tail, never panics.
    let n = lines.len().min(parsed.len());
    let (lines, parsed) = (&lines[..n], &parsed[..n]);
    let folded: Vec<&str> = parsed.iter().map(|l| l.text.as_str()).collect();
    let mut titles: Vec<usize> = Vec::new();
    for i in (0..n).filter(|&i| is_folded_title_line(folded[i])) {
        // A title-like line a speech opens on ("2023年政府工作回顾" under "各位代表:" and a sentence
        // or two) is the speech's first heading, not a report of its own.
        let in_speech = titles.last().is_some_and(|&t| {
            let between = &folded[t + 1..i];
            between.iter().any(|l| p.address.is_match(l))
                && between.iter().map(|l| l.chars().count()).sum::<usize>() < MIN_REPORT_CHARS
        });
        // A link to the report's interpretation right under its title ("一图读懂:…政策解读", on
        // a government site's page of the document) is no report of its own.
        let interprets_the_last =
            titles.last() == Some(&(i.wrapping_sub(1))) && INTERPRETATION_WORDS.iter().any(|w| folded[i].contains(w));
        if !in_speech && !interprets_the_last {
            titles.push(i);
        }
    }
    let mut starts: Vec<usize> = Vec::new();
    for (k, &t) in titles.iter().enumerate() {
        let next = titles.get(k + 1).copied().unwrap_or(lines.len());
        let chars: usize = lines[t + 1..next].iter().map(|l| l.chars().count()).sum();
        if chars >= MIN_REPORT_CHARS {
            starts.push(t);
        }
    }
    if starts.is_empty() {
        // A short text under its title (or titles) is still one document: it starts at the last.
        starts.extend(titles.last());
    }
    if starts.is_empty() {
        // No title: the text starts at the address, else at the headline over the first
        // paragraph, else at its first line. What it is, is for the genre to say.
        let address = folded.iter().position(|l| p.address.is_match(l));
        let paragraph = folded.iter().position(|l| l.chars().count() >= 60);
        // The headline, headings and short lead sentences right over the first paragraph belong
        // to the text; a line of digits, letters or links above them does not.
        let headed =
            paragraph.map(|i| (0..i).rev().take(6).take_while(|&j| is_text_line(folded[j])).last().unwrap_or(i));
        // A speech's header over its address (its meeting, date and speaker) is the speech's.
        let address = address.map(|a| speech_header_over(&folded, a));
        match address.or(headed).or((!folded.is_empty()).then_some(0)) {
            Some(i) => starts.push(i),
            None => return Vec::new(),
        }
    }
    let mut reports = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let text = &lines[s..end];
        let complete = is_complete(&folded[s..end]);
        let page_title = page_title_before(&folded, s, starts.get(k.wrapping_sub(1)).copied());
        let (folded, stored) = joined(&parsed[s..end], text);
        reports.push(RawReport {
            index: k,
            body: text.join("\n"),
            folded,
            stored,
            complete,
            page_title,
            kind: ReportKind::Other,
            kind_reason: String::new(),
            term_counts: Vec::new(),
        });
    }
    reports
}

/// The page's own title over a report: a title line standing a few lines before the report's
/// start with no text of its own ("(某县)2024年某镇政府工作报告(全文)" over a bare "政府工作报告").
fn page_title_before(folded: &[&str], start: usize, previous: Option<usize>) -> Option<String> {
    let from = previous.map_or(0, |p| p + 1).max(start.saturating_sub(3));
    (from..start).rev().map(|i| folded[i]).find(|l| is_folded_title_line(l)).map(str::to_string)
}

/// The parse lines of one report joined as its body's lines are, with the map of every parse
/// character to its body character when any line left characters out.
fn joined(parsed: &[ParseLine], lines: &[String]) -> (String, Option<Vec<u32>>) {
    let text = parsed.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    if parsed.iter().all(|l| l.stored.is_none()) {
        return (text, None);
    }
    let mut stored = Vec::with_capacity(text.len());
    let mut base = 0u32;
    for (k, (p, line)) in parsed.iter().zip(lines).enumerate() {
        if k > 0 {
            stored.push(base - 1); // the line break before this line
        }
        match &p.stored {
            Some(at) => stored.extend(at.iter().map(|i| base + i)),
            None => stored.extend((0..p.text.chars().count() as u32).map(|i| base + i)),
        }
        base += line.chars().count() as u32 + 1;
    }
    (text, Some(stored))
}

/// Where a speech without a title starts, given its address at `address`: at the header lines
/// right over the address ("——2023年3月9日在某镇第五届人民代表大会第二次会议上", "(2023年3月9日)",
/// "镇长 某某"), up to the topmost that is its meeting or its date; a name alone or a line of
/// the page above them is not the speech's. At the address when no meeting line stands there.
fn speech_header_over(folded: &[&str], address: usize) -> usize {
    let mut top = address;
    let mut has_meeting = false;
    for j in (address.saturating_sub(HEADER_OVER_ADDRESS)..address).rev() {
        let line = folded[j].trim();
        let n = line.chars().count();
        let meeting = line.contains("会议上") && n <= 60;
        let date = n <= 20 && line.contains('年') && line.contains('日') && line.contains(|c: char| c.is_ascii_digit());
        let name = n <= 20 && line.chars().all(|c| is_han(c) || c.is_whitespace() || c == '、');
        if !(meeting || date || name) {
            break;
        }
        has_meeting |= meeting;
        if meeting || date {
            top = j;
        }
    }
    if has_meeting {
        top
    } else {
        address
    }
}

/// How many lines over a speech's address may be its header.
const HEADER_OVER_ADDRESS: usize = 4;

/// A line of words: a headline, a heading or a sentence, not a label, a menu or a row of digits.
fn is_text_line(line: &str) -> bool {
    let n = line.chars().filter(|c| !c.is_whitespace()).count();
    let han = line.chars().filter(|&c| is_han(c)).count();
    n >= 6 && han * 2 >= n && !line.ends_with([':', '：']) && !line.contains(['|', '>'])
}

/// Whether a speech's last lines hold its closing appeal ("让我们…奋斗!", "谢谢").
pub fn closes_speech(text: &str) -> bool {
    text.lines().rev().take(3).any(|l| {
        let l = l.trim_end();
        l.ends_with(['!', '！']) || ["让我们", "奋斗", "努力", "谢谢", "再创", "开创"].iter().any(|w| l.contains(w))
    })
}

/// A report is cut off when its last line neither ends a sentence nor closes the speech, or when
/// its text lost characters on the way (U+FFFD where a character was cut).
fn is_complete(lines: &[&str]) -> bool {
    let Some(last) = lines.last() else { return false };
    if lines.iter().rev().take(3).any(|l| l.contains('\u{FFFD}')) {
        return false;
    }
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

    fn parsed(lines: &[String]) -> Vec<ParseLine> {
        use crate::read::shape::parse_line;
        lines.iter().map(|l| parse_line(&fold_str(l))).collect()
    }

    /// A speech saved without its title keeps the header over its address (meeting, date,
    /// speaker), not the page's lines above it.
    #[test]
    fn an_untitled_speech_keeps_its_header() {
        let body =
            "现在,我代表镇人民政府向大会报告工作,请予审议。一年来,全镇经济社会各项事业稳步发展,群众生活持续改善。";
        let text =
            format!("某某网\n工作动态\n——2024年1月9日在青石镇第五届人民代表大会第二次会议上\n马 玉\n各位代表:\n{body}");
        let l = lines(&text);
        let r = split(&l, &parsed(&l));
        assert!(r[0].body.starts_with("——2024年1月9日在青石镇"), "{}", r[0].body);
        // Without a meeting line, the text starts at the address as before.
        let text = format!("某某网\n工作动态\n马 玉\n各位代表:\n{body}");
        let l = lines(&text);
        assert!(split(&l, &parsed(&l))[0].body.starts_with("各位代表"));
    }

    /// A speech's first heading that reads like a title ("2023年政府工作回顾") stays in the speech.
    #[test]
    fn a_speech_opening_on_a_titled_heading_is_one_report() {
        let review = "一年来,全镇规上工业产值达到74.23亿元,同比增长23.75%。".repeat(20);
        let l = lines(&format!(
            "青石镇2023年政府工作报告\n镇长 马玉\n各位代表:\n现在,我代表镇人民政府向大会报告工作。\n2023年政府工作回顾\n{review}"
        ));
        let reports = split(&l, &parsed(&l));
        assert_eq!(reports.len(), 1);
        assert!(reports[0].body.starts_with("青石镇2023年政府工作报告\n"), "{}", &reports[0].body[..60]);
        // Two reports of a compilation, each with its address, stay two.
        let l = lines(&format!(
            "青石镇2023年政府工作报告\n各位代表:\n{review}\n白鹭湾镇2023年政府工作报告\n各位代表:\n{review}"
        ));
        assert_eq!(split(&l, &parsed(&l)).len(), 2);
    }

    #[test]
    fn toc_entries_and_compilation_titles_are_not_reports() {
        let body = "正文".repeat(200);
        let text = format!(
            "2023年政府工作报告汇编(19篇)\n横沥镇2023年政府工作报告 2\n2.六镇镇2023年政府工作报告 31\n\
             横沥镇2023年政府工作报告\n各位代表:\n{body}。\n六镇镇2023年政府工作报告\n{body}\n(五)以人为本"
        );
        let l = lines(&text);
        let r = split(&l, &parsed(&l));
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

    #[test]
    fn a_link_to_the_interpretation_under_a_title_starts_no_report() {
        let body = "一年来,全镇经济平稳运行,各项事业取得新进展。".repeat(20);
        let text =
            format!("白鹭湾镇2024年政府工作报告\n一图读懂:白鹭湾镇2024年政府工作报告的政策解读\n各位代表:\n{body}");
        let l = lines(&text);
        let r = split(&l, &parsed(&l));
        assert_eq!(r.len(), 1);
        assert!(r[0].body.starts_with("白鹭湾镇2024年政府工作报告\n"), "{}", &r[0].body[..60]);
    }

    #[test]
    fn a_line_telling_who_delivered_a_report_is_no_title() {
        // The programme of a session in a news item: each line tells who delivered which report.
        assert!(!is_title_line("镇党委副书记、镇长作《2023年政府工作报告》"));
        assert!(!is_title_line("副镇长作关于2023年度十件民生实事办理情况的报告"));
        assert!(!is_title_line("镇人大主席作人大主席团工作报告"));
        assert!(is_title_line("关于2023年度十件民生实事办理情况的报告"), "the report's own title");
        assert!(is_title_line("青石镇2023年政府工作报告"), "the 作 of 工作 is no delivery");
    }
}
