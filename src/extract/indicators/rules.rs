//! The indicator rules. Each reads one form of text and returns the rows it reads, or nothing
//! when its form is not there; [`super::extract`] tries them in order. The shared state of a
//! report's reading (rows so far, growth phrases taken, the sentence's subject) is the [`Reader`].

use super::figure::names_a_project;
use super::growth::GrowthRun;
use super::names::{clause_end, clause_start, noun_after, ordinal_marker_len, split_names, trim_name, Stops};
use super::words::words;
use super::Row;
use crate::extract::number::{self, Found};
use crate::text::words::ends_with;
use rustc_hash::FxHashSet;

/// A report being read: its text, its quantities and growth phrases, and what the rules decided
/// so far.
pub(super) struct Reader<'a> {
    pub text: &'a str,
    pub found: &'a [Found],
    pub runs: Vec<GrowthRun>,
    pub sentences: Stops,
    pub rows: Vec<Row>,
    /// Starts of growth phrases a level took, and of quantities a list rule read already: sets, as
    /// a text may hold tens of thousands.
    pub used_growth: FxHashSet<usize>,
    pub done: FxHashSet<usize>,
    /// The name of the sentence's last figure: (sentence start, name).
    pub subject: Option<(usize, (usize, usize))>,
}

/// Where one quantity stands: its index, sentence, clause, list clause, and where its own words
/// start (after any earlier quantity of the clause).
pub(super) struct At {
    pub i: usize,
    pub s_start: usize,
    pub c_start: usize,
    pub l_start: usize,
    pub from: usize,
}

/// A row of a level.
fn level_row(rule: &'static str, name: (usize, usize), f: &Found, start: usize, end: usize) -> Row {
    Row { rule, name, name_head: None, quantity: Some(f.quantity.clone()), growth: None, start, end, value_at: f.start }
}

/// `A、B分别为x、y` and `分别带动A和B年增收x、y`: one row per name and value, in order.
pub(super) fn distributive_list(r: &Reader, at: &At) -> Option<Vec<Row>> {
    let (text, f) = (r.text, &r.found[at.i]);
    let k = crate::text::words::find(&text[at.l_start..f.start], "分别")?;
    let mut list = vec![f];
    for next in &r.found[at.i + 1..] {
        let gap = &text[list[list.len() - 1].end..next.start];
        let same_kind = next.quantity.unit_base == f.quantity.unit_base;
        if matches!(gap, "、" | "和" | "及") && same_kind {
            list.push(next);
        } else {
            break;
        }
    }
    let names_end = at.l_start + k;
    let mut names = split_names(text, at.l_start, names_end);
    if names.len() < 2 {
        // 分别带动A和B年增收: the names follow 分别.
        names = split_names(text, names_end + "分别".len(), f.start);
    }
    if list.len() < 2 || names.len() != list.len() || !names.iter().all(|(a, b)| b > a) {
        return None;
    }
    let end = list[list.len() - 1].end;
    Some(list.iter().zip(names).map(|(f2, name)| level_row("distributive_list", name, f2, at.l_start, end)).collect())
}

/// A count and an amount of one noun, written before it (实施6个、95万元的村级项目): two rows named
/// by the noun.
pub(super) fn attributive_pair(r: &Reader, at: &At) -> Option<Vec<Row>> {
    let (text, f) = (r.text, &r.found[at.i]);
    let g = r.found.get(at.i + 1).filter(|g| text[f.end..g.start] == *"、")?;
    let noun_at = g.end + text[g.end..].strip_prefix('的').map(|_| '的'.len_utf8())?;
    let noun = noun_after(text, noun_at).map(|(a, b)| trim_name(text, a, b)).filter(|(a, b)| b > a)?;
    let start = at.from + ordinal_marker_len(&text[at.from..f.start]);
    Some(vec![
        level_row("attributive_pair", noun, f, start, noun.1),
        level_row("attributive_pair", noun, g, start, noun.1),
    ])
}

/// One value shared by a list (化解率、满意度均100%): one row per name.
pub(super) fn shared_value(r: &Reader, at: &At) -> Option<Vec<Row>> {
    let (text, f) = (r.text, &r.found[at.i]);
    let bare_before = &text[at.from..f.start];
    if !(bare_before.ends_with('均') || bare_before.ends_with("均为") || bare_before.ends_with("均达")) {
        return None;
    }
    let list_from = r.found[..at.i]
        .iter()
        .rev()
        .take_while(|p| p.end > at.l_start)
        .find(|p| p.end <= f.start)
        .map_or(at.l_start, |p| p.end);
    let names = split_names(text, list_from, f.start);
    (names.len() >= 2 && names.iter().all(|(a, b)| b > a))
        .then(|| names.into_iter().map(|name| level_row("shared_value", name, f, at.l_start, f.end)).collect())
}

