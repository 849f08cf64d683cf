//! Indicators: the figures the review parts report, one row per (name, value) with its growth,
//! period and provenance span.
//!
//! Which text counts: the parts the section tree marks review, problems, preamble or other (the
//! review-summary preface included). While a report has no section tree, everything before the
//! first plan heading (a short line naming the plan year's work, 下步/下一步/今后 work, or the
//! 主要预期目标 sentence) counts as review.
//!
//! How a row is read, for every quantity the number reader finds there:
//! - quantities that are not figures are left: thresholds (`30万以上32个村`, `超10亿元的企业`),
//!   targets named as such (`突破70亿元目标`), rates inside a growth phrase (they become the growth of
//!   the figure before them), streaks and durations counted in 年/周, Chinese numerals for one or
//!   for 个 (`一个中心`, `两个关键词`: the genre's rhetoric, not counts);
//! - the name is the words of the same clause before the value, with markers (一是, 其中, 全年,
//!   1-10月...) and verbs (达到, 实现, 增至...) trimmed; a count written before its noun
//!   (`10余个重点项目`) is named by that noun; a clause with no name of its own (`,达到74.23亿元`)
//!   takes the subject of the sentence's previous figure;
//! - distributive clauses (`A、B分别增长x%、y%`, `分别带动A和B年增收x、y`) give one row per name;
//! - a growth phrase with no level of its own (`诈骗案件同比下降34.8%`, `增长74倍`) is a row with no
//!   value;
//! - the span runs from the name through the value and its growth phrase, so the quote shows both.

use super::catalog::catalog;
use super::number::{self, Found, Growth};
use super::period::period_at;
use super::Context;
use crate::model::{Indicator, Part, Quantity, Span};
use regex::Regex;
use std::sync::OnceLock;

/// Characters that end a clause.
fn clause_end(c: char) -> bool {
    matches!(c, ',' | '、' | ';' | ':' | '。' | '!' | '?' | '\n' | '…')
}

/// Characters that end a sentence.
fn sentence_end(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?' | '\n')
}

/// Measure words after which a count names its noun (`46支队伍`).
const MEASURE_WORDS: &[&str] = &[
    "个", "家", "名", "支", "位", "项", "条", "处", "座", "幢", "栋", "间", "套", "辆", "台", "艘", "只", "株", "棵",
    "所", "张", "份", "篇", "轮", "组", "类", "种", "块", "部", "户", "人", "村", "场", "次", "起", "件", "宗",
];

/// Units that measure a duration or a streak, not an output: not indicators on their own.
const DURATION_UNITS: &[&str] = &["年", "周", "个月", "个季度"];

/// Words trimmed from the head of a name, repeatedly.
const LEAD_WORDS: &[&str] = &[
    "截至目前", "与此同时", "其中", "同时", "此外", "另外", "目前", "今年", "全年", "年内", "当年", "全镇", "我镇",
    "本镇", "累计", "共计", "合计", "先后", "以及", "我们", "成功", "顺利", "实现", "完成", "共", "并", "且", "和",
    "及", "已", "另", "均", "总共", "预计", "初步",
];

/// Words trimmed from the tail of a name, repeatedly.
const TAIL_WORDS: &[&str] = &[
    "增加到", "提升至", "提升到", "提高至", "提高到", "增长到", "缩短至", "缩短到", "下降到", "下降至", "减少到",
    "达到了", "达到", "已达", "增至", "降至", "约为", "高达", "多达", "共计", "累计", "合计", "仅仅", "只有", "分别",
    "同比", "平均", "实现", "完成", "突破", "超过", "达", "为", "超", "约", "近", "逾", "共", "已", "仅", "了", "均",
    "是", "有", "在", "于", "继", "也", "又", "还", "再", "仍", "将", "至", "到", "总计",
];

fn lead_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:[一二三四五六七八九十]+是|(?:19|20)\d{2}年(?:度)?|\d{1,2}\s?[-—–~]\s?\d{1,2}月?(?:份)?|上半年|下半年|前三季度|\(?[一二三四五六七八九十\d]{1,2}[)、.](?:\D|$)|[\s“”]+$)",
        )
        .expect("the lead marker pattern is valid")
    })
}

fn tail_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:(?:19|20)\d{2}年(?:度)?|\d{1,2}\s?[-—–~]\s?\d{1,2}月?|上半年|前三季度|[一二三四]季度|\s+)$")
            .expect("the tail marker pattern is valid")
    })
}

