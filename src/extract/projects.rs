//! Projects: named construction, investment and industrial projects, from every part of a report.
//!
//! Reports name a project in two ways, and both are read here:
//! - a name ending in a project word ("...综合管网项目", "...改建工程", "...生产基地"); words like
//!   中心 or 市场 also name offices and markets, so they count only beside a building or status word;
//! - an enumeration closed by a category ("沿江立面改造、江滩治理等8个项目"): each item is a project.
//!
//! The name is the project's own name: verbs, adverbs and an investment phrase in front of it are
//! dropped, and category names ("重点项目", "一批基础设施项目") are not projects. The investment is
//! taken from the same clause ("总投资约1500万元"), or from the sentence when it names one project.
//! The same project named twice in a report is one row: the first mention, with an investment from
//! a later one if the first gives none. Term lists are in data/projects.toml.

use super::{Chars, Context};
use crate::model::{Project, Span};
use crate::text::clauses::{ends, Stop};
use crate::text::words::WordList;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

const TERMS_TOML: &str = include_str!("../../data/projects.toml");

#[derive(Deserialize)]
struct Terms {
    strong_suffixes: Vec<String>,
    weak_suffixes: Vec<String>,
    phases: Vec<String>,
    lead_words: Vec<String>,
    generic_words: Vec<String>,
    inner_verbs: Vec<String>,
    status_words: Vec<String>,
    /// The first characters of the project suffixes: most characters start none, and the suffix
    /// search is skipped there.
    #[serde(skip)]
    suffix_starts: CharSet,
    /// The lists above as characters, in the same order: they are compared against the text at
    /// nearly every character, and a slice comparison does not decode the word each time.
    #[serde(skip)]
    strong_chars: Words,
    #[serde(skip)]
    weak_chars: Words,
    #[serde(skip)]
    phase_chars: Words,
    #[serde(skip)]
    lead_chars: Words,
    #[serde(skip)]
    inner_verb_chars: Words,
}

/// A set of characters asked about once per character of every report: a bit per character of the
/// Basic Multilingual Plane answers in one lookup; the rare character beyond it is looked up in a
/// list.
#[derive(Default)]
struct CharSet {
    bmp: Vec<u64>,
    beyond: Vec<char>,
}

impl CharSet {
    fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = CharSet { bmp: vec![0; 0x10000 / 64], beyond: Vec::new() };
        for c in chars {
            match set.bmp.get_mut(c as usize / 64) {
                Some(word) => *word |= 1 << (c as usize % 64),
                None => set.beyond.push(c),
            }
        }
        set
    }

    fn contains(&self, c: char) -> bool {
        match self.bmp.get(c as usize / 64) {
            Some(word) => word & (1 << (c as usize % 64)) != 0,
            None => self.beyond.contains(&c),
        }
    }
}

/// A term list as characters, with its words grouped by first character: at a place, only the
/// words that start with the character there are tried (in list order, so the first that stands
/// there is the one a walk over the whole list finds).
#[derive(Default)]
struct Words {
    words: Vec<Vec<char>>,
    /// (first character, indexes of the words starting with it, in list order), sorted.
    by_first: Vec<(char, Vec<usize>)>,
}

impl Words {
    fn new(list: &[String]) -> Self {
        let words: Vec<Vec<char>> = list.iter().map(|w| w.chars().collect()).collect();
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let Some(&c) = w.first() else { continue };
            match by_first.iter_mut().find(|(f, _)| *f == c) {
                Some((_, ix)) => ix.push(i),
                None => by_first.push((c, vec![i])),
            }
        }
        by_first.sort_unstable_by_key(|(c, _)| *c);
        Words { words, by_first }
    }

    /// The first word of the list standing at `pos`.
    fn at(&self, chars: &[char], pos: usize) -> Option<&[char]> {
        let first = chars.get(pos)?;
        let k = self.by_first.binary_search_by_key(first, |(c, _)| *c).ok()?;
        self.by_first[k].1.iter().map(|&i| self.words[i].as_slice()).find(|w| starts_with_at(chars, pos, w))
    }
}

