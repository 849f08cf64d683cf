//! Targets: what the plan parts promise for the plan year.
//!
//! Two sources, both read clause by clause (a clause ends at , ; 。 : ! ?):
//! - the sentence of main expected targets ("主要预期目标为:..."), wherever it stands: every clause
//!   with a figure is a target, and a clause without one is a qualitative target when it states a
//!   relation (高于全县平均水平, 保持正增长, 与经济增长同步);
//! - every figure in the plan part: these reports quantify their plans ("力争全年新开工项目13个",
//!   "新建改造农村公厕9处"), and each figure there is an expectation for the plan year.
//!
//! Figures are read by the number reader ([`super::number`]); a rate clause that follows a level
//! ("...突破80亿元大关,同比增长10%以上") belongs to the same target. The comparator comes from the
//! qualifier written on the figure (以上 >=, 左右 ~, 超 >), else from a cue word that holds from
//! where it stands to the end of its sentence (力争/争取/确保 make a number a floor), else `=`.
//!
//! Which text is the plan part: `Context::part_at` when the report has a section tree; without one,
//! from the first plan heading line ("二、2025年工作安排", "下步重点工作") to the heading of the
//! government's own conduct (政府自身建设), or the end.

use super::catalog::catalog;
use super::number::{self, Found, Growth};
use super::{Chars, Context};
use crate::model::{Comparator, Part, Quantity, Span, Target};
use crate::text::clauses::{ends, Stop};
use crate::text::words::WordList;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

const TERMS_TOML: &str = include_str!("../../data/targets.toml");

#[derive(Deserialize)]
struct Terms {
    goal_sentence: Vec<String>,
    at_least_cues: Vec<String>,
    plain_cues: Vec<String>,
    at_least: Vec<String>,
    above: Vec<String>,
    about: Vec<String>,
    qualitative_above: Vec<String>,
    qualitative: Vec<String>,
    lead_words: Vec<String>,
    tail_words: Vec<String>,
    not_target_units: Vec<String>,
    zero_words: Vec<String>,
    zero_lead: Vec<String>,
}

fn terms() -> &'static Terms {
    static TERMS: OnceLock<Terms> = OnceLock::new();
    TERMS.get_or_init(|| {
        // Compiled in; a defect is caught by the unit test `shipped_terms_parse`.
        let mut t: Terms = toml::from_str(TERMS_TOML).expect("data/targets.toml is valid");
        for list in [&mut t.lead_words, &mut t.tail_words] {
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        t
    })
}

/// The words promising none, for one-pass search. Only where the first one starts is asked, which
/// a leftmost search answers at its first match; its prefilter skips to the words' rare bytes, so
/// the many clauses without one are passed over quickly.
fn zero_words() -> &'static AhoCorasick {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms().zero_words)
            .expect("the zero words build an automaton")
    })
}

/// The cue words, at-least cues and plain cues together, for one-pass search.
fn cues() -> &'static WordList {
    static CUES: OnceLock<WordList> = OnceLock::new();
    CUES.get_or_init(|| {
        let t = terms();
        WordList::new(&[t.at_least_cues.as_slice(), t.plain_cues.as_slice()].concat())
    })
}

fn is_clause_end(c: char) -> bool {
    ends(c, Stop::Clause)
}

fn is_sentence_end(c: char) -> bool {
    ends(c, Stop::Sentence)
}

pub fn extract(ctx: &Context) -> Vec<Target> {
    extract_in(ctx, &Chars::new(&ctx.folded.text))
}

/// [`extract`] with the text already split into characters.
pub(crate) fn extract_in(ctx: &Context, chars: &Chars) -> Vec<Target> {
    let plan = plan_ranges(ctx, chars);
    let goal = goal_sentence(chars);
    let mut out: Vec<Target> = Vec::new();
    let mut start = 0;
    let mut cues = CueCursor::default();
    for (i, &c) in chars.iter().chain(std::iter::once(&'\n')).enumerate() {
        if !is_clause_end(c) {
            continue;
        }
        let (s, e) = (start, i);
        start = i + 1;
        let in_goal = goal.is_some_and(|(gs, ge)| s >= gs && e <= ge);
        if e > s && (in_goal || plan.iter().any(|&(ps, pe)| s >= ps && e <= pe)) {
            for (ps, pe) in pieces(chars, s, e) {
                read_clause(ctx, chars, ps, pe, in_goal, &mut cues, &mut out);
            }
        }
        if is_sentence_end(c) {
            cues.next_sentence(start);
        }
    }
    out
}