/// The byte range `start..end` of `text` with markers and verbs trimmed from both ends.
fn trim_name(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    loop {
        let s = &text[start..end];
        let before = (start, end);
        if let Some(m) = lead_marker_re().find(s) {
            // The heading-marker branch eats one character after the marker; give it back.
            let cut = if m.as_str().ends_with(|c: char| !matches!(c, ')' | '、' | '.' | ' ' | '“' | '”') && !c.is_ascii_digit())
                && m.as_str().contains([')', '、', '.'])
            {
                m.end() - m.as_str().chars().next_back().map_or(0, char::len_utf8)
            } else {
                m.end()
            };
            if cut > 0 && cut < s.len() {
                start += cut;
            }
        }
        let s = &text[start..end];
        if let Some(w) = LEAD_WORDS.iter().find(|w| s.starts_with(*w) && s.len() > w.len()) {
            start += w.len();
        }
        let s = &text[start..end];
        if let Some(m) = tail_marker_re().find(s) {
            if m.start() > 0 {
                end = start + m.start();
            }
        }
        let s = &text[start..end];
        if let Some(w) = TAIL_WORDS.iter().find(|w| s.ends_with(*w) && s.len() > w.len()) {
            end -= w.len();
        }
        if (start, end) == before {
            return (start, end);
        }
    }
}

/// The start of the clause holding byte `at`.
fn clause_start(text: &str, at: usize, floor: usize) -> usize {
    text[floor..at].char_indices().rev().find(|(_, c)| clause_end(*c)).map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].char_indices().rev().find(|(_, c)| sentence_end(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].char_indices().find(|(_, c)| sentence_end(*c)).map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// The noun a count names when written before it (`10余个重点项目`, `46支队伍`): up to the clause's
/// end, the next number, or a word that starts the predicate.
fn noun_after(text: &str, at: usize) -> Option<(usize, usize)> {
    const STOPS: &[&str] = &["的", "达", "已", "实现", "完成", "共", "均", "获", "被", "和", "及", "等", "到"];
    let rest = &text[at..];
    let mut end = 0;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= 12 || clause_end(c) || c.is_ascii_digit() || STOPS.iter().any(|s| rest[i..].starts_with(s)) {
            break;
        }
        end = i + c.len_utf8();
    }
    let name = &rest[..end];
    (name.chars().any(|c| !c.is_ascii_punctuation() && !matches!(c, '“' | '”'))).then_some((at, at + end))
}

/// Byte offset where the plan part starts, for reports without a section tree.
fn plan_start(text: &str, plan_year: Option<i32>) -> usize {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = HEAD.get_or_init(|| {
        Regex::new(r"(?:工作|目标|任务|安排|思路|打算|计划|重点|举措)").expect("the plan heading pattern is valid")
    });
    let plan_words = ["下步", "下一步", "今后", "明年", "新的一年"];
    let mut pos = 0;
    for (n, line) in text.split('\n').enumerate() {
        let short = line.chars().count() <= 40;
        let names_plan_year = plan_year.is_some_and(|y| line.contains(&format!("{y}年")));
        if n > 0
            && ((short && head.is_match(line) && (names_plan_year || plan_words.iter().any(|w| line.contains(w))))
                || line.contains("主要预期目标"))
        {
            return pos;
        }
        pos += line.len() + 1;
    }
    text.len()
}

/// Whether the text at character `pos` is read for indicators.
fn readable(ctx: &Context, pos: usize, fallback_end: usize) -> bool {
    if ctx.sections.is_empty() {
        return pos < fallback_end;
    }
    !matches!(ctx.part_at(pos), Some(Part::Plan | Part::SelfBuilding | Part::Closing))
}

/// Whether a quantity is a figure rather than a threshold, a target or rhetoric.
fn is_figure(text: &str, f: &Found) -> bool {
    let q = &f.quantity;
    let after = &text[f.end..];
    if matches!(q.unit.as_str(), "个百分点" | "百分点") || DURATION_UNITS.contains(&q.unit.as_str()) {
        return false;
    }
    // A threshold qualifying a noun: 超10亿元的企业, 30万以上32个村, 亿元以上项目.
    if after.starts_with('的') || (q.unit != "%" && after.starts_with(|c: char| c.is_ascii_digit())) {
        return false;
    }
    if after.starts_with("目标") || after.starts_with("的目标") {
        return false;
    }
    if f.chinese {
        let v = q.value.unwrap_or(0.0);
        if v < 2.0 || (q.unit == "个" && v < 10.0 && q.qualifier.is_none()) {
            return false;
        }
    }
    true
}