fn terms() -> &'static Terms {
    static TERMS: OnceLock<Terms> = OnceLock::new();
    TERMS.get_or_init(|| {
        // Compiled in; a defect is caught by the unit test `shipped_terms_parse`.
        let mut t: Terms = toml::from_str(TERMS_TOML).expect("data/projects.toml is valid");
        // Longest first, so that "加快推进" is tried before "加快".
        for list in
            [&mut t.strong_suffixes, &mut t.weak_suffixes, &mut t.phases, &mut t.lead_words, &mut t.status_words]
        {
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        t.generic_words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        t.suffix_starts =
            CharSet::new(t.strong_suffixes.iter().chain(&t.weak_suffixes).filter_map(|w| w.chars().next()));
        t.strong_chars = Words::new(&t.strong_suffixes);
        t.weak_chars = Words::new(&t.weak_suffixes);
        t.phase_chars = Words::new(&t.phases);
        t.lead_chars = Words::new(&t.lead_words);
        t.inner_verb_chars = Words::new(&t.inner_verbs);
        t
    })
}

/// Characters that end a clause.
fn is_clause_end(c: char) -> bool {
    ends(c, Stop::Clause)
}

fn is_sentence_end(c: char) -> bool {
    ends(c, Stop::Semicolon)
}

/// A project found in the text before names are merged.
#[derive(Debug, Clone)]
struct Found {
    name: String,
    /// Characters of the name in the body.
    start: usize,
    end: usize,
    /// A suffix match, rather than an item of an enumeration (whose clause investment is the group's).
    named: bool,
}

pub fn extract(ctx: &Context) -> Vec<Project> {
    extract_in(ctx, &Chars::new(&ctx.folded.text))
}

/// [`extract`] with the text already split into characters.
pub(crate) fn extract_in(ctx: &Context, chars: &Chars) -> Vec<Project> {
    let mut found = Vec::new();
    for (s, e) in spans_where(chars, is_clause_end) {
        found.extend(named_in_clause(chars, s, e));
        found.extend(enumerated_in_clause(chars, s, e));
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    // A name found both ways, or nested in a longer one found at the same place, is one project.
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        if kept.iter().any(|k| k.start <= f.start && f.end <= k.end) {
            continue;
        }
        kept.retain(|k| !(f.start <= k.start && k.end <= f.end));
        kept.push(f);
    }
    let mut out: Vec<Project> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for f in &kept {
        let (sent_s, sent_e) = enclosing(chars, f.start, is_sentence_end);
        let (cl_s, cl_e) = enclosing(chars, f.start, is_clause_end);
        let in_sentence = kept.iter().filter(|k| k.start >= sent_s && k.end <= sent_e).count();
        let investment = investment_near(chars, f, (cl_s, cl_e), (sent_s, sent_e), in_sentence);
        let status = status_near(chars, f, cl_s, cl_e);
        let key = same_project_key(&f.name);
        if let Some(i) = keys.iter().position(|k| same_project(k, &key)) {
            if out[i].investment.is_none() {
                if let Some(inv) = investment {
                    set_investment(&mut out[i], inv);
                }
            }
            continue;
        }
        let mut p = Project {
            rule: if f.named { "named" } else { "enumerated" },
            section: ctx.section_at(f.start),
            name: f.name.clone(),
            status,
            investment: None,
            investment_unit: None,
            investment_yuan: None,
            span: Span::new(f.start, f.end),
            quote: String::new(),
        };
        if let Some(inv) = investment {
            set_investment(&mut p, inv);
        }
        keys.push(key);
        out.push(p);
    }
    out
}

/// An investment amount as written.
#[derive(Debug, Clone, PartialEq)]
struct Amount {
    value: f64,
    unit: String,
    yuan: Option<f64>,
}

fn set_investment(p: &mut Project, a: Amount) {
    p.investment = Some(a.value);
    p.investment_unit = Some(a.unit);
    p.investment_yuan = a.yuan;
}

/// Two mentions name one project when they are equal once the project word at the end is dropped.
fn same_project_key(name: &str) -> String {
    let mut n: String = name.chars().filter(|c| !matches!(c, '“' | '”' | '"' | '(' | ')')).collect();
    for suffix in ["建设项目", "项目", "建设"] {
        if let Some(stripped) = n.strip_suffix(suffix) {
            n = stripped.to_string();
            break;
        }
    }
    n
}

/// Two keys name one project when one holds the other and what the longer adds is not a phase
/// ("白鸽湖商埠文化园二期" is its own project).
fn same_project(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    if short.chars().count() < 4 || !long.contains(short) {
        return false;
    }
    !long.replacen(short, "", 1).contains('期')
}

