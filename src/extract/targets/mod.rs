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
//! qualifier written on the figure (以上 >=, 左右 ~, 超 >; 以上 after the last of levels listed with
//! 、 holds for all), else, for a level with no rate, from a cue word that holds from where it stands
//! to the end of its sentence (力争/争取/确保 make a count or an amount a floor), else `=`: a rate is
//! the rate aimed at (力争增长9% is 9%) unless it carries its own qualifier.
//!
//! Which text is the plan part: `Context::part_at` when the report has a section tree; without one,
//! from the first plan heading line ("二、2025年工作安排", "下步重点工作") to the heading of the
//! government's own conduct (政府自身建设), or the end.

use super::catalog::catalog;
use super::number::{self, Found, Growth};
use super::{Chars, Context};
use crate::model::{Comparator, Part, Quantity, Span, Target};
use crate::text::clauses::{ends, Stop};
use crate::text::words::{find_all, WordList};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::sync::OnceLock;

mod clause;
#[cfg(test)]
mod forms;
mod names;
mod terms;
#[allow(unused_imports)]
use clause::*;
#[allow(unused_imports)]
use names::*;
#[allow(unused_imports)]
use terms::*;

fn is_sentence_end(c: char) -> bool {
    ends(c, Stop::Sentence)
}

pub fn extract(ctx: &Context) -> Vec<Target> {
    extract_in(ctx, &ctx.chars)
}

/// [`extract`] with the text already split into characters.
pub(crate) fn extract_in(ctx: &Context, chars: &Chars) -> Vec<Target> {
    let plan = plan_ranges(ctx, chars);
    let goal = goal_sentence(chars);
    let mut out: Vec<Target> = Vec::new();
    let mut cues = CueCursor::default();
    for clause in &ctx.clauses {
        let (s, e) = (clause.start, clause.end);
        let in_goal = goal.is_some_and(|(gs, ge)| s >= gs && e <= ge);
        if e > s && (in_goal || plan.iter().any(|&(ps, pe)| s >= ps && e <= pe)) {
            if e - s <= LONG_CLAUSE_CHARS {
                read_clause(ctx, chars, ClauseAt { start: s, end: e, in_goal }, &mut cues, &mut out);
            } else {
                for (ps, pe) in pieces(chars, s, e) {
                    read_clause(ctx, chars, ClauseAt { start: ps, end: pe, in_goal }, &mut cues, &mut out);
                }
            }
        }
        if clause.ends_sentence() {
            cues.next_sentence(e + 1, out.len());
        }
    }
    out
}

/// A clause longer than this many characters is read item by item (see [`pieces`]).
const LONG_CLAUSE_CHARS: usize = 400;

/// A clause past [`LONG_CLAUSE_CHARS`] (a list of figures joined by 、, thousands long) as it is
/// read: its items one by one, so that each target quotes its own item and reading stays linear
/// in the list. A shorter clause is read whole.
fn pieces(chars: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
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
    /// How many targets were read before the sentence started.
    targets_before: usize,
}

impl CueCursor {
    fn next_sentence(&mut self, start: usize, targets_before: usize) {
        *self = CueCursor { scanned: start, last: None, targets_before };
    }

    /// Whether the sentence so far lists targets (two or more): its clauses without a figure
    /// may state qualitative ones.
    fn lists_targets(&self, targets: usize) -> bool {
        targets >= self.targets_before + 2
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
    let t = target_words();
    let text = chars.text;
    // (The whole report is searched for each cue: memchr's vectorised search.)
    let (byte, cue) = t.goal_sentence.iter().filter_map(|c| find_all(text, c).next().map(|b| (b, c))).min()?;
    let at = text[..byte].chars().count() + cue.chars().count();
    let mut s = at;
    // Skip 为/是 and the colon.
    while s < chars.len() && matches!(chars[s], '为' | '是' | ':' | ' ') {
        s += 1;
    }
    let e = (s..chars.len()).find(|&i| is_sentence_end(chars[i])).unwrap_or(chars.len());
    Some((s, e))
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
        assert!(target_words().at_least_cues.contains(&"力争".to_string()));
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