/// A level glued after its growth (支出增长2.6%3.27亿元) takes that growth and its name.
pub(super) fn level_after_growth(r: &mut Reader, at: &At) -> Option<Vec<Row>> {
    let (text, f) = (r.text, &r.found[at.i]);
    let glued = r.runs.get(r.runs.partition_point(|g| g.end < f.start));
    let run = glued.filter(|g| g.end == f.start && g.items.len() == 1 && g.names.is_none())?;
    let (a, b) = trim_name(text, clause_start(text, run.start, at.s_start), run.start);
    if b <= a {
        return None;
    }
    let mut row = level_row("level_after_growth", (a, b), f, a, f.end);
    row.growth = Some(run.items[0].clone());
    r.used_growth.insert(run.start);
    Some(vec![row])
}

/// A level with its name before it (`地区生产总值74.23亿元`), or after it for a count, an extent or
/// an object (`10余个重点项目`, `2775亩土地`, `发放1150万元电子消费券`), or the sentence's subject
/// (`,达到74.23亿元`); the growth phrase right after it is its growth. Amounts and capacities of a
/// project are the project's, not figures of their own.
pub(super) fn level(r: &mut Reader, at: &At) -> Option<Vec<Row>> {
    let (text, f) = (r.text, &r.found[at.i]);
    // A list of rates (同比分别增长5%、8%) belongs to a list of levels, not to the last one alone.
    let growth = number::growth_after(text, f.end).filter(|g| {
        let run = r.runs.get(r.runs.partition_point(|run| run.start < g.start));
        !r.used_growth.contains(&g.start) && !run.is_some_and(|run| run.start == g.start && run.items.len() >= 2)
    });
    if let Some(g) = &growth {
        r.used_growth.insert(g.start);
    }
    let w = words();
    let mut name = None;
    let mut start = f.start;
    let before = trim_name(text, at.from, f.start);
    let before_text = &text[before.0..before.1.max(before.0)];
    let after = noun_after(text, f.end).map(|(a, b)| trim_name(text, a, b)).filter(|(a, b)| b > a);
    let count = w.measure.contains(f.quantity.unit.trim_start_matches(['万', '亿']));
    let multiplied = f.quantity.unit.starts_with(['万', '亿']);
    // Land and length name the thing measured after them (首期2775亩土地, 5公里碧道).
    let extent = matches!(
        f.quantity.unit_base.as_str(),
        "亩" | "公顷" | "平方米" | "平方公里" | "平方千米" | "公里" | "米" | "立方米"
    );
    let open_ended = matches!(f.quantity.qualifier.as_deref(), Some("以上" | "以下" | "左右"));
    if let (Some(n), false) = (after, open_ended || f.quantity.unit == "%") {
        let noun = &text[n.0..n.1];
        let object = before_text.chars().count() <= 2
            || w.object_verbs.iter().any(|v| ends_with(before_text, v) || ends_with(&text[at.from..f.start], v));
        // An amount or capacity of a project (150万件服装生产线建设项目, 总投资约1500万元柑桔专业
        // 市场项目) is not a figure of its own: the project holds it.
        if names_a_project(noun) && (multiplied || !count) {
            return None;
        }
        if (count && !multiplied) || extent || object {
            name = Some(n);
        }
    }
    if name.is_none() {
        name = ratio_name(r, at).or_else(|| count_predicate(r, at, before));
    }
    if name.is_none() {
        if before.1 > before.0 {
            name = Some(before);
            // The quote keeps the clause's own words (全年, 1-11月) but not its list marker (一是).
            start = at.from + ordinal_marker_len(&text[at.from..before.0]);
        } else if let Some((_, n)) = r.subject.filter(|(s, _)| *s == at.s_start) {
            name = Some(n);
            start = at.c_start;
        } else {
            name = opening_subject(r, at);
            start = at.c_start;
        }
    }
    let name = name?;
    if name.0 < f.start {
        r.subject = Some((at.s_start, name));
    }
    let end = growth.as_ref().map_or(f.end, |g| g.end).max(if name.0 >= f.end { name.1 } else { f.end });
    let mut row = level_row("level", name, f, start, end);
    row.growth = growth;
    Some(vec![row])
}

/// The subject of a sentence whose first clause gave no figure (高新技术产业产值首次突破百亿,
/// 达到106亿): the words of its first clause before any number, for a figure in a later clause.
fn opening_subject(r: &Reader, at: &At) -> Option<(usize, usize)> {
    let text = r.text;
    if at.c_start <= at.s_start {
        return None;
    }
    let first_clause_end = text[at.s_start..at.c_start]
        .char_indices()
        .find(|&(_, c)| clause_end(c))
        .map_or(at.c_start, |(i, _)| at.s_start + i);
    let end = text[at.s_start..first_clause_end]
        .char_indices()
        .find(|&(_, c)| c.is_ascii_digit() || "一二两三四五六七八九十百千万亿".contains(c))
        .map_or(first_clause_end, |(i, _)| at.s_start + i);
    let (a, b) = trim_name(text, at.s_start, end);
    (b > a + 3 && text[a..b].chars().count() <= 16).then_some((a, b))
}