/// Runs of characters between separators, as (start, end) character offsets.
fn spans_where(chars: &[char], sep: fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if sep(c) {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if chars.len() > start {
        out.push((start, chars.len()));
    }
    out
}

/// The run around character `pos` bounded by separators.
fn enclosing(chars: &[char], pos: usize, sep: fn(char) -> bool) -> (usize, usize) {
    let pos = pos.min(chars.len());
    let start = chars[..pos].iter().rposition(|&c| sep(c)).map_or(0, |i| i + 1);
    let end = chars[pos..].iter().position(|&c| sep(c)).map_or(chars.len(), |i| pos + i);
    (start, end)
}

fn ends_with_at(chars: &[char], end: usize, word: &[char]) -> bool {
    end >= word.len() && starts_with_at(chars, end - word.len(), word)
}

/// Whether `word` stands at `pos`. Called for nearly every character against whole term lists, and
/// most tries fail at the first character: compared character by character, a failed try costs
/// one comparison, where a slice comparison calls memcmp.
fn starts_with_at(chars: &[char], pos: usize, word: &[char]) -> bool {
    chars.get(pos..).is_some_and(|rest| rest.len() >= word.len() && rest.iter().zip(word).all(|(a, b)| a == b))
}

/// The status words, for one-pass search.
fn status_words() -> &'static WordList {
    static WORDS: OnceLock<WordList> = OnceLock::new();
    WORDS.get_or_init(|| WordList::new(&terms().status_words))
}

/// Whether a clause says something is being built or has a status (so a weak suffix names a project).
fn has_status_word(clause: &str) -> bool {
    status_words().any_in(clause)
}

/// Names ending in a project word inside one clause.
fn named_in_clause(chars: &Chars, cs: usize, ce: usize) -> Vec<Found> {
    let t = terms();
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
fn name_ending_at(chars: &Chars, cs: usize, end: usize) -> Option<Found> {
    // A name does not run across an enumeration comma, 等 (which closes an enumeration) or 的
    // (which closes a description: "总投资3.1亿元的划船塘光伏发电项目").
    // 及/和 join two names when a project word stands before them ("...提升工程及职工宿舍项目").
    let t = terms();
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
    (!bare_suffix && !starts_with_suffix && !is_generic(name) && name.chars().count() <= 40).then(|| Found {
        name: name.to_string(),
        start,
        end,
        named: true,
    })
}

/// Items of an enumeration closed by a project category: "A、B、C等8个项目" → A, B, C.
fn enumerated_in_clause(chars: &Chars, cs: usize, ce: usize) -> Vec<Found> {
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
                    out.push(Found { name: name.to_string(), start: s, end: item_end, named: false });
                }
                item_end = j;
            }
        }
    }
    out
}

