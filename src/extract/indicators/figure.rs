//! Whether a quantity is a figure of the review, and its catalog code.

use super::names::clause_end;
use super::words::words;
use crate::extract::catalog::catalog;
use crate::extract::number::Found;
use crate::extract::Context;
use crate::model::Part;

/// Whether the text at character `pos` is read for indicators.
pub(super) fn readable(ctx: &Context, pos: usize) -> bool {
    !ctx.in_plan(pos) && !matches!(ctx.part_at(pos), Some(Part::SelfBuilding | Part::Closing))
}

/// Whether a quantity is a figure rather than a threshold, a target, a modifier or rhetoric.
pub(super) fn is_figure(text: &str, f: &Found, clause: &str) -> bool {
    figure_check(text, f, clause).is_ok()
}

/// Why a quantity is no figure of the review, if it is none: the reason, as `gwr inspect --explain`
/// and `gwr audit` name it.
pub(crate) fn figure_check(text: &str, f: &Found, clause: &str) -> Result<(), &'static str> {
    let q = &f.quantity;
    let after = &text[f.end..];
    let next = after.chars().next();
    let cjk_next = next.is_some_and(|c| !clause_end(c) && !c.is_ascii() && !matches!(c, '(' | ')' | '“' | '”' | '》'));
    if matches!(q.unit.as_str(), "个百分点" | "百分点") {
        return Err("percentage_points");
    }
    if words().duration_units.iter().any(|u| *u == q.unit) {
        return Err("duration");
    }
    // A threshold qualifying a noun: 超10亿元的企业, 30万以上32个村, 80万元以上村, 亿元以上项目.
    if after.starts_with("目标") || after.starts_with("的目标") {
        return Err("target_word");
    }
    let w = words();
    let written = &text[f.start..f.end];
    let open_ended = matches!(q.qualifier.as_deref(), Some("以上" | "以下"))
        || written.ends_with("以上")
        || written.ends_with("以下");
    // A figure glued to another (拆除房屋17栋526.5平方米) is a figure; a threshold before a count
    // (30万以上32个村) is not.
    if after.starts_with('的') || (open_ended && after.starts_with(|c: char| c.is_ascii_digit())) {
        return Err("size_class");
    }
    if open_ended && cjk_next {
        return Err("size_class");
    }
    if q.unit_base == "元" && w.class_nouns.iter().any(|n| after.starts_with(n.as_str())) {
        return Err("size_class");
    }
    // The total a bracket gives after a part (44名(共46名)).
    if w.total_notes.iter().any(|b| text[..f.start].ends_with(b.as_str())) {
        return Err("total_in_note");
    }
    // The base of a growth, in brackets after its year (比上年同期(3200万元)增长18%).
    if let Some(open) = text[..f.start].strip_suffix('(') {
        if w.base_words.iter().any(|b| open.ends_with(b.as_str())) {
            return Err("base");
        }
    }
    // A plant's capacity (年产6000吨), a rank among peers (居全县11个乡镇首位), persons elected.
    let tail_start = clause.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    // (年产量, 年产值: the year's output, not a capacity.)
    let tail = &clause[tail_start..];
    if w.capacity.occurrences(tail).into_iter().any(|(b, c)| !tail[b + c.len()..].starts_with(['量', '值'])) {
        return Err("capacity");
    }
    if w.rank_leads.any_in(tail) {
        return Err("rank");
    }
    if matches!(q.unit.as_str(), "名" | "人" | "位") && w.election.any_in(sentence_before(text, f.start)) {
        return Err("election");
    }
    // Inside a slogan or a name in quotes: “15分钟生活圈”, 省“65条”.
    // (Only the last 8 characters can hold that quote mark: the search looks no further back.)
    let before = &text[..f.start];
    let near = before.char_indices().rev().nth(7).map_or(0, |(i, _)| i);
    if let Some(open) = before[near..].rfind('“').map(|i| near + i) {
        if !before[open..].contains('”') {
            return Err("slogan");
        }
    }
    // What is planned or expected, not done: 将增加至580张, 可达15万吨, 计划完成60%.
    // 争取 in the review states what was secured (向上争取资金260万元) unless another future word
    // stands in the clause.
    if w.future.any_in(clause) {
        let secured = w.secured.any_in(clause) && !w.future.any_in(&clause.replace("争取", ""));
        if !secured {
            return Err("future_word");
        }
    }
    // A sentence that opens on 力争 is the future to its end, across its semicolons (力争实现产值
    // 29亿元;财政收入9亿元).
    // (Asked only where such a word stands in the 120 characters before the figure, found by a
    // vectorised search, not of every figure by a walk back over its sentence.)
    // (120 characters are at most 480 bytes: the window may be wider, never narrower.)
    let mut near = f.start.saturating_sub(480);
    while !text.is_char_boundary(near) {
        near += 1;
    }
    static LEADS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::OnceLock::new();
    let leads =
        LEADS.get_or_init(|| w.future_leads.iter().map(|l| memchr::memmem::Finder::new(l.as_bytes())).collect());
    if leads.iter().any(|l| l.find(&text.as_bytes()[near..f.start]).is_some()) {
        let sentence = sentence_before(text, f.start);
        let whole = text[..f.start - sentence.len()].ends_with(['。', '\n', '!', '?']) || sentence.len() == f.start;
        if whole && w.future_leads.iter().any(|l| sentence.trim_start().starts_with(l.as_str())) {
            return Err("future_word");
        }
    }
    // Chinese numerals in these reports mostly name things (八项规定, 十件民生实事, 四张名片); a count
    // written in characters is taken only with a qualifier or a multiplier (十余场, 两百万余元).
    if f.chinese && q.qualifier.is_none() && !q.unit.starts_with(['万', '亿']) && q.value.unwrap_or(0.0) < 100.0 {
        return Err("chinese_numeral_name");
    }
    Ok(())
}

