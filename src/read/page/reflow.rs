//! A page that lost its line breaks (a whole report saved on one line) broken back into
//! paragraphs: a very long line, a shorter one copied out of a paged document, whose printed
//! lines' ends are left as spaces inside its sentences, or one whose paragraphs were run together
//! with a space between them, a heading among them.

use regex::Regex;
use std::sync::OnceLock;

/// Lines longer than this are a page that lost its line breaks, not one paragraph.
const LONG_LINE_CHARS: usize = 5000;

/// A line at least this long may be a paged document's text run together...
const PAGED_LINE_CHARS: usize = 300;

/// ...when it holds at least one space inside a sentence (not after a sentence's or a clause's
/// end) per this many characters: where each printed line ended. A paragraph of a web page has
/// next to none (a space after a heading or a figure); a document's lines are 30 to 40
/// characters long.
const PAGED_CHARS_PER_BREAK: usize = 50;

struct Breaks {
    /// A sentence end followed by white space, the trace of a lost paragraph break.
    after_sentence: Regex,
    /// Two or more spaces in a row: the indentation that opened a paragraph.
    indent: Regex,
    /// A sentence end directly followed by a heading marker (一、 （二）).
    before_heading: Regex,
    /// The opening address.
    after_address: Regex,
    /// A heading marker (一、 （二）) after white space, in a paged document's text.
    spaced_heading: Regex,
    /// A sentence end, white space, then a heading marker: paragraphs run together on one line.
    joined_heading: Regex,
}

/// A top-level or second-level heading marker (一、 （二）), the one every break before a heading finds.
const HEADING_MARKER: &str = r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]";

fn breaks() -> &'static Breaks {
    static B: OnceLock<Breaks> = OnceLock::new();
    let re = |pattern: String| Regex::new(&pattern).expect("break regex");
    B.get_or_init(|| Breaks {
        after_sentence: re(r"([。！？!?])\s+".to_string()),
        indent: re(r"\s{2,}".to_string()),
        before_heading: re(format!(r"([。！？；;])({HEADING_MARKER})")),
        after_address: re(r"\s*(各位代表[:：])\s*".to_string()),
        spaced_heading: re(format!(r"\s+({HEADING_MARKER})")),
        joined_heading: re(format!(r"[。！？；!?;]\s+(?:{HEADING_MARKER})")),
    })
}

/// Whether any line is a page that lost its line breaks.
pub(super) fn needs_reflow(lines: &[String]) -> bool {
    lines.iter().any(|l| lost_breaks(l).is_some())
}

/// How a line lost its line breaks, if it did: a very long line, a paged document's text, or
/// paragraphs run together with a space between them, a heading among them.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Lost {
    Long,
    Paged,
    Joined,
}

fn lost_breaks(line: &str) -> Option<Lost> {
    // A byte count bounds the characters from above: most lines are out at once.
    if line.len() < PAGED_LINE_CHARS {
        return None;
    }
    if line.len() >= LONG_LINE_CHARS && line.chars().count() >= LONG_LINE_CHARS {
        return Some(Lost::Long);
    }
    // The spaces inside sentences are among the line's spaces, counted first by vectorised
    // searches of its bytes (a character is at most four bytes): most lines hold too few to be
    // asked again character by character.
    let gaps = gaps_in(line);
    if gaps == 0 {
        return None;
    }
    if gaps * PAGED_CHARS_PER_BREAK * 4 >= line.len() {
        let chars = line.chars().count();
        if chars >= PAGED_LINE_CHARS
            && gaps * PAGED_CHARS_PER_BREAK >= chars
            && inner_spaces(line) * PAGED_CHARS_PER_BREAK >= chars
        {
            return Some(Lost::Paged);
        }
    }
    // A heading never opens in the middle of a paragraph: one after a sentence's end and a space
    // is where a paragraph began before the page ran them together (a web page's own paragraph
    // may leave a space after its sentences, but a heading marker starts a line).
    breaks().joined_heading.is_match(line).then_some(Lost::Joined)
}

/// The white space a printed line's end leaves: a space, a tab, an ideographic or a no-break space.
const GAPS: [char; 4] = [' ', '\t', '\u{3000}', '\u{a0}'];

fn is_gap(c: char) -> bool {
    GAPS.contains(&c)
}

/// How many [`GAPS`] a line holds, each searched for over the line's bytes.
fn gaps_in(line: &str) -> usize {
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        GAPS.iter().map(|c| memchr::memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned()).collect()
    });
    finders.iter().map(|f| f.find_iter(line.as_bytes()).count()).sum()
}

/// The runs of white space inside a line's sentences: between two characters, the first not a
/// sentence's or a clause's end (where a page's own paragraphs or an inline heading leave one).
fn inner_spaces(line: &str) -> usize {
    let mut count = 0;
    let mut prev: Option<char> = None;
    let mut in_space = false;
    for c in line.trim().chars() {
        if is_gap(c) {
            in_space = true;
            continue;
        }
        if in_space {
            if !prev.is_some_and(|p| "。！？!?；;：:，,、".contains(p)) {
                count += 1;
            }
            in_space = false;
        }
        prev = Some(c);
    }
    count
}

/// Breaks the lines that lost their line breaks back into paragraphs, and keeps the others: a
/// whole report saved on one line still gets its title line first and one paragraph a line. Each
/// pass is linear in the line's length.
pub fn reflow(lines: Vec<String>) -> Vec<String> {
    let b = breaks();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let Some(lost) = lost_breaks(&line) else {
            out.push(line);
            continue;
        };
        let mut text = line;
        // The title stands before the first white space when it reads as one.
        if let Some(p) = text.find(char::is_whitespace) {
            if crate::read::split::is_title_line(text[..p].trim()) {
                text.insert(p, '\n');
            }
        }
        let text = b.after_sentence.replace_all(&text, "$1\n");
        let text = b.indent.replace_all(&text, "\n");
        let text = b.before_heading.replace_all(&text, "$1\n$2");
        let text = b.after_address.replace_all(&text, "\n$1\n");
        // In a paged document a heading stood on a printed line of its own: the space before it
        // was that line's end.
        // So did a heading in paragraphs run together.
        let text = match lost {
            Lost::Paged | Lost::Joined => b.spaced_heading.replace_all(&text, "\n$1"),
            Lost::Long => text,
        };
        out.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string));
    }
    out
}