/// A clause longer than this many characters is read item by item (see [`pieces`]).
const LONG_CLAUSE_CHARS: usize = 400;

/// A clause as it is read: whole, or, past [`LONG_CLAUSE_CHARS`] (a list of figures joined by 、,
/// thousands long), its items one by one, so that each target quotes its own item and reading
/// stays linear in the list.
fn pieces(chars: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
    if e - s <= LONG_CLAUSE_CHARS {
        return vec![(s, e)];
    }
    let mut out = Vec::new();
    let mut from = s;
    for (i, &c) in chars.iter().enumerate().take(e).skip(s) {
        if c == '、' {
            if i > from {
                out.push((from, i));
            }
            from = i + 1;
        }
    }
    if e > from {
        out.push((from, e));
    }
    out
}

/// The cue in force in the current sentence, read forward: each character of a sentence is searched
/// once however many of its clauses ask (a list of thousands of figures in one sentence asked from
/// the sentence's start for each). Cue words hold no punctuation, so no cue straddles two clauses.
#[derive(Default)]
struct CueCursor {
    /// Where the searched stretch ends (the sentence's start until a clause asks).
    scanned: usize,
    /// The last cue word met since the sentence started.
    last: Option<&'static str>,
}

impl CueCursor {
    fn next_sentence(&mut self, start: usize) {
        *self = CueCursor { scanned: start, last: None };
    }

    /// The last cue word before character `pos` in its sentence.
    fn at(&mut self, chars: &Chars, pos: usize) -> Option<String> {
        if pos > self.scanned {
            if let Some((_, c)) = cues().last_in(chars.str(self.scanned, pos)) {
                self.last = Some(c);
            }
            self.scanned = pos;
        }
        self.last.map(str::to_string)
    }
}

/// The plan part as character ranges.
fn plan_ranges(ctx: &Context, chars: &[char]) -> Vec<(usize, usize)> {
    if !ctx.news_plan.is_empty() {
        return ctx.news_plan.clone();
    }
    // The innermost section of a character changes only where a section starts or ends: the part
    // is asked once per stretch between those places, not once per character.
    let n = chars.len();
    let mut bounds: Vec<usize> =
        ctx.sections.iter().flat_map(|s| [s.span.start, s.span.end]).filter(|&b| b < n).collect();
    bounds.push(0);
    bounds.sort_unstable();
    bounds.dedup();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (k, &from) in bounds.iter().enumerate() {
        let to = bounds.get(k + 1).copied().unwrap_or(n);
        if from < to && ctx.part_at(from) == Some(Part::Plan) {
            match out.last_mut() {
                Some(last) if last.1 == from => last.1 = to,
                _ => out.push((from, to)),
            }
        }
    }
    out
}

/// The clauses of the main expected targets: from after the colon (or 是/为) that follows the cue to
/// the end of its sentence.
fn goal_sentence(chars: &Chars) -> Option<(usize, usize)> {
    let t = terms();
    let text = chars.text;
    let (byte, cue) = t.goal_sentence.iter().filter_map(|c| text.find(c.as_str()).map(|b| (b, c))).min()?;
    let at = text[..byte].chars().count() + cue.chars().count();
    let mut s = at;
    // Skip 为/是 and the colon.
    while s < chars.len() && matches!(chars[s], '为' | '是' | ':' | ' ') {
        s += 1;
    }
    let e = (s..chars.len()).find(|&i| is_sentence_end(chars[i])).unwrap_or(chars.len());
    Some((s, e))
}

