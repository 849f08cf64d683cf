//! Project names: names ending in a project word, enumerated names, their lead words trimmed, and
//! the generic names that are no project.

#[allow(unused_imports)]
use super::*;

pub(super) fn ends_with_at(chars: &[char], end: usize, word: &[char]) -> bool {
    end >= word.len() && starts_with_at(chars, end - word.len(), word)
}

/// Whether `word` stands at `pos`. Called for nearly every character against whole term lists, and
/// most tries fail at the first character: compared character by character, a failed try costs
/// one comparison, where a slice comparison calls memcmp.
pub(super) fn starts_with_at(chars: &[char], pos: usize, word: &[char]) -> bool {
    chars.get(pos..).is_some_and(|rest| rest.len() >= word.len() && rest.iter().zip(word).all(|(a, b)| a == b))
}

/// The status words, for one-pass search.
pub(super) fn status_words() -> &'static WordList {
    static WORDS: OnceLock<WordList> = OnceLock::new();
    WORDS.get_or_init(|| WordList::new(&project_words().status_words))
}

/// Whether a clause says something is being built or has a status (so a weak suffix names a project).
pub(super) fn has_status_word(clause: &str) -> bool {
    status_words().any_in(clause)
}

/// Names ending in a project word inside one clause.
pub(super) fn named_in_clause(chars: &Chars, cs: usize, ce: usize) -> Vec<Candidate> {
    let t = project_words();
    let mut out = Vec::new();
    let mut i = cs;
    while i < ce {
        if !t.suffix_starts.contains(chars[i]) {
            i += 1;
            continue;
        }
        let strong = t.strong_chars.at(chars, i);
        let weak = t.weak_chars.at(chars, i);
        let (suffix, is_strong) = match (strong, weak) {
            (Some(s), _) => (s, true),
            (None, Some(w)) => (w, false),
            (None, None) => {
                i += 1;
                continue;
            }
        };
        let mut end = i + suffix.len();
        if !is_strong && !has_status_word(chars.str(cs, ce)) {
            i = end;
            continue;
        }
        if let Some(ph) = t.phase_chars.at(chars, end) {
            end += ph.len();
        }
        // "...项目工程": the longer word ends the name.
        if let Some(s) = t.strong_chars.at(chars, end) {
            end += s.len();
        }
        if end > ce {
            break;
        }
        if let Some(f) = name_ending_at(chars, cs, end) {
            out.push(f);
        }
        i = end;
    }
    out
}

/// The name that ends at `end`, reading back to the start of its phrase inside the clause.
pub(super) fn name_ending_at(chars: &Chars, cs: usize, end: usize) -> Option<Candidate> {
    // A name does not run across an enumeration comma, 等 (which closes an enumeration) or 的
    // (which closes a description: "总投资3.1亿元的划船塘光伏发电项目").
    // 及/和 join two names when a project word stands before them ("...提升工程及职工宿舍项目").
    let t = project_words();
    let mut start = end;
    while start > cs && !matches!(chars[start - 1], '、' | '等' | '的') {
        if matches!(chars[start - 1], '及' | '和' | '与')
            && t.strong_chars.words.iter().chain(&t.weak_chars.words).any(|s| ends_with_at(chars, start - 1, s))
        {
            break;
        }
        start -= 1;
    }
    // What follows 等 names the kind of the items before it, not a project.
    if start > cs && chars[start - 1] == '等' {
        return None;
    }
    // A name in quotes starts at its opening quote.
    if let Some(q) = (start..end).rev().find(|&k| chars[k] == '“') {
        if !chars[q..end].contains(&'”') {
            start = q + 1;
        }
    }
    let mut start = strip_lead(chars, start, end);
    // A verb inside the run starts the name after it; a category after it means no project at all
    // ("小微园完成签约项目").
    for k in (start + 1..end).rev() {
        let Some(v) = t.inner_verb_chars.at(chars, k) else { continue };
        let raw = chars.str(k + v.len(), end);
        if is_generic(raw) {
            if t.strong_suffixes.iter().any(|s| s == raw) {
                continue;
            }
            return None;
        }
        let after = strip_lead(chars, k + v.len(), end);
        if end - after >= 6 {
            start = after;
            break;
        }
    }
    let name = chars.str(start, end);
    let bare_suffix = t
        .strong_suffixes
        .iter()
        .chain(&t.weak_suffixes)
        .any(|s| name.ends_with(s.as_str()) && name.chars().count() < s.chars().count() + 2);
    let starts_with_suffix = t.strong_suffixes.iter().any(|s| name.starts_with(s.as_str()));
    (!bare_suffix && !starts_with_suffix && !is_generic(name) && name.chars().count() <= 40).then(|| Candidate {
        name: name.to_string(),
        start,
        end,
        named: true,
    })
}