/// The sentence before byte `at` (across its semicolons), at most 120 characters back.
fn sentence_before(text: &str, at: usize) -> &str {
    let mut from = at;
    for (n, (i, c)) in text[..at].char_indices().rev().enumerate() {
        if n >= 120 || matches!(c, '。' | '\n' | '!' | '?') {
            break;
        }
        from = i;
    }
    &text[from..at]
}

/// Whether the noun after an amount names a project (建设项目, 工程, 生产线, 养殖基地): the amount
/// or capacity is the project's, not a figure of its own.
pub(crate) fn names_a_project(noun: &str) -> bool {
    ["项目", "工程", "生产线", "基地"].iter().any(|w| noun.contains(w))
}

/// The catalog code of a name: as written, then without place and time words and parentheses;
/// only when the figure's unit fits the indicator.
pub(super) fn code_of(name: &str, unit_base: &str) -> Option<String> {
    let c = catalog();
    let fitting = |candidate: &str| {
        let code = c.code_of(candidate)?;
        let entry = c.entries.iter().find(|e| e.code == code)?;
        entry.unit_kind.fits(unit_base).then(|| code.to_string())
    };
    if let Some(code) = fitting(name) {
        return Some(code);
    }
    let mut n = name;
    for w in ["全镇", "我镇", "镇域", "全年", "全社会", "完成", "实现"] {
        if let Some(rest) = n.strip_prefix(w) {
            n = rest;
        }
    }
    if let Some(code) = fitting(n) {
        return Some(code);
    }
    // Without what stands in parentheses (a name without any was asked above).
    if !n.contains(['(', ')']) {
        return None;
    }
    let mut depth = 0i32;
    let bare: String = n
        .chars()
        .filter(|&ch| match ch {
            '(' => {
                depth += 1;
                false
            }
            ')' => {
                depth -= 1;
                false
            }
            _ => depth <= 0,
        })
        .collect();
    fitting(&bare)
}
