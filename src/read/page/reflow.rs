//! A page that lost its line breaks (a whole report saved on one line) broken back into
//! paragraphs.

use regex::Regex;
use std::sync::OnceLock;

/// Lines longer than this are a page that lost its line breaks, not one paragraph.
const LONG_LINE_CHARS: usize = 5000;

struct Breaks {
    /// A sentence end followed by white space, the trace of a lost paragraph break.
    after_sentence: Regex,
    /// Two or more spaces in a row: the indentation that opened a paragraph.
    indent: Regex,
    /// A sentence end directly followed by a heading marker (一、 （二）).
    before_heading: Regex,
    /// The opening address.
    after_address: Regex,
}

fn breaks() -> &'static Breaks {
    static B: OnceLock<Breaks> = OnceLock::new();
    B.get_or_init(|| Breaks {
        after_sentence: Regex::new(r"([。！？!?])\s+").expect("break regex"),
        indent: Regex::new(r"\s{2,}").expect("break regex"),
        before_heading: Regex::new(
            r"([。！？；;])([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])",
        )
        .expect("break regex"),
        after_address: Regex::new(r"\s*(各位代表[:：])\s*").expect("break regex"),
    })
}

/// Whether any line is long enough to be a page that lost its line breaks.
pub(super) fn needs_reflow(lines: &[String]) -> bool {
    lines.iter().any(|l| l.len() >= LONG_LINE_CHARS)
}

/// Breaks very long lines back into paragraphs: a whole report saved on one line still gets its
/// title line first and one paragraph a line. Each pass is linear in the line's length.
pub fn reflow(lines: Vec<String>) -> Vec<String> {
    if !needs_reflow(&lines) {
        return lines;
    }
    let b = breaks();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.chars().count() < LONG_LINE_CHARS {
            out.push(line);
            continue;
        }
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
        out.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string));
    }
    out
}
