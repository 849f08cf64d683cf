//! The fate of every number in a report: the fact it became (its kind and the rule that read it),
//! or the reason it became none. `gwr inspect --explain` prints them for one file and `gwr audit`
//! counts them over a corpus, with the numbers no rule explains, so that anyone can see what
//! extraction reads and what it misses on pages nobody annotated.
//!
//! The reasons are the extractors' own tests, asked again for each number that no fact holds: a
//! date, a year, an ordinal, a heading's marker, a rank, a slogan, a number with no unit, and the
//! review's tests of a figure (a duration, a size class, a future word...).

use super::indicators::{figure_check, names_a_project};
use super::number::{self, Found};
use super::{Context, Facts};
use crate::model::{Part, Span};
use serde::Serialize;

/// What became of one number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberFate {
    /// The number with its unit as the text writes it (filled in from the stored body).
    pub text: String,
    /// Characters of the number in the report's text.
    pub span: Span,
    /// `indicator`, `target` or `project` when a fact holds it, `skipped` when a rule set it
    /// aside, `unexplained` when no rule did either.
    pub fate: &'static str,
    /// The rule that read it into a fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// Why it became no fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// The name of the fact it became.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// The clause it stands in (filled in from the stored body).
    pub context: String,
}

/// One number of the text: its byte range and, when the number reader read it, its quantity.
struct Token {
    start: usize,
    end: usize,
    quantity: Option<Found>,
}

/// The fates of every number in a report's parse text, in order. Spans are characters of the
/// parse text; the pipeline moves them to the stored body with the facts'.
pub fn fates(ctx: &Context, facts: &Facts) -> Vec<NumberFate> {
    let text = ctx.folded.text.as_str();
    tokens(text)
        .into_iter()
        .map(|t| {
            let span = Span::new(ctx.folded.char_of(t.start), ctx.folded.char_of(t.end));
            let (fate, rule, reason, fact) = match held_by(facts, span, t.quantity.as_ref()) {
                Some((kind, rule, name)) => (kind, Some(rule), None, Some(name)),
                None => match why_not(ctx, text, &t, span) {
                    Some(reason) => ("skipped", None, Some(reason), None),
                    None => ("unexplained", None, None, None),
                },
            };
            NumberFate { text: String::new(), span, fate, rule, reason, fact, context: String::new() }
        })
        .collect()
}