/// The catalog code of a name: as written, then without place and time words and parentheses.
fn code_of(name: &str) -> Option<String> {
    let c = catalog();
    if let Some(code) = c.code_of(name) {
        return Some(code.to_string());
    }
    let mut n = name.to_string();
    for w in ["全镇", "我镇", "镇域", "全年", "全社会", "完成", "实现"] {
        if let Some(rest) = n.strip_prefix(w) {
            n = rest.to_string();
        }
    }
    if let Some(code) = c.code_of(&n) {
        return Some(code.to_string());
    }
    let no_paren: String = {
        let mut depth = 0;
        n.chars()
            .filter(|&ch| match ch {
                '(' => {
                    depth += 1;
                    false
                }
                ')' => {
                    depth -= 1;
                    false
                }
                _ => depth == 0,
            })
            .collect()
    };
    c.code_of(&no_paren).map(str::to_string)
}

/// What one row is built from, in byte offsets of the folded text.
struct Row {
    name: (usize, usize),
    quantity: Option<Quantity>,
    growth: Option<Growth>,
    start: usize,
    end: usize,
    value_at: usize,
}

/// Names in a distributive clause (`限上零、住、餐`, `村集体经济和从业农户年增收`), with a shared
/// head given back to the short ones (零 → 限上零, 住 → 限上住).
fn split_names(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '、' | '和' | '及' | '与') {
            out.push((start + from, start + i));
            from = i + c.len_utf8();
        }
    }
    out.push((start + from, end));
    out.into_iter().map(|(a, b)| trim_name(text, a, b)).filter(|(a, b)| b > a).collect()
}