fn read_clause(
    ctx: &Context,
    chars: &Chars,
    s: usize,
    e: usize,
    in_goal: bool,
    cursor: &mut CueCursor,
    out: &mut Vec<Target>,
) {
    let t = terms();
    let clause = chars.str(s, e);
    let mut growths = number::growths(clause);
    let lists = rate_lists(clause, &mut growths);
    let quantities: Vec<Found> = number::quantities(clause)
        .into_iter()
        .filter(|f| !growths.iter().any(|g| f.start < g.end && g.start < f.end))
        .filter(|f| !t.not_target_units.contains(&f.quantity.unit))
        // Chinese numerals in a plan count slogans and batches (两个维护, 一批项目, 五个方面), and
        // figures in quotes are names of campaigns ("15条", "六类排水户").
        .filter(|f| !f.chinese && !in_quotes(clause, f.start))
        .filter(|f| !is_modifier(clause, f))
        .collect();
    // A cue inside the clause, before its first figure, wins over one earlier in the sentence.
    let first = quantities.first().map(|f| f.start).or(growths.first().map(|g| g.start)).unwrap_or(clause.len());
    // Most clauses of a plan state no figure and give no target: the cue is looked up only for those
    // that do.
    let mut cue_here = || {
        if in_goal {
            return Some("主要预期目标".to_string());
        }
        cues().last_in(&clause[..first]).map(|(_, c)| c.to_string()).or_else(|| cursor.at(chars, s))
    };
    let year = ctx.meta.plan_year;
    let span = trimmed_span(chars, s, e);
    let code = |name: &str| catalog().code_of(name).map(str::to_string);

    // A rate clause with no name of its own continues the target before it.
    if quantities.is_empty() && growths.len() == 1 {
        let g = &growths[0];
        let name = name_before(clause, g.start);
        if name.chars().count() < 2 {
            if let Some(prev) = out.last_mut() {
                if prev.growth_pct.is_none() && prev.span.end + 1 == s && g.pct.is_some() {
                    prev.growth_pct = g.pct;
                    prev.comparator = growth_comparator(g).unwrap_or(prev.comparator);
                    prev.span.end = span.end;
                    return;
                }
            }
        }
    }
    if quantities.is_empty() && growths.is_empty() {
        // The first zero word's start: the least start of any of them.
        if let Some(b) = zero_words().find(clause).map(|m| m.start()) {
            let cue = cue_here();
            let mut name = name_before(clause, b);
            for w in &t.zero_lead {
                name = name.trim_end_matches(w.as_str()).trim_end_matches(['“', '"']).to_string();
            }
            for part in split_names(&name) {
                let quantity = Quantity { value: Some(0.0), value_base: Some(0.0), ..Quantity::default() };
                out.push(Target {
                    rule: "zero_word",
                    section: ctx.section_at(s),
                    indicator_code: code(&part),
                    name: part,
                    target_year: year,
                    quantity: Some(quantity),
                    growth_pct: None,
                    comparator: Comparator::Exactly,
                    cue: cue.clone(),
                    span,
                    quote: String::new(),
                });
            }
            return;
        }
        if in_goal {
            if let Some(tg) = qualitative_target(clause, span, cue_here(), year) {
                out.push(Target { indicator_code: code(&tg.name), ..tg });
            }
        }
        return;
    }
    let cue = cue_here();
    for (gi, g) in growths.iter().enumerate().filter(|(_, g)| g.pct.is_some()) {
        if quantities.iter().any(|f| f.start < g.start) {
            continue; // joined to the level before it below
        }
        // A list of rates (分别增长6%、9%以上): one target per name, in order; 以上 written after the
        // last rate holds for all of them.
        if let Some(&(first, n)) = lists.iter().find(|(first, n)| (*first..first + n).contains(&gi)) {
            if gi > first {
                continue;
            }
            let items = &growths[first..first + n];
            let names = list_names(&name_before(clause, g.start), n);
            let shared = items.iter().rev().find_map(growth_comparator);
            for (item, name) in items.iter().zip(names) {
                out.push(Target {
                    rule: "rate_list",
                    section: ctx.section_at(s),
                    indicator_code: code(&name),
                    name,
                    target_year: year,
                    quantity: None,
                    growth_pct: item.pct,
                    comparator: growth_comparator(item).or(shared).unwrap_or_else(|| cue_comparator(cue.as_deref())),
                    cue: cue.clone(),
                    span,
                    quote: String::new(),
                });
            }
            continue;
        }
        let comparator = growth_comparator(g).unwrap_or_else(|| cue_comparator(cue.as_deref()));
        for name in split_names(&name_before(clause, g.start)) {
            out.push(Target {
                rule: "growth",
                section: ctx.section_at(s),
                indicator_code: code(&name),
                name,
                target_year: year,
                quantity: None,
                growth_pct: g.pct,
                comparator,
                cue: cue.clone(),
                span,
                quote: String::new(),
            });
        }
    }
    for (k, f) in quantities.iter().enumerate() {
        let mut name = name_before(clause, f.start);
        if name.chars().count() < 3 {
            name = name_after(clause, f.end);
        }
        // A rate right after this level in the same clause belongs to it.
        let next_q = quantities.get(k + 1).map_or(clause.len(), |n| n.start);
        let growth = growths.iter().find(|g| g.start >= f.end && g.start < next_q && g.pct.is_some());
        let comparator = growth
            .and_then(growth_comparator)
            .or_else(|| qualifier_comparator(&f.quantity))
            .or_else(|| written_before(&clause[..f.start]))
            .unwrap_or_else(|| cue_comparator(cue.as_deref()));
        out.push(Target {
            rule: "level",
            section: ctx.section_at(s),
            indicator_code: code(&name),
            name,
            target_year: year,
            quantity: Some(f.quantity.clone()).map(|q| shift(q, s)),
            growth_pct: growth.and_then(|g| g.pct),
            comparator,
            cue: cue.clone(),
            span,
            quote: String::new(),
        });
    }
}