/// Every number of a text: the quantities the number reader reads, and every other run of digits.
fn tokens(text: &str) -> Vec<Token> {
    let found = number::quantities(text);
    let mut out: Vec<Token> = Vec::with_capacity(found.len());
    let mut q = found.into_iter().peekable();
    let mut pos = 0;
    while pos < text.len() {
        let next_digit = text[pos..].find(|c: char| c.is_ascii_digit()).map(|i| pos + i);
        match (q.peek().map(|f| f.start), next_digit) {
            (Some(qs), d) if d.is_none_or(|d| qs <= d) => {
                let f = q.next().expect("peeked");
                pos = f.end.max(pos + 1);
                out.push(Token { start: f.start, end: f.end, quantity: Some(f) });
            }
            (_, Some(d)) => {
                let len = text[d..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len() - d);
                let end = d + text[d..d + len].trim_end_matches('.').len();
                // A run the number reader read as part of a quantity is that quantity's.
                if out.last().is_none_or(|t| t.end <= d) {
                    out.push(Token { start: d, end, quantity: None });
                }
                pos = end.max(d + 1);
            }
            _ => break,
        }
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// The fact that holds a number: one whose value it is, or whose growth it is.
fn held_by(facts: &Facts, span: Span, q: Option<&Found>) -> Option<(&'static str, &'static str, String)> {
    let inside = |s: Span| s.start <= span.start && span.end <= s.end;
    let value = q.and_then(|f| f.quantity.value);
    // A rate, multiple or change in points written after a level belongs to its fact.
    let is_growth = |pct: Option<f64>, multiple: Option<f64>, pp: Option<f64>| {
        value.is_some_and(|v| [pct, multiple, pp].iter().flatten().any(|g| (g.abs() - v).abs() < 1e-9))
    };
    if let Some(i) = facts.indicators.iter().find(|i| {
        i.quantity.span == span || (inside(i.span) && is_growth(i.growth_pct, i.growth_multiple, i.change_pp))
    }) {
        return Some(("indicator", i.rule, i.name.clone()));
    }
    if let Some(t) = facts.targets.iter().find(|t| {
        t.quantity.as_ref().is_some_and(|tq| tq.span == span) || (inside(t.span) && is_growth(t.growth_pct, None, None))
    }) {
        return Some(("target", t.rule, t.name.clone()));
    }
    // A project holds its investment, written near its name.
    let amount = q.and_then(|f| f.quantity.value_base)?;
    facts
        .projects
        .iter()
        .find(|p| p.investment_yuan.is_some_and(|y| (y - amount).abs() < 0.5) && span.start.abs_diff(p.span.end) < 60)
        .map(|p| ("project", p.rule, p.name.clone()))
}

/// Why a number no fact holds is none: the first test that sets it aside.
fn why_not(ctx: &Context, text: &str, t: &Token, span: Span) -> Option<&'static str> {
    let before = &text[..t.start];
    let after = &text[t.end..];
    let digits = &text[t.start..t.end];
    let is_year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    if is_year && after.starts_with('年') && after[3..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some("date");
    }
    if after.starts_with('月') || (after.starts_with('日') && before.ends_with('月')) || after.starts_with(':') {
        return Some("date");
    }
    if is_year && (after.starts_with('年') || after.starts_with('-') || after.starts_with('/')) {
        return Some("year");
    }
    if after.starts_with('名') || after.starts_with('位') && (before.ends_with(['第', '前']) || before.ends_with("居"))
    {
        return Some("rank");
    }
    if before.ends_with('第') {
        return Some("ordinal");
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let lead = before[line_start..].trim_start_matches([' ', '(', '（']);
    if lead.is_empty() && after.starts_with(['、', '.', '．', ')', '）']) {
        return Some("heading_marker");
    }
    let open = before.rfind('“');
    if open.is_some_and(|o| before[o..].chars().count() <= 8 && !before[o..].contains('”')) {
        return Some("slogan");
    }
    let Some(f) = &t.quantity else { return Some("no_unit") };
    if ctx.in_plan(span.start) {
        return Some("plan_without_target");
    }
    if matches!(ctx.part_at(span.start), Some(Part::SelfBuilding | Part::Closing)) {
        return Some("outside_review");
    }
    let clause_start = before
        .rfind(['。', ',', ';', '\n', ':'])
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    if let Err(reason) = figure_check(text, f, &text[clause_start..f.start]) {
        return Some(reason);
    }
    let noun: String = after.chars().take(12).take_while(|c| !matches!(c, '。' | ',' | ';' | '、')).collect();
    if names_a_project(&noun) {
        return Some("project_specification");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PageMeta, ReportKind};
    use crate::text::index::Folded;

    fn fates_of(body: &str) -> Vec<(String, &'static str, Option<&'static str>)> {
        let folded = Folded::new(body);
        let meta = crate::parse::meta::parse(body, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
        let sections = crate::parse::sections::parse(&folded, &meta);
        let ctx = Context::new(&folded, &sections, &meta);
        let facts = super::super::extract(&ctx);
        let chars: Vec<char> = body.chars().collect();
        fates(&ctx, &facts)
            .into_iter()
            .map(|f| (chars[f.span.start..f.span.end].iter().collect(), f.fate, f.reason.or(f.rule)))
            .collect()
    }

    #[test]
    fn every_number_has_a_fate() {
        let body = "2024年青石镇政府工作报告\n2025年1月17日在青石镇第十五届人民代表大会第七次会议上\n各位代表:\n\
                    一、2024年工作回顾\n全年完成地区生产总值74.23亿元,同比增长23.75%,位列全县第2名。\
                    实施“3113”工程,连续5年获评先进。\n二、2025年工作安排\n力争地区生产总值增长8%。";
        let f = fates_of(body);
        let get = |t: &str| f.iter().find(|(x, _, _)| x == t).unwrap_or_else(|| panic!("{t} in {f:?}"));
        assert_eq!(get("74.23亿元").1, "indicator");
        assert_eq!(get("23.75%").1, "indicator", "the growth is part of the indicator");
        assert_eq!(get("1").2, Some("date"));
        assert_eq!(get("2025").2, Some("date"));
        assert_eq!(get("2").2, Some("rank"));
        assert_eq!(get("3113").2, Some("slogan"));
        assert_eq!(get("5年").2, Some("duration"));
        assert_eq!(get("8%").1, "target");
    }
}
