//! Enumerations closed by a category: "A、B、C等8个项目" names A, B and C; "A、B等三大综合体" names A
//! and B, which share the facility word.

#[allow(unused_imports)]
use super::*;

/// Items of an enumeration closed by a project category: "A、B、C等8个项目" → A, B, C; or by a
/// count of facilities sharing their head: "A、B等三大综合体" → A, B.
pub(super) fn enumerated_in_clause(chars: &Chars, cs: usize, ce: usize) -> Vec<Candidate> {
    static COUNT: OnceLock<Regex> = OnceLock::new();
    let count = COUNT.get_or_init(|| Regex::new(r"^[0-9一二三四五六七八九十两]*(个|大|座|处)?").expect("valid regex"));
    let mut out = Vec::new();
    let marks = chars[cs..ce].iter().enumerate().filter(|&(_, &c)| c == '等').map(|(k, _)| cs + k);
    for i in marks {
        let Some(end) = category_after(chars, i, ce) else { continue };
        let tail = chars.str(i + 1, end);
        // "等开展招商引资和项目建设": a verb after 等 starts an action, not a category of projects.
        if opens_with_verb(tail) {
            continue;
        }
        // Before a facility word, a count and only kind words after it ("三大综合体", not "9个村…
        // 照料中心"; "脐橙、油茶等产业基地" counts nothing: the items are trades).
        let kind = |head: &str| {
            let counted = count.find(head).map_or(0, |m| m.end());
            let rest = &head[counted..];
            counted > 0 && (rest.is_empty() || only_kind_words(rest))
        };
        let facility = project_words().weak_suffixes.iter().find_map(|w| tail.strip_suffix(w.as_str()));
        if !facility.map_or_else(|| is_generic(tail), kind) {
            continue;
        }
        let rule = if facility.is_some() { "shared_head" } else { "enumerated" };
        // Items run back from 等 over enumeration commas (and the 以及 before a list's last item)
        // to the start of the clause.
        let mut item_end = i;
        let mut j = i;
        while j > cs {
            j -= 1;
            let joiner = match chars[j] {
                '、' => 1,
                '及' if j > cs && chars[j - 1] == '以' => 2,
                _ => 0,
            };
            if joiner > 0 || j == cs {
                let item_start = if joiner > 0 { j + 1 } else { j };
                let s = strip_lead(chars, item_start, item_end);
                let name = chars.str(s, item_end);
                let n = name.chars().count();
                if (2..=30).contains(&n) && !is_generic(name) && !name.chars().any(|c| c.is_ascii_digit()) {
                    out.push(Candidate { name: name.to_string(), start: s, end: item_end, named: false, rule });
                }
                item_end = j + 1 - joiner.max(1);
                if joiner == 2 {
                    j -= 1;
                }
            }
        }
    }
    out
}

/// Whether a text opens with a verb of two characters or more that names no kind of project
/// ("开展", "推进"; not "新建" of "等新建项目").
fn opens_with_verb(text: &str) -> bool {
    // (The verbs are chosen once, not at each 等.)
    static VERBS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let verbs = VERBS.get_or_init(|| {
        let t = project_words();
        t.inner_verbs
            .iter()
            .filter(|v| v.chars().count() >= 2 && !t.generic_words.contains(v))
            .map(String::as_str)
            .collect()
    });
    verbs.iter().any(|v| text.starts_with(v))
}

/// How many characters a category may run before its project word after 等.
pub(super) const CATEGORY_LEAD: usize = 14;

/// The end of the category that closes an enumeration at the 等 at `at` (a character before
/// `ce`, the clause's end): after 等, at most [`CATEGORY_LEAD`] characters that are neither 、 nor
/// 等, then a project word (a strong suffix, else a weak one: "等8个项目", "等三大综合体"). The
/// fewest characters are tried first, and at each place the words in list order.
pub(super) fn category_after(chars: &Chars, at: usize, ce: usize) -> Option<usize> {
    let t = project_words();
    // (Only the words that end inside the clause.)
    let clause = &chars[..ce];
    for pos in at + 1..=(at + 1 + CATEGORY_LEAD).min(ce) {
        if let Some(w) = t.strong_chars.at(clause, pos).or_else(|| t.weak_chars.at(clause, pos)) {
            return Some(pos + w.len());
        }
        if pos == ce || matches!(chars[pos], '、' | '等') {
            return None;
        }
    }
    None
}

/// Where a name starts when it shares its head with a bare place before it: "甲村、乙村糖料蔗基地
/// 项目" and "甲路、乙路城市道路提档升级" are one project each. `comma` is the enumeration comma
/// just before the name, which runs to `end`. The place before the comma is a name of up to six
/// characters, two or more before the place word it ends in (data/projects.toml `place_words`),
/// with the verbs before it trimmed; the name after the comma opens with a place ending in the
/// same word, and goes on for two characters or more.
pub(super) fn shared_place_start(chars: &Chars, cs: usize, comma: usize, end: usize) -> Option<usize> {
    const LONGEST: usize = 6;
    let t = project_words();
    let word = t.place_chars.iter().find(|w| ends_with_at(chars, comma, w))?;
    // The name after the comma: a place of two characters or more, ending in the same word, then
    // at least two characters of what is built there.
    let after = comma + 1;
    let opens = (after + 2..=after + LONGEST).any(|k| k + 2 <= end && ends_with_at(chars, k, word));
    if !opens {
        return None;
    }
    // The bare place: back from the comma over ideographs that join no list, then without the
    // verbs before it.
    let shortest = word.len() + 2;
    let mut start = comma;
    while start > cs && comma - start < LONGEST + 4 {
        let c = chars[start - 1];
        if !crate::text::is_han(c) || matches!(c, '和' | '与' | '及' | '等' | '的') {
            break;
        }
        start -= 1;
    }
    let start = strip_lead(chars, start, comma);
    (shortest..=LONGEST).contains(&(comma - start)).then_some(start)
}