/// Items of an enumeration closed by a project category: "A、B、C等8个项目" → A, B, C.
pub(super) fn enumerated_in_clause(chars: &Chars, cs: usize, ce: usize) -> Vec<Candidate> {
    static CLOSER: OnceLock<Regex> = OnceLock::new();
    let closer = CLOSER.get_or_init(|| Regex::new(r"^等[^、等]{0,14}?(项目|工程)").expect("valid regex"));
    let mut out = Vec::new();
    for i in cs..ce {
        if chars[i] != '等' {
            continue;
        }
        let rest = chars.str(i, ce);
        let Some(m) = closer.find(rest) else { continue };
        let tail = &m.as_str()['等'.len_utf8()..];
        if !is_generic(tail) {
            continue;
        }
        // Items run back from 等 over enumeration commas to the start of the clause.
        let mut item_end = i;
        let mut j = i;
        while j > cs {
            j -= 1;
            if chars[j] == '、' || j == cs {
                let item_start = if chars[j] == '、' { j + 1 } else { j };
                let s = strip_lead(chars, item_start, item_end);
                let name = chars.str(s, item_end);
                let n = name.chars().count();
                if (2..=30).contains(&n) && !is_generic(name) && !name.chars().any(|c| c.is_ascii_digit()) {
                    out.push(Candidate { name: name.to_string(), start: s, end: item_end, named: false });
                }
                item_end = j;
            }
        }
    }
    out
}

/// Drops verbs, adverbs and an investment phrase from the front of a name.
pub(super) fn strip_lead(chars: &Chars, mut start: usize, end: usize) -> usize {
    static AMOUNT: OnceLock<Regex> = OnceLock::new();
    let amount = AMOUNT.get_or_init(|| {
        Regex::new(
            r"^((总投资|工程投资|投资|投入)?(约|近|超|达|超过)?([0-9.]+(万|亿)?(至|到|-|~))?[0-9.]+(余)?(万|亿|千万)?元(以上|以下)?|[0-9.]+[条座处所])",
        )
            .expect("valid regex")
    });
    let t = project_words();
    loop {
        let before = start;
        if let Some(w) = t.lead_chars.at(chars, start) {
            let n = w.len();
            // Keep at least two characters of name.
            if start + n + 2 <= end {
                start += n;
            }
        }
        let rest = chars.str(start, end);
        if let Some(m) = amount.find(rest) {
            let n = m.as_str().chars().count();
            if n > 0 && start + n + 2 <= end {
                start += n;
            }
        }
        if start == before {
            return start;
        }
    }
}

/// A name made only of category words, counts and quotes ("重点项目", "8个项目", "“八大百亿”项目").
pub(super) fn is_generic(name: &str) -> bool {
    static COUNTED: OnceLock<Regex> = OnceLock::new();
    // "3个子项目", "19个入库项目": a count of projects.
    let counted = COUNTED.get_or_init(|| Regex::new(r"[0-9一二三四五六七八九十两]+[个项批]").expect("valid regex"));
    if counted.is_match(name) {
        return true;
    }
    if name.starts_with('“') && name.contains("”项目") && name.chars().count() <= 10 {
        return true;
    }
    let quote_or_paren = |c: char| matches!(c, '“' | '”' | '"' | '(' | ')');
    let stripped: std::borrow::Cow<str> = if name.contains(quote_or_paren) {
        name.chars().filter(|&c| !quote_or_paren(c)).collect::<String>().into()
    } else {
        name.into()
    };
    // Every candidate name is checked against every generic and lead word: one automaton pass
    // drops them all (longest match first), instead of one search and one copy per word.
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let t = project_words();
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(t.generic_words.iter().chain(&t.lead_words))
            .expect("the term lists build an automaton")
    });
    // What is left once the words are dropped, without digits and counts, must be under two
    // characters: counted between the matches, stopping at the second.
    let counts = |c: &char| !c.is_ascii_digit() && !"一二三四五六七八九十百千万个项批.".contains(*c);
    let mut left = 0;
    let mut from = 0;
    for m in
        words.find_iter(stripped.as_ref()).map(|m| m.range()).chain(std::iter::once(stripped.len()..stripped.len()))
    {
        left += stripped[from..m.start].chars().filter(counts).count();
        if left >= 2 {
            return false;
        }
        from = m.end;
    }
    true
}