/// Whether byte `at` of a clause stands inside quotation marks.
fn in_quotes(clause: &str, at: usize) -> bool {
    let before = &clause[..at];
    before.matches('“').count() > before.matches('”').count()
}

/// One rate or promise given for two names joined by 和 ("数字经济增加值和数字经济核心产业增加值年均增速
/// 20%以上") is a target for each.
fn split_names(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name.split('和').collect();
    if parts.len() == 2 && parts.iter().all(|p| p.chars().count() >= 4) {
        parts.iter().map(|p| p.to_string()).collect()
    } else {
        vec![name.to_string()]
    }
}

/// Rates listed after a distributive rate (分别增长6%、9%以上): the number reader reads the first as
/// a growth and the rest as bare percentages. They are added to `growths` (kept in text order) and
/// each list is returned as (index of its first rate, number of rates).
fn rate_lists(clause: &str, growths: &mut Vec<Growth>) -> Vec<(usize, usize)> {
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let next =
        NEXT.get_or_init(|| Regex::new(r"^[、和](\d+(?:\.\d+)?)%(以上|左右)?").expect("the list pattern is valid"));
    let mut lists = Vec::new();
    let mut out: Vec<Growth> = Vec::with_capacity(growths.len());
    for g in growths.drain(..) {
        let distributive = clause[g.start..g.end].contains("分别") || clause[..g.start].ends_with("分别");
        let first = out.len();
        let sign = g.pct.map_or(1.0, f64::signum);
        let mut end = g.end;
        out.push(g);
        if !distributive {
            continue;
        }
        while let Some(c) = next.captures(&clause[end..]) {
            let (Some(m), Some(v)) = (c.get(0), c.get(1)) else { break };
            let Ok(v) = v.as_str().parse::<f64>() else { break };
            out.push(Growth {
                pct: Some(sign * v),
                qualifier: c.get(2).map(|q| q.as_str().to_string()),
                start: end,
                end: end + m.end(),
                ..Growth::default()
            });
            end += m.end();
        }
        if out.len() - first >= 2 {
            lists.push((first, out.len() - first));
        }
    }
    *growths = out;
    lists
}

/// `n` names from the words before a list of `n` rates: "A、B和C" gives A, B, C; a short head joined
/// to a full name ("城镇和农村居民人均可支配收入") takes the rest of that name (城镇居民人均可支配收入).
/// Names that do not split into `n` are given whole to each rate.
fn list_names(name: &str, n: usize) -> Vec<String> {
    let parts: Vec<&str> = name.split(['、', '和']).filter(|p| !p.is_empty()).collect();
    if parts.len() != n {
        return vec![name.to_string(); n];
    }
    let Some(last) = parts.last() else { return vec![name.to_string(); n] };
    let last_len = last.chars().count();
    parts
        .iter()
        .map(|p| {
            let len = p.chars().count();
            if len <= 2 && last_len > len + 2 {
                format!("{p}{}", last.chars().skip(len).collect::<String>())
            } else {
                p.to_string()
            }
        })
        .collect()
}

/// A quantity's span is relative to its clause; the body offset is the clause's plus that.
fn shift(mut q: Quantity, by: usize) -> Quantity {
    q.span = Span::new(q.span.start + by, q.span.end + by);
    q
}

/// The clause's span without surrounding spaces.
fn trimmed_span(chars: &[char], mut s: usize, mut e: usize) -> Span {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    Span::new(s, e)
}