/// A ratio to a whole (完成全年任务的70%, 占年初预算80万元的145%) is named by what it is a share of:
/// the clause's words before `的`, up to any amount of the clause, 完成 kept.
fn ratio_name(r: &Reader, at: &At) -> Option<(usize, usize)> {
    let (text, f) = (r.text, &r.found[at.i]);
    let of = text[..f.start].strip_suffix('的')?.len();
    if f.quantity.unit != "%" {
        return None;
    }
    let first_amount = r.found[..at.i].iter().rev().take_while(|p| p.start >= at.c_start).last().map(|p| p.start);
    let end = first_amount.unwrap_or(of).min(of);
    let (mut a, b) = trim_name(text, at.c_start, end);
    if let Some(k) = text[at.c_start..a].rfind("完成") {
        a = at.c_start + k;
    }
    (b > a + 3).then_some((a, b))
}

/// A count of people or households that opens its clause is named by what they do or get
/// (466人实现就业, 全镇215人享受低保, 2549户5304人脱贫): the rest of the clause, after any count
/// glued to it.
/// `before` is the name the words before the count give (trimmed): the count opens its clause
/// when it is empty.
fn count_predicate(r: &Reader, at: &At, before: (usize, usize)) -> Option<(usize, usize)> {
    let (text, f) = (r.text, &r.found[at.i]);
    if !matches!(f.quantity.unit.as_str(), "人" | "户" | "名" | "人次" | "户次") || before.1 > before.0 {
        return None;
    }
    let mut from = f.end;
    for next in &r.found[at.i + 1..] {
        if next.start != from {
            break;
        }
        from = next.end;
    }
    // A count in brackets (44名(共46名)代表) is a note of the figure before it; after a count the
    // note is passed over.
    if text[from..].starts_with(')') {
        return None;
    }
    if text[from..].starts_with('(') {
        from += text[from..].find(')').filter(|&k| k < 40)? + 1;
    }
    let end =
        text[from..].char_indices().find(|&(n, c)| clause_end(c) || n >= 36).map_or(text.len(), |(n, _)| from + n);
    // The verb is part of the name (实现就业): only the tail is trimmed.
    let (_, b) = trim_name(text, from, end);
    let a = from + (text[from..b.max(from)].len() - text[from..b.max(from)].trim_start().len());
    (b > a + 3 && !text[a..b].contains(|c: char| c.is_ascii_digit())).then_some((a, b))
}

/// Levels listed first and their rates after them (地区生产总值60亿元,财政收入2亿元,同比分别增长5%、
/// 8%): the rates go to the levels of the sentence before them, in order. Returns whether it did.
pub(super) fn rates_to_levels(r: &mut Reader, run: &GrowthRun) -> bool {
    let text = r.text;
    if run.items.len() < 2 || !run.names.is_some_and(|(a, b)| text[a..b].trim_start_matches("同比").is_empty()) {
        return false;
    }
    let (s_start, _) = r.sentences.around(text, run.start);
    let levels: Vec<usize> = (0..r.rows.len())
        .filter(|&k| {
            let row = &r.rows[k];
            row.value_at >= s_start && row.value_at < run.start && row.growth.is_none() && row.quantity.is_some()
        })
        .collect();
    if levels.len() < run.items.len() {
        return false;
    }
    // Each level's quote runs through the rates, so it shows its own.
    for (&k, g) in levels[levels.len() - run.items.len()..].iter().zip(&run.items) {
        r.rows[k].growth = Some(g.clone());
        r.rows[k].end = r.rows[k].end.max(run.end);
    }
    true
}

/// Names listed before a list of rates (限上零、住、餐分别增长x、y、z): one row per name; a
/// one-character name takes the head of the first (限上零、住、餐 → 限上住).
pub(super) fn growth_list(r: &Reader, run: &GrowthRun) -> Option<Vec<Row>> {
    let text = r.text;
    let (ns, ne) = run.names?;
    let names = split_names(text, ns, ne);
    if names.len() != run.items.len() || names.len() < 2 || !names.iter().all(|(a, b)| b > a) {
        return None;
    }
    let first = &text[names[0].0..names[0].1];
    let head_len = first.char_indices().next_back().map_or(0, |(i, _)| i);
    Some(
        run.items
            .iter()
            .zip(names)
            .enumerate()
            .map(|(k, (g, name))| {
                let one_char = k > 0 && text[name.0..name.1].chars().count() == 1 && head_len > 0;
                Row {
                    rule: "growth_list",
                    name_head: one_char.then(|| first[..head_len].to_string()),
                    name,
                    quantity: None,
                    growth: Some(g.clone()),
                    start: ns,
                    end: run.end,
                    value_at: g.start,
                }
            })
            .collect(),
    )
}

/// A growth phrase with no level of its own (`诈骗案件同比下降34.8%`, `增长74倍`): a row with no
/// value, named by its clause.
pub(super) fn growth_only(r: &Reader, run: &GrowthRun) -> Option<Vec<Row>> {
    let text = r.text;
    let (s_start, _) = r.sentences.around(text, run.start);
    let (a, b) = trim_name(text, clause_start(text, run.start, s_start), run.start);
    (b > a).then(|| {
        run.items
            .iter()
            .map(|g| Row {
                rule: "growth_only",
                name_head: None,
                name: (a, b),
                quantity: None,
                growth: Some(g.clone()),
                start: a,
                end: run.end,
                value_at: g.start,
            })
            .collect()
    })
}