/// Drops verbs, adverbs and an investment phrase from the front of a name.
fn strip_lead(chars: &Chars, mut start: usize, end: usize) -> usize {
    static AMOUNT: OnceLock<Regex> = OnceLock::new();
    let amount = AMOUNT.get_or_init(|| {
        Regex::new(
            r"^((总投资|工程投资|投资|投入)?(约|近|超|达|超过)?([0-9.]+(万|亿)?(至|到|-|~))?[0-9.]+(余)?(万|亿|千万)?元(以上|以下)?|[0-9.]+[条座处所])",
        )
            .expect("valid regex")
    });
    let t = terms();
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
fn is_generic(name: &str) -> bool {
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
        let t = terms();
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

/// The investment stated for a project: in its clause, or in its sentence when the sentence names it
/// alone.
fn investment_near(
    chars: &Chars,
    f: &Found,
    clause: (usize, usize),
    sentence: (usize, usize),
    in_sentence: usize,
) -> Option<Amount> {
    if !f.named {
        return None;
    }
    let nearest = |s: usize, e: usize| -> Option<Amount> {
        let found = amounts_in(chars.str(s, e));
        found.into_iter().min_by_key(|(pos, _)| (s + pos).abs_diff(f.start)).map(|(_, a)| a)
    };
    nearest(clause.0, clause.1).or_else(|| if in_sentence == 1 { nearest(sentence.0, sentence.1) } else { None })
}

/// Investment amounts in a text ("总投资约1500万元", "投资近千万元", "工程投资3200余万元"), read by the
/// number reader, with their character positions.
fn amounts_in(s: &str) -> Vec<(usize, Amount)> {
    super::number::quantities(s)
        .into_iter()
        .filter(|f| f.quantity.unit.ends_with('元'))
        .filter(|f| {
            let before = &s[..f.start];
            let before = before.strip_suffix("金额").unwrap_or(before);
            let before = ["为", "达到", "达"].iter().find_map(|w| before.strip_suffix(w)).unwrap_or(before);
            before.ends_with("投资") || before.ends_with("投入")
        })
        .filter_map(|f| {
            let q = f.quantity;
            Some((q.span.start, Amount { value: q.value?, unit: q.unit, yuan: q.value_base }))
        })
        .collect()
}

/// The status the report gives a project: a status word after the name in its clause, else the verb
/// in front of it.
fn status_near(chars: &Chars, f: &Found, cs: usize, ce: usize) -> Option<String> {
    let after = chars.str(f.end.min(ce), ce);
    if let Some((_, w)) = status_words().first_in(after) {
        return Some(w.to_string());
    }
    let before = chars.str(cs, f.start.max(cs));
    status_words().last_end_in(before).map(|(_, w)| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> Vec<Project> {
        extract(&crate::extract::TestReport::new(body).context())
    }

    fn names(body: &str) -> Vec<String> {
        run(body).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn char_set_holds_what_it_was_given() {
        let set = CharSet::new(['项', 'a', '\u{FFFF}', '𠀀']);
        for c in ['项', 'a', '\u{FFFF}', '𠀀'] {
            assert!(set.contains(c), "{c}");
        }
        for c in ['工', 'b', '\u{FFFE}', '𠀁'] {
            assert!(!set.contains(c), "{c}");
        }
    }

    #[test]
    fn shipped_terms_parse() {
        assert!(terms().strong_suffixes.contains(&"项目".to_string()));
        // Words are tried by their first character: an empty one would never be.
        let t = terms();
        for list in [&t.strong_suffixes, &t.weak_suffixes, &t.phases, &t.lead_words, &t.inner_verbs] {
            assert!(list.iter().all(|w| !w.is_empty()));
        }
    }

    #[test]
    fn name_drops_verbs_and_description() {
        assert_eq!(
            names("成功引进“二期在龙游”单期体量最大的金龙机制纸项目,招商引资考核位列第一。"),
            ["金龙机制纸项目"]
        );
        assert_eq!(
            names("实施马报桥废弃铁路非机动车道改造提升工程等路网优化项目7个。"),
            ["马报桥废弃铁路非机动车道改造提升工程"]
        );
    }

    #[test]
    fn investment_in_clause_normalised_to_yuan() {
        let p = run("总投资约1500万元柑桔专业市场项目基建部分已结顶完工,金秋红共富工坊登上杂志。");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "柑桔专业市场项目");
        assert_eq!(p[0].investment, Some(1500.0));
        assert_eq!(p[0].investment_unit.as_deref(), Some("万元"));
        assert_eq!(p[0].investment_yuan, Some(15_000_000.0));
        assert_eq!(p[0].status.as_deref(), Some("结顶"));
    }

    #[test]
    fn enumeration_closed_by_category_gives_each_item() {
        let n = names("实施沿江立面改造、浮杯塔夜间照明及周边环境整治提升、江滩治理等8个项目,总投资5100万元。");
        assert_eq!(n, ["沿江立面改造", "浮杯塔夜间照明及周边环境整治提升", "江滩治理"]);
    }

    #[test]
    fn category_names_are_not_projects() {
        let n = names("全年签约制造业亿元以上投资项目4个,累计新投产项目7个。排定重点项目109个。");
        assert!(n.is_empty(), "{n:?}");
    }

    #[test]
    fn size_bands_and_programmes_are_not_projects() {
        // A size band ("10至500万元项目"), a talent scheme or the act of packaging projects names no project.
        let n = names("其中500万元以上项目完成投资3亿元,50至500万元项目完成投资0.4亿元。");
        assert!(n.is_empty(), "{n:?}");
        let n = names("全年共计申报各级人才项目15个,累计孵化创业项目9个,积极包装策划项目。");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(names("成功招引智能装备制造项目落地。"), ["智能装备制造项目"]);
    }

    #[test]
    fn weak_suffix_needs_a_building_word() {
        assert!(names("湖镇镇社会治理中心标准化经验获肯定。").is_empty());
        assert_eq!(names("在开发区新建“亲清助企服务中心”。"), ["亲清助企服务中心"]);
    }

    #[test]
    fn investment_in_chinese_numerals_and_with_qualifiers() {
        let p = run("投资近千万元打造东引运河5公里碧道,亲水特色愈加彰显。");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].investment, Some(1000.0));
        assert_eq!(p[0].investment_unit.as_deref(), Some("万元"));
        let p = run("龙泉河流域(泥溪段)水环境综合治理二期项目已全部完工,工程投资3200余万元。");
        assert_eq!(p[0].investment_yuan, Some(32_000_000.0));
    }

    #[test]
    fn same_project_twice_is_one_row_with_the_later_investment() {
        let p = run("推进划船塘光伏发电项目。成功引进总投资3.1亿元的划船塘光伏发电项目。");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].investment, Some(3.1));
        assert_eq!(p[0].investment_yuan, Some(310_000_000.0));
    }
}