/// A figure that qualifies a noun rather than counting it: "20亿元以上产值企业3家", "年产100万吨...".
fn is_modifier(clause: &str, f: &Found) -> bool {
    let before = &clause[..f.start];
    let near: String = before.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    if before.ends_with('年') || near.contains("年产") {
        return true;
    }
    // A threshold followed by what it qualifies and then the count.
    let after = &clause[f.end..];
    let seg_end = after.find(['、', ',']).unwrap_or(after.len());
    f.quantity.qualifier.as_deref() == Some("以上")
        && !after.is_empty()
        && number::quantities(&after[..seg_end]).iter().any(|n| n.quantity.value.is_some())
}

/// A comparison word the number reader leaves in front of a figure ("不少于3400米").
fn written_before(before: &str) -> Option<Comparator> {
    terms().at_least.iter().any(|w| before.ends_with(w.as_str())).then_some(Comparator::AtLeast)
}

fn growth_comparator(g: &Growth) -> Option<Comparator> {
    g.qualifier.as_deref().and_then(comparator_of)
}

fn qualifier_comparator(q: &Quantity) -> Option<Comparator> {
    q.qualifier.as_deref().and_then(comparator_of)
}

fn comparator_of(word: &str) -> Option<Comparator> {
    let t = terms();
    let has = |list: &[String]| list.iter().any(|w| w == word);
    if has(&t.at_least) {
        Some(Comparator::AtLeast)
    } else if has(&t.above) {
        Some(Comparator::Above)
    } else if has(&t.about) {
        Some(Comparator::About)
    } else {
        None
    }
}

fn cue_comparator(cue: Option<&str>) -> Comparator {
    match cue {
        Some(c) if terms().at_least_cues.iter().any(|w| w == c) => Comparator::AtLeast,
        _ => Comparator::Exactly,
    }
}

/// A clause of the goal sentence with no figure: a relation (高于, 正增长, 同步) is a target.
fn qualitative_target(clause: &str, span: Span, cue: Option<String>, year: Option<i32>) -> Option<Target> {
    let t = terms();
    let find = |list: &[String]| list.iter().filter_map(|w| clause.find(w.as_str()).map(|b| (b, w.clone()))).min();
    let (comparator, growth, at) = if let Some((b, w)) = find(&t.qualitative_above) {
        (Comparator::Above, (w == "正增长").then_some(0.0), b)
    } else if let Some((b, _)) = find(&t.qualitative) {
        (Comparator::Qualitative, None, b)
    } else {
        return None;
    };
    let name = name_before(clause, at);
    (name.chars().count() >= 2).then_some(Target {
        rule: "qualitative",
        section: None,
        name,
        indicator_code: None,
        target_year: year,
        quantity: None,
        growth_pct: growth,
        comparator,
        cue,
        span,
        quote: String::new(),
    })
}

/// The name in front of a figure: the clause up to it, without cue and movement words.
fn name_before(clause: &str, byte: usize) -> String {
    let t = terms();
    let mut s = clause[..byte].trim();
    // Only the last item of an enumeration names this figure.
    if let Some(i) = s.rfind('、') {
        s = &s[i + '、'.len_utf8()..];
    }
    loop {
        let before = s;
        for w in &t.lead_words {
            if let Some(r) = s.strip_prefix(w.as_str()) {
                s = r;
            }
        }
        for w in &t.tail_words {
            if let Some(r) = s.strip_suffix(w.as_str()) {
                s = r;
            }
        }
        for q in ["约", "近", "超过", "超", "突破", "达到", "达"] {
            if let Some(r) = s.strip_suffix(q) {
                s = r;
            }
        }
        if s == before {
            break;
        }
    }
    s.trim().to_string()
}