pub fn extract(ctx: &Context) -> Vec<Indicator> {
    let text = ctx.folded.text.as_str();
    let fallback_end = ctx.folded.char_of(plan_start(text, ctx.meta.plan_year));
    let found: Vec<Found> = number::quantities(text);
    let growths: Vec<Growth> = number::growths(text);
    let in_growth = |f: &Found| growths.iter().any(|g| g.start <= f.start && f.end <= g.end);
    let mut rows: Vec<Row> = Vec::new();
    let mut used_growth: Vec<(usize, usize)> = Vec::new();
    let mut done: Vec<usize> = Vec::new();
    let mut subject: Option<(usize, (usize, usize))> = None; // (sentence start, name)

    let mut i = 0;
    while i < found.len() {
        let f = &found[i];
        i += 1;
        if done.contains(&f.start) || !readable(ctx, ctx.folded.char_of(f.start), fallback_end) || in_growth(f) {
            continue;
        }
        if !is_figure(text, f) {
            continue;
        }
        let (s_start, _) = sentence_bounds(text, f.start);
        let c_start = clause_start(text, f.start, s_start);
        // Distributive: 分别 in the clause, and a list of values joined by 、/和.
        let lead = &text[c_start..f.start];
        if let Some(k) = lead.find("分别") {
            let mut list = vec![f.clone()];
            let mut j = i - 1;
            while let Some(next) = found.get(j + 1) {
                let gap = &text[list[list.len() - 1].end..next.start];
                if matches!(gap, "、" | "和" | "及" | ",") && next.quantity.unit.ends_with(f.quantity.unit.trim_start_matches(['万', '亿'])) {
                    list.push(next.clone());
                    j += 1;
                } else {
                    break;
                }
            }
            let names_end = c_start + k;
            let mut names = split_names(text, c_start, names_end);
            if names.len() < 2 {
                // 分别带动A和B年增收: the names follow 分别.
                let (a, b) = trim_name(text, names_end + "分别".len(), f.start);
                names = split_names(text, a, b);
                // The shared tail (年增收) belongs to every name.
                if names.len() >= 2 {
                    let last = names[names.len() - 1];
                    let _ = last;
                }
            }
            if list.len() >= 2 && names.len() == list.len() {
                let end = list[list.len() - 1].end;
                for (f2, name) in list.iter().zip(names) {
                    done.push(f2.start);
                    rows.push(Row {
                        name,
                        quantity: Some(f2.quantity.clone()),
                        growth: None,
                        start: c_start,
                        end,
                        value_at: f2.start,
                    });
                }
                continue;
            }
        }
        let growth = number::growth_after(text, f.end).filter(|g| !used_growth.contains(&(g.start, g.end)));
        if let Some(g) = &growth {
            used_growth.push((g.start, g.end));
        }
        let mut name = None;
        if MEASURE_WORDS.contains(&f.quantity.unit.trim_start_matches(['万', '亿'])) {
            name = noun_after(text, f.end).map(|(a, b)| trim_name(text, a, b)).filter(|(a, b)| b > a);
        }
        let mut start = f.start;
        if name.is_none() {
            // The words before the value, after any earlier quantity in the clause.
            let from = found[..i - 1]
                .iter()
                .rev()
                .find(|p| p.end > c_start && p.end <= f.start)
                .map_or(c_start, |p| p.end);
            let (a, b) = trim_name(text, from, f.start);
            if b > a {
                name = Some((a, b));
                start = a;
            } else if let Some((_, n)) = subject.filter(|(s, _)| *s == s_start) {
                name = Some(n);
                start = clause_start(text, f.start, s_start);
            }
        }
        let Some(name) = name else { continue };
        if name.0 < f.start {
            subject = Some((s_start, name));
        }
        let end = growth.as_ref().map_or(f.end, |g| g.end).max(if name.0 >= f.end { name.1 } else { f.end });
        rows.push(Row { name, quantity: Some(f.quantity.clone()), growth, start, end, value_at: f.start });
    }

    // Growth phrases with no level of their own.
    for g in &growths {
        if used_growth.contains(&(g.start, g.end)) || !readable(ctx, ctx.folded.char_of(g.start), fallback_end) {
            continue;
        }
        let (s_start, _) = sentence_bounds(text, g.start);
        let c_start = clause_start(text, g.start, s_start);
        let lead = &text[c_start..g.start];
        let phrase = &text[g.start..g.end];
        if lead.contains("分别") || phrase.contains("分别") {
            // 限上零、住、餐分别增长65.6%、9.8%、36.1%
            let mut list = vec![g.clone()];
            let mut rest = g.end;
            static NEXT: OnceLock<Regex> = OnceLock::new();
            let next = NEXT.get_or_init(|| Regex::new(r"^[、和及](\d+(?:\.\d+)?)%").expect("valid"));
            while let Some(c) = next.captures(&text[rest..]) {
                let (Some(m), Some(v)) = (c.get(0), c.get(1)) else { break };
                let v: f64 = v.as_str().parse().unwrap_or(0.0);
                let sign = list[0].pct.map_or(1.0, f64::signum);
                list.push(Growth { pct: Some(sign * v), start: rest, end: rest + m.end(), ..Growth::default() });
                rest += m.end();
            }
            let names_end = if lead.contains("分别") { c_start + lead.find("分别").unwrap_or(0) } else { g.start };
            let names = split_names(text, c_start, names_end);
            if names.len() == list.len() && names.len() >= 2 {
                let head = &text[names[0].0..names[0].1];
                for (k, (gr, name)) in list.into_iter().zip(names.iter()).enumerate() {
                    let _ = k;
                    used_growth.push((gr.start, gr.end));
                    let _ = head;
                    rows.push(Row { name: *name, quantity: None, growth: Some(gr), start: c_start, end: rest, value_at: g.start });
                }
                continue;
            }
        }
        let (a, b) = trim_name(text, c_start, g.start);
        if b <= a {
            continue;
        }
        rows.push(Row { name: (a, b), quantity: None, growth: Some(g.clone()), start: a, end: g.end, value_at: g.start });
    }

    rows.sort_by_key(|r| (r.value_at, r.start));
    let mut out = Vec::new();
    let mut prev_head: Option<String> = None;
    for r in rows {
        let mut name = text[r.name.0..r.name.1].trim().to_string();
        // In a distributive list, a one-character name takes the head of the first (限上零 → 限上住).
        if r.quantity.is_none() && name.chars().count() == 1 {
            if let Some(h) = &prev_head {
                name = format!("{h}{name}");
            }
        } else if r.quantity.is_none() && name.chars().count() > 1 {
            let n = name.chars().count();
            prev_head = Some(name.chars().take(n - 1).collect());
        }
        if name.is_empty() {
            continue;
        }
        let (s_start, s_end) = sentence_bounds(text, r.value_at);
        let period = period_at(&text[s_start..s_end], r.value_at - s_start, ctx.meta.review_year);
        let estimated = text[s_start..r.value_at].contains("预计");
        let start_c = ctx.folded.char_of(r.start.min(r.name.0));
        let end_c = ctx.folded.char_of(r.end.max(r.name.1));
        let quantity = r.quantity.unwrap_or_default();
        let g = r.growth.unwrap_or_default();
        out.push(Indicator {
            section: ctx.section_at(ctx.folded.char_of(r.value_at)),
            indicator_code: code_of(&name),
            name,
            period_year: period.year,
            month_from: period.month_from,
            month_to: period.month_to,
            quantity,
            growth_pct: g.pct,
            growth_multiple: g.multiple,
            change_pp: g.pp,
            estimated,
            span: Span::new(start_c, end_c),
            quote: String::new(),
        });
    }
    out
}