/// The name after a figure, for clauses that put the number first ("优化升级全镇6个居家养老服务中心站点").
fn name_after(clause: &str, byte: usize) -> String {
    let rest = &clause[byte..];
    let end = rest.find(['、', '(', ',']).unwrap_or(rest.len());
    rest[..end].trim_start_matches(['的', '以', '上']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> Vec<Target> {
        extract(&crate::extract::TestReport::new(body).context())
    }

    fn quote(body: &str, t: &Target) -> String {
        body.chars().skip(t.span.start).take(t.span.end - t.span.start).collect()
    }

    #[test]
    fn shipped_terms_parse() {
        assert!(terms().at_least_cues.contains(&"力争".to_string()));
    }

    #[test]
    fn goal_sentence_level_and_rate_are_one_target() {
        let body = "报告\n二、2025年工作安排\n建议2025年主要预期目标为:经济增长速度高于全县平均水平;规上工业总产值突破80亿元大关,同比增长10%以上;一般公共预算收入同比增长30%以上。";
        let t = run(body);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[0].name, "经济增长速度");
        assert_eq!(t[0].comparator, Comparator::Above);
        assert_eq!(t[1].name, "规上工业总产值", "{t:?}");
        assert_eq!(t[1].quantity.as_ref().and_then(|q| q.value), Some(80.0));
        assert_eq!(t[1].growth_pct, Some(10.0));
        assert_eq!(t[1].comparator, Comparator::AtLeast);
        assert_eq!(t[1].indicator_code.as_deref(), Some("industrial_output_above_scale"));
        assert_eq!(quote(body, &t[1]), "规上工业总产值突破80亿元大关,同比增长10%以上");
        assert_eq!(t[2].growth_pct, Some(30.0));
        assert_eq!(t[1].target_year, Some(2025));
    }

    #[test]
    fn a_list_of_rates_gives_one_target_per_name() {
        let body = "报告\n主要预期目标是:城镇和农村居民人均可支配收入分别增长5%、7%以上,税收增长4%。";
        let t = run(body);
        let v: Vec<_> = t.iter().map(|t| (t.name.as_str(), t.growth_pct, t.comparator)).collect();
        assert_eq!(
            v,
            vec![
                ("城镇居民人均可支配收入", Some(5.0), Comparator::AtLeast),
                ("农村居民人均可支配收入", Some(7.0), Comparator::AtLeast),
                ("税收", Some(4.0), Comparator::Exactly),
            ],
            "{t:?}"
        );
        assert!(t.iter().all(|t| t.quantity.is_none()));
    }

    #[test]
    fn qualitative_goals() {
        let body = "报告\n主要预期目标是:一般公共预算收入保持正增长,城乡居民收入增长与经济增长同步,全镇地区生产总值增长7%左右。";
        let t = run(body);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!((t[0].growth_pct, t[0].comparator), (Some(0.0), Comparator::Above));
        assert_eq!(t[1].comparator, Comparator::Qualitative);
        assert_eq!((t[2].growth_pct, t[2].comparator), (Some(7.0), Comparator::About));
    }

    /// A list of hundreds of figures joined by 、 in one clause: each target quotes its own item.
    #[test]
    fn a_long_list_quotes_each_item_alone() {
        let items: Vec<String> = (0..300).map(|i| format!("第{i}项收入达到{}亿元", i % 9 + 1)).collect();
        let body = format!("报告\n二、2025年工作计划\n力争{}。", items.join("、"));
        let t = run(&body);
        assert_eq!(t.len(), 300, "{:?}", &t[..3]);
        assert!(
            t.iter().all(|t| t.span.end - t.span.start < 20),
            "{:?}",
            t.iter().map(|t| t.span).max_by_key(|s| s.end - s.start)
        );
        assert_eq!(t[299].cue.as_deref(), Some("力争"));
    }

    #[test]
    fn cue_holds_to_the_end_of_its_sentence() {
        let body =
            "报告\n二、2025年工作计划\n力争全年新开工项目13个,总投资5亿元,竣工验收项目10个。新建改造农村公厕9处。";
        let t = run(body);
        let got: Vec<_> = t.iter().map(|t| (t.quantity.as_ref().and_then(|q| q.value), t.comparator)).collect();
        assert_eq!(
            got,
            [
                (Some(13.0), Comparator::AtLeast),
                (Some(5.0), Comparator::AtLeast),
                (Some(10.0), Comparator::AtLeast),
                (Some(9.0), Comparator::Exactly)
            ]
        );
        assert_eq!(t[0].cue.as_deref(), Some("力争"));
        assert_eq!(t[1].quantity.as_ref().and_then(|q| q.value_base), Some(5e8));
    }

    #[test]
    fn review_figures_are_not_targets() {
        let body = "报告\n一、2024年工作回顾\n全年新开工项目12个。\n二、2025年工作计划\n谋划公共服务类项目10个以上。";
        let t = run(body);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].comparator, Comparator::AtLeast);
    }

    #[test]
    fn thresholds_and_capacities_are_not_figures_of_their_own() {
        let body = "报告\n二、2025年工作计划\n争取达到20亿元以上产值企业3家。支持年100万吨废钢铁回收基地建设。";
        let t = run(body);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].quantity.as_ref().and_then(|q| q.value), Some(3.0));
    }
}
