//! Indicators: the figures the review parts report, one row per (name, value) with its growth,
//! period and provenance span.
//!
//! Which text counts: the parts the section tree marks review, problems, preamble or other (the
//! review-summary preface included). While a report has no section tree, everything before the
//! first plan heading (a short line naming the plan year's work, 下步/下一步/今后 work, or the
//! 主要预期目标 sentence) counts as review.
//!
//! How a row is read, for every quantity the number reader finds there:
//! - quantities that are not figures are left: thresholds (`30万以上32个村`, `超10亿元的企业`,
//!   `80万元以上村`), targets named as such (`突破70亿元目标`), rates inside a growth phrase (they
//!   become the growth of the figure before them), planned figures (`将增加至580张`, `可达`, `力争`),
//!   numbers inside a quoted slogan (`“15分钟生活圈”`), amounts or capacities of a project
//!   (`150万件服装生产线建设项目`), streaks and durations counted in 年/周, and Chinese numerals without
//!   a qualifier or multiplier (`八项规定`, `四张名片`: the genre names things with them);
//! - the name is the words of the same clause before the value, with markers (一是, 其中, 全年,
//!   1-10月...) and verbs (达到, 实现, 增至...) trimmed; a count written before its noun
//!   (`10余个重点项目`), land or length before what it measures (`2775亩土地`) and an amount after a
//!   verb (`发放约1150万元电子消费券`) are named by the noun after them; a clause with no name of its
//!   own (`,达到74.23亿元`) takes the subject of the sentence's previous figure;
//! - distributive clauses (`A、B分别增长x%、y%`, `分别带动A和B年增收x、y`, `化解率、满意度均100%`) give
//!   one row per name; rates glued by the scrape (`下降37.5%25%`) are read as a list;
//! - a growth phrase with no level of its own (`诈骗案件同比下降34.8%`, `增长74倍`) is a row with no
//!   value and an empty unit;
//! - the span runs from the name through the value and its growth phrase, so the quote shows both.

use super::catalog::catalog;
use super::number::{self, Found, Growth};
use super::period::period_at;
use super::Context;
use crate::model::{Indicator, Part, Quantity, Span};
use crate::words::WordList;
use regex::Regex;
use std::collections::HashSet;
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

/// Words that put a clause in the future: its numbers are expected, not done (将增加至580张,
/// 扩建后污水处理能力可达15万吨).
const FUTURE_WORDS: &[&str] = &[
    "将增",
    "将达",
    "将实现",
    "将新增",
    "将提",
    "将建成",
    "将形成",
    "将带动",
    "将超",
    "将突破",
    "将有",
    "可达",
    "可实现",
    "可新增",
    "可带动",
    "计划完成",
    "计划年底",
    "计划于",
    "计划在",
    "计划新增",
    "力争",
    "争取",
    "建成后",
    "扩建后",
    "投产后",
    "达产后",
];

/// Verbs after which an amount is the object and the noun after it names the figure
/// (发放约1150万元电子消费券, 建成1万立方米冷冻库).
const OBJECT_VERBS: &[&str] = &[
    "发放",
    "安排",
    "设立",
    "出台",
    "建成",
    "新建",
    "投入",
    "落实",
    "兑现",
    "拨付",
    "筹集",
    "下达",
    "引进",
    "打造",
    "实施",
    "流转",
    "整治",
    "改造",
    "拆除",
    "建设",
    "修建",
    "铺设",
    "种植",
    "提供",
    "吸引",
    "带动",
    "争取",
    "申报",
    "获得",
    "获批",
    "完成",
    "新增",
    "新一轮",
    "收储",
    "盘活",
    "腾出",
    "清理",
    "治理",
];

/// Words trimmed from the head of a name, repeatedly.
const LEAD_WORDS: &[&str] = &[
    "截至目前",
    "与此同时",
    "其中",
    "同时",
    "此外",
    "另外",
    "目前",
    "今年",
    "全年",
    "年内",
    "当年",
    "全镇",
    "我镇",
    "本镇",
    "累计",
    "共计",
    "合计",
    "先后",
    "以及",
    "我们",
    "成功",
    "顺利",
    "实现",
    "完成",
    "共",
    "并",
    "且",
    "和",
    "及",
    "已",
    "另",
    "均",
    "总共",
    "预计",
    "初步",
];

/// Words trimmed from the tail of a name, repeatedly.
const TAIL_WORDS: &[&str] = &[
    "增加到",
    "提升至",
    "提升到",
    "提高至",
    "提高到",
    "增长到",
    "缩短至",
    "缩短到",
    "下降到",
    "下降至",
    "减少到",
    "达到了",
    "达到",
    "已达",
    "增至",
    "降至",
    "约为",
    "高达",
    "多达",
    "共计",
    "累计",
    "合计",
    "仅仅",
    "只有",
    "分别",
    "同比",
    "平均",
    "实现",
    "完成",
    "突破",
    "超过",
    "达",
    "为",
    "超",
    "约",
    "近",
    "逾",
    "共",
    "已",
    "仅",
    "了",
    "均",
    "是",
    "有",
    "在",
    "于",
    "继",
    "也",
    "又",
    "还",
    "再",
    "仍",
    "将",
    "至",
    "到",
    "总计",
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
/// `s.starts_with(w)`, byte by byte: trimming tries every word of a list on every name, and most
/// tries fail within a byte or two, where `starts_with` calls memcmp.
fn has_prefix(s: &str, w: &str) -> bool {
    s.len() >= w.len() && s.bytes().zip(w.bytes()).all(|(a, b)| a == b)
}

/// `s.ends_with(w)`, byte by byte from the end (see [`has_prefix`]).
fn has_suffix(s: &str, w: &str) -> bool {
    s.len() >= w.len() && s.bytes().rev().zip(w.bytes().rev()).all(|(a, b)| a == b)
}

fn trim_name(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    loop {
        let s = &text[start..end];
        let before = (start, end);
        if let Some(m) = lead_marker_re().find(s) {
            // The heading-marker branch eats one character after the marker; give it back.
            let cut = if m
                .as_str()
                .ends_with(|c: char| !matches!(c, ')' | '、' | '.' | ' ' | '“' | '”') && !c.is_ascii_digit())
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
        if let Some(w) = LEAD_WORDS.iter().find(|w| has_prefix(s, w)) {
            start += w.len();
        }
        let s = &text[start..end];
        if let Some(m) = tail_marker_re().find(s) {
            if m.start() > 0 {
                end = start + m.start();
            }
        }
        let s = &text[start..end];
        if let Some(w) = TAIL_WORDS.iter().find(|w| has_suffix(s, w)) {
            end -= w.len();
        }
        if (start, end) == before {
            return (start, end);
        }
    }
}

/// Length of a list marker (一是, 其中) opening a clause.
fn ordinal_marker_len(s: &str) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^(?:[一二三四五六七八九十]+是|其中|同时|此外|另外)").expect("valid"));
    re.find(s).map_or(0, |m| m.end())
}

/// The start of the clause holding byte `at`.
fn clause_start(text: &str, at: usize, floor: usize) -> usize {
    text[floor..at].char_indices().rev().find(|(_, c)| clause_end(*c)).map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// Where the stops of a text (sentence ends) stand, found once: the sentence around a figure is then
/// found by binary search, not by scanning from the figure both ways (a sentence listing thousands
/// of figures was scanned once per figure).
struct Stops {
    at: Vec<usize>,
}

impl Stops {
    fn new(text: &str, stop: fn(char) -> bool) -> Self {
        Stops { at: text.char_indices().filter(|&(_, c)| stop(c)).map(|(i, _)| i).collect() }
    }

    /// The stretch holding byte `at`: after the last stop before it, up to the first stop at or
    /// after it.
    fn around(&self, text: &str, at: usize) -> (usize, usize) {
        let k = self.at.partition_point(|&p| p < at);
        let start = k.checked_sub(1).map_or(0, |j| {
            let p = self.at[j];
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
        (start, self.at.get(k).copied().unwrap_or(text.len()))
    }
}

/// How far (in bytes) a figure's sentence is read either side of it for its period and 预计: a
/// sentence of a report is far shorter; a text that never ends a sentence is then read in time
/// proportional to its length, not to its square.
const SENTENCE_REACH: usize = 4096;

/// The part of the sentence [start, end) within [`SENTENCE_REACH`] of byte `at`, on character
/// boundaries.
fn near(text: &str, start: usize, end: usize, at: usize) -> (usize, usize) {
    let mut s = start.max(at.saturating_sub(SENTENCE_REACH));
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let mut e = end.min(at.saturating_add(SENTENCE_REACH));
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    (s.min(at), e.max(at))
}

/// The end of a full sentence: 。 or the line's end (semicolons inside).
fn full_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '\n')
}

/// The noun a count names when written before it (`10余个重点项目`, `46支队伍`): up to the clause's
/// end, the next number, or a word that starts the predicate.
fn noun_after(text: &str, at: usize) -> Option<(usize, usize)> {
    const STOPS: &[&str] = &[
        "的", "达", "已", "实现", "完成", "共", "均", "获", "被", "和", "及", "等", "到", "鼓励", "用于", "支持",
        "推动", "助力", "保障", "覆盖", "投入", "入股", "提供", "参加", "参与", "享受", "登记", "辖区", "建成", "全部",
        "通过", "纳入", "开展", "进行", "实施", "落地", "签约", "开工", "投产", "完工", "获得", "累计",
    ];
    let rest = &text[at..];
    let mut end = 0;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= 12 || clause_end(c) || c.is_ascii_digit() || STOPS.iter().any(|s| has_prefix(&rest[i..], s)) {
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

/// Whether a quantity is a figure rather than a threshold, a target, a modifier or rhetoric.
/// [`FUTURE_WORDS`], for one-pass search.
fn future_words() -> &'static WordList {
    static WORDS: OnceLock<WordList> = OnceLock::new();
    WORDS.get_or_init(|| WordList::new(&FUTURE_WORDS.iter().map(|w| w.to_string()).collect::<Vec<_>>()))
}

fn is_figure(text: &str, f: &Found, clause: &str) -> bool {
    let q = &f.quantity;
    let after = &text[f.end..];
    let next = after.chars().next();
    let cjk_next = next.is_some_and(|c| !clause_end(c) && !c.is_ascii() && !matches!(c, '(' | ')' | '“' | '”' | '》'));
    if matches!(q.unit.as_str(), "个百分点" | "百分点") || DURATION_UNITS.contains(&q.unit.as_str()) {
        return false;
    }
    // A threshold qualifying a noun: 超10亿元的企业, 30万以上32个村, 80万元以上村, 亿元以上项目.
    if after.starts_with('的') || (q.unit != "%" && after.starts_with(|c: char| c.is_ascii_digit())) {
        return false;
    }
    if matches!(q.qualifier.as_deref(), Some("以上" | "以下")) && cjk_next {
        return false;
    }
    if after.starts_with("目标") || after.starts_with("的目标") {
        return false;
    }
    // Inside a slogan or a name in quotes: “15分钟生活圈”, 省“65条”.
    // (Only the last 8 characters can hold that quote mark: the search looks no further back.)
    let before = &text[..f.start];
    let near = before.char_indices().rev().nth(7).map_or(0, |(i, _)| i);
    if let Some(open) = before[near..].rfind('“').map(|i| near + i) {
        if !before[open..].contains('”') {
            return false;
        }
    }
    // What is planned or expected, not done: 将增加至580张, 可达15万吨, 计划完成60%.
    if future_words().any_in(clause) {
        return false;
    }
    // Chinese numerals in these reports mostly name things (八项规定, 十件民生实事, 四张名片); a count
    // written in characters is taken only with a qualifier or a multiplier (十余场, 两百万余元).
    if f.chinese && q.qualifier.is_none() && !q.unit.starts_with(['万', '亿']) && q.value.unwrap_or(0.0) < 100.0 {
        return false;
    }
    true
}

/// Whether a figure in `unit_base` can be a value of an indicator of kind `unit_kind`: a count of
/// villages (8个村集体经济收入) is not the villages' income.
fn unit_fits(unit_kind: &str, unit_base: &str) -> bool {
    if unit_base.is_empty() {
        // A growth with no level, or a bare 万/亿: the name decides.
        return true;
    }
    match unit_kind {
        "money" => unit_base.ends_with('元'),
        "share" | "ratio" => unit_base == "%" || unit_base == "‰",
        "area" => matches!(unit_base, "亩" | "公顷" | "平方米" | "平方公里" | "平方千米"),
        "mass" => matches!(unit_base, "吨" | "公斤" | "千克" | "克" | "斤"),
        "length" => matches!(unit_base, "公里" | "米" | "千米"),
        "people" => matches!(unit_base, "人" | "人次" | "名" | "位"),
        _ => !unit_base.ends_with('元') && unit_base != "%",
    }
}

/// The catalog code of a name: as written, then without place and time words and parentheses;
/// only when the figure's unit fits the indicator.
fn code_of(name: &str, unit_base: &str) -> Option<String> {
    let c = catalog();
    let mut candidates = vec![name.to_string()];
    let mut n = name.to_string();
    for w in ["全镇", "我镇", "镇域", "全年", "全社会", "完成", "实现"] {
        if let Some(rest) = n.strip_prefix(w) {
            n = rest.to_string();
        }
    }
    candidates.push(n.clone());
    let mut depth = 0i32;
    candidates.push(
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
                _ => depth <= 0,
            })
            .collect(),
    );
    candidates.iter().find_map(|cand| {
        let code = c.code_of(cand)?;
        let entry = c.entries.iter().find(|e| e.code == code)?;
        unit_fits(&entry.unit_kind, unit_base).then(|| code.to_string())
    })
}

/// What one row is built from, in byte offsets of the folded text.
struct Row {
    name: (usize, usize),
    /// Words the text leaves to the first name of a list (限上 of 限上零、住、餐).
    name_head: Option<String>,
    quantity: Option<Quantity>,
    growth: Option<Growth>,
    start: usize,
    end: usize,
    value_at: usize,
}

/// Names in a distributive clause (`限上零、住、餐`, `村集体经济和从业农户年增收`).
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
    out.into_iter().map(|(a, b)| trim_name(text, a, b)).collect()
}

/// The start of the clause holding byte `at` when a list (A、B、C) belongs to it.
fn list_clause_start(text: &str, at: usize, floor: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c != &'、' && clause_end(*c))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// A growth phrase, or a distributive list of them (分别增长65.6%、9.8%、36.1%).
struct GrowthRun {
    items: Vec<Growth>,
    /// Where the names of a distributive list start.
    names: Option<(usize, usize)>,
    start: usize,
    end: usize,
}

fn growth_runs(text: &str, sentences: &Stops) -> Vec<GrowthRun> {
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let next = NEXT.get_or_init(|| {
        Regex::new(r"^(?:[、和及]|,)?([-+−])?(\d+(?:\.\d+)?)(%|个百分点)").expect("the list pattern is valid")
    });
    let mut runs: Vec<GrowthRun> = Vec::new();
    for g in number::growths(text) {
        if runs.last().is_some_and(|r| g.start < r.end) {
            continue;
        }
        let (s_start, _) = sentences.around(text, g.start);
        let c_start = list_clause_start(text, g.start, s_start);
        let lead = &text[c_start..g.start];
        let phrase = &text[g.start..g.end];
        let mut run = GrowthRun { items: vec![g.clone()], names: None, start: g.start, end: g.end };
        if lead.ends_with("分别") || phrase.contains("分别") || lead.contains("分别") {
            // Signs written on each rate (同比分别-6.2%、-19.3%) are each rate's own; a verb's sign
            // (分别下降37.5%、25%) holds for the whole list.
            let signed = phrase.contains(['-', '+', '−']);
            let sign = if signed { 1.0 } else { g.pct.or(g.pp).or(g.multiple).map_or(1.0, f64::signum) };
            let mut rest = g.end;
            while let Some(c) = next.captures(&text[rest..]) {
                let (Some(m), Some(v), Some(u)) = (c.get(0), c.get(2), c.get(3)) else { break };
                let own = if c.get(1).is_some_and(|s| s.as_str() != "+") { -1.0 } else { 1.0 };
                let v: f64 = own * v.as_str().parse().unwrap_or(0.0);
                let mut item = Growth { start: rest, end: rest + m.end(), ..Growth::default() };
                if u.as_str() == "%" {
                    item.pct = Some(sign * v);
                } else {
                    item.pp = Some(sign * v);
                }
                run.items.push(item);
                rest += m.end();
            }
            run.end = rest;
            let names_end = lead.find("分别").map_or(g.start, |k| c_start + k);
            run.names = Some((c_start, names_end));
        }
        runs.push(run);
    }
    runs
}

pub fn extract(ctx: &Context) -> Vec<Indicator> {
    let text = ctx.folded.text.as_str();
    let fallback_end = ctx.folded.char_of(plan_start(text, ctx.meta.plan_year));
    let readable_at = |byte: usize| readable(ctx, ctx.folded.char_of(byte), fallback_end);
    let found: Vec<Found> = number::quantities(text);
    let sentences = Stops::new(text, sentence_end);
    let runs = growth_runs(text, &sentences);
    // Runs are in text order and apart: the one that could hold a figure is found by binary search.
    let in_growth = |f: &Found| {
        let k = runs.partition_point(|r| r.start <= f.start);
        k > 0 && f.end <= runs[k - 1].end
    };
    let mut rows: Vec<Row> = Vec::new();
    // Starts of growth phrases taken by a level, and of figures already read: sets, as a text may
    // hold tens of thousands.
    let mut used_growth: HashSet<usize> = HashSet::new();
    let mut done: HashSet<usize> = HashSet::new();
    let mut subject: Option<(usize, (usize, usize))> = None; // (sentence start, name)

    for (i, f) in found.iter().enumerate() {
        if done.contains(&f.start) || !readable_at(f.start) || in_growth(f) {
            continue;
        }
        let (s_start, _) = sentences.around(text, f.start);
        let c_start = clause_start(text, f.start, s_start);
        if !is_figure(text, f, &text[c_start..f.start]) {
            continue;
        }
        // The words before the value start after any earlier quantity in the clause.
        // (Figures are in text order: going back stops at the clause's start.)
        let from = found[..i]
            .iter()
            .rev()
            .take_while(|p| p.end > c_start)
            .find(|p| p.end <= f.start)
            .map_or(c_start, |p| p.end);
        // Distributive: 分别 in the clause, and a list of values joined by 、/和.
        let l_start = list_clause_start(text, f.start, s_start);
        let lead = &text[l_start..f.start];
        if let Some(k) = lead.find("分别") {
            let mut list = vec![f];
            for next in &found[i + 1..] {
                let gap = &text[list[list.len() - 1].end..next.start];
                let same_kind = next.quantity.unit_base == f.quantity.unit_base;
                if matches!(gap, "、" | "和" | "及") && same_kind {
                    list.push(next);
                } else {
                    break;
                }
            }
            let names_end = l_start + k;
            let mut names = split_names(text, l_start, names_end);
            if names.len() < 2 {
                // 分别带动A和B年增收: the names follow 分别.
                names = split_names(text, names_end + "分别".len(), f.start);
            }
            if list.len() >= 2 && names.len() == list.len() && names.iter().all(|(a, b)| b > a) {
                let end = list[list.len() - 1].end;
                for (f2, name) in list.iter().zip(names) {
                    done.insert(f2.start);
                    rows.push(Row {
                        name_head: None,
                        name,
                        quantity: Some(f2.quantity.clone()),
                        growth: None,
                        start: l_start,
                        end,
                        value_at: f2.start,
                    });
                }
                continue;
            }
        }
        // One value shared by a list (化解率、满意度均100%): one row per name.
        let bare_before = &text[from..f.start];
        if bare_before.ends_with('均') || bare_before.ends_with("均为") || bare_before.ends_with("均达") {
            let list_from = found[..i]
                .iter()
                .rev()
                .take_while(|p| p.end > l_start)
                .find(|p| p.end <= f.start)
                .map_or(l_start, |p| p.end);
            let names = split_names(text, list_from, f.start);
            if names.len() >= 2 && names.iter().all(|(a, b)| b > a) {
                for name in names {
                    rows.push(Row {
                        name_head: None,
                        name,
                        quantity: Some(f.quantity.clone()),
                        growth: None,
                        start: l_start,
                        end: f.end,
                        value_at: f.start,
                    });
                }
                continue;
            }
        }
        // A level glued after its growth (支出增长2.6%3.27亿元) takes that growth and its name.
        let glued = runs.get(runs.partition_point(|r| r.end < f.start));
        if let Some(run) = glued.filter(|r| r.end == f.start && r.items.len() == 1 && r.names.is_none()) {
            let (a, b) = trim_name(text, clause_start(text, run.start, s_start), run.start);
            if b > a {
                used_growth.insert(run.start);
                rows.push(Row {
                    name_head: None,
                    name: (a, b),
                    quantity: Some(f.quantity.clone()),
                    growth: Some(run.items[0].clone()),
                    start: a,
                    end: f.end,
                    value_at: f.start,
                });
                continue;
            }
        }
        // A list of rates (同比分别增长5%、8%) belongs to a list of levels, not to the last one alone.
        let growth = number::growth_after(text, f.end).filter(|g| {
            let run = runs.get(runs.partition_point(|r| r.start < g.start));
            !used_growth.contains(&g.start) && !run.is_some_and(|r| r.start == g.start && r.items.len() >= 2)
        });
        if let Some(g) = &growth {
            used_growth.insert(g.start);
        }
        let mut name = None;
        let mut start = f.start;
        let before = trim_name(text, from, f.start);
        let before_text = &text[before.0..before.1.max(before.0)];
        let after = noun_after(text, f.end).map(|(a, b)| trim_name(text, a, b)).filter(|(a, b)| b > a);
        let count = MEASURE_WORDS.contains(&f.quantity.unit.trim_start_matches(['万', '亿']));
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
                || OBJECT_VERBS.iter().any(|v| before_text.ends_with(v) || text[from..f.start].ends_with(v));
            // An amount or capacity of a project (150万件服装生产线建设项目, 总投资约1500万元柑桔专业
            // 市场项目) is not a figure of its own: the project holds it.
            if ["项目", "工程", "生产线"].iter().any(|w| noun.contains(w)) && (multiplied || !count) {
                continue;
            }
            if (count && !multiplied) || extent || object {
                name = Some(n);
            }
        }
        if name.is_none() {
            if before.1 > before.0 {
                name = Some(before);
                // The quote keeps the clause's own words (全年, 1-11月) but not its list marker (一是).
                start = from + ordinal_marker_len(&text[from..before.0]);
            } else if let Some((_, n)) = subject.filter(|(s, _)| *s == s_start) {
                name = Some(n);
                start = c_start;
            }
        }
        let Some(name) = name else { continue };
        if name.0 < f.start {
            subject = Some((s_start, name));
        }
        let end = growth.as_ref().map_or(f.end, |g| g.end).max(if name.0 >= f.end { name.1 } else { f.end });
        rows.push(Row {
            name_head: None,
            name,
            quantity: Some(f.quantity.clone()),
            growth,
            start,
            end,
            value_at: f.start,
        });
    }

    // Growth phrases with no level of their own.
    for run in &runs {
        if used_growth.contains(&run.start) || !readable_at(run.start) {
            continue;
        }
        // Levels listed first and their rates after them (地区生产总值60亿元,财政收入2亿元,同比分别
        // 增长5%、8%): the rates go to the levels of the sentence before them, in order.
        if run.items.len() >= 2 && run.names.is_some_and(|(a, b)| text[a..b].trim_start_matches("同比").is_empty()) {
            let (s_start, _) = sentences.around(text, run.start);
            let levels: Vec<usize> = (0..rows.len())
                .filter(|&k| {
                    let r = &rows[k];
                    r.value_at >= s_start && r.value_at < run.start && r.growth.is_none() && r.quantity.is_some()
                })
                .collect();
            if levels.len() >= run.items.len() {
                for (&k, g) in levels[levels.len() - run.items.len()..].iter().zip(&run.items) {
                    rows[k].growth = Some(g.clone());
                }
                continue;
            }
        }
        if let Some((ns, ne)) = run.names {
            let mut names = split_names(text, ns, ne);
            if names.len() == run.items.len() && names.len() >= 2 && names.iter().all(|(a, b)| b > a) {
                // A one-character name takes the head of the first (限上零、住、餐 → 限上住).
                let first = &text[names[0].0..names[0].1];
                let head_len = first.char_indices().next_back().map_or(0, |(i, _)| i);
                let mut heads = vec![None; names.len()];
                for (k, n) in names.iter_mut().enumerate().skip(1) {
                    if text[n.0..n.1].chars().count() == 1 && head_len > 0 {
                        heads[k] = Some(first[..head_len].to_string());
                    }
                }
                for ((g, name), head) in run.items.iter().zip(names).zip(heads) {
                    rows.push(Row {
                        name_head: None,
                        name,
                        quantity: None,
                        growth: Some(g.clone()),
                        start: ns,
                        end: run.end,
                        value_at: g.start,
                    });
                    if let (Some(h), Some(r)) = (head, rows.last_mut()) {
                        r.name_head = Some(h);
                    }
                }
                continue;
            }
        }
        let (s_start, _) = sentences.around(text, run.start);
        let c_start = clause_start(text, run.start, s_start);
        let (a, b) = trim_name(text, c_start, run.start);
        if b <= a {
            continue;
        }
        for g in &run.items {
            rows.push(Row {
                name_head: None,
                name: (a, b),
                quantity: None,
                growth: Some(g.clone()),
                start: a,
                end: run.end,
                value_at: g.start,
            });
        }
    }

    rows.sort_by_key(|r| (r.value_at, r.start));
    let full = Stops::new(text, full_stop);
    rows.into_iter().filter_map(|r| row_to_indicator(ctx, &full, r)).collect()
}

fn row_to_indicator(ctx: &Context, full: &Stops, r: Row) -> Option<Indicator> {
    let text = ctx.folded.text.as_str();
    let name = format!("{}{}", r.name_head.as_deref().unwrap_or(""), text[r.name.0..r.name.1].trim());
    if name.is_empty() {
        return None;
    }
    // A period or 预计 written at the head of a sentence holds across its semicolons
    // (预计全镇地区生产总值15.2亿元;新增固定资产投资6917万元;...).
    let (s_start, s_end) = full.around(text, r.value_at);
    let (s_start, s_end) = near(text, s_start, s_end, r.value_at);
    let period = period_at(&text[s_start..s_end], r.value_at - s_start, ctx.meta.review_year);
    let estimated = text[s_start..r.value_at].contains("预计");
    let start_c = ctx.folded.char_of(r.start.min(r.name.0));
    let end_c = ctx.folded.char_of(r.end.max(r.name.1));
    let g = r.growth.unwrap_or_default();
    let quantity = r.quantity.unwrap_or_default();
    Some(Indicator {
        section: ctx.section_at(ctx.folded.char_of(r.value_at)),
        indicator_code: code_of(&name, &quantity.unit_base),
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReportMeta;
    use crate::read::Folded;

    fn run(text: &str) -> Vec<Indicator> {
        let folded = Folded::new(text);
        let meta = ReportMeta { review_year: Some(2024), plan_year: Some(2025), ..ReportMeta::default() };
        let ctx = Context { folded: &folded, sections: &[], meta: &meta };
        let mut rows = extract(&ctx);
        for r in &mut rows {
            r.quote = text.chars().skip(r.span.start).take(r.span.end - r.span.start).collect();
        }
        rows
    }

    fn find<'a>(rows: &'a [Indicator], name: &str) -> &'a Indicator {
        rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no row named {name}: {rows:#?}"))
    }

    #[test]
    fn level_growth_and_quote_from_one_clause() {
        let rows = run("二是全年税收收入约3.77亿元,同比增长63%,一般公共预算收入约2.06亿元,同比增长50%。");
        assert_eq!(rows.len(), 2, "{rows:#?}");
        let r = find(&rows, "税收收入");
        assert_eq!((r.quantity.value, r.quantity.unit.as_str()), (Some(3.77), "亿元"));
        assert_eq!(r.quantity.value_base, Some(377_000_000.0));
        assert_eq!((r.growth_pct, r.quantity.qualifier.as_deref()), (Some(63.0), Some("约")));
        assert_eq!(r.quote, "全年税收收入约3.77亿元,同比增长63%");
        assert_eq!(r.indicator_code.as_deref(), Some("tax_revenue"));
        assert_eq!((r.period_year, r.month_from, r.month_to), (Some(2024), None, None));
    }

    #[test]
    fn a_clause_without_a_name_takes_the_subject() {
        let rows = run(
            "一是规上工业产值继2023年突破60亿大关之后,2024年仍然持续上扬突破70亿元目标,达到74.23亿元,同比增长23.75%。",
        );
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.quantity.value, r.period_year, r.growth_pct)).collect();
        assert_eq!(
            v,
            vec![
                ("规上工业产值", Some(60.0), Some(2023), None),
                ("规上工业产值", Some(74.23), Some(2024), Some(23.75))
            ]
        );
    }

    #[test]
    fn distributive_growths_give_one_row_per_name() {
        let rows = run("1-10月,限上零、住、餐分别增长65.6%、9.8%、36.1%。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.growth_pct, r.month_to)).collect();
        assert_eq!(
            v,
            vec![("限上零", Some(65.6), Some(10)), ("限上住", Some(9.8), Some(10)), ("限上餐", Some(36.1), Some(10))]
        );
        assert!(rows.iter().all(|r| r.quantity.value.is_none() && r.quantity.unit.is_empty()));
    }

    #[test]
    fn glued_distributive_declines() {
        // The scrape lost the 和 between the two rates: 分别下降37.5%25%.
        let rows = run("全年各类生产安全事故数、亡人数分别下降37.5%25%。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.growth_pct)).collect();
        assert_eq!(v, vec![("各类生产安全事故数", Some(-37.5)), ("亡人数", Some(-25.0))]);
    }

    #[test]
    fn rates_listed_after_the_levels_go_back_to_them() {
        let rows = run("全年实现税收收入5.2亿元,一般公共预算收入1.6亿元,同比分别-3.5%、+8.1%。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.quantity.value, r.growth_pct)).collect();
        assert_eq!(v, vec![("税收收入", Some(5.2), Some(-3.5)), ("一般公共预算收入", Some(1.6), Some(8.1))]);
        let rows = run("完成工业产值12亿元、服务业营收3亿元,同比分别增长6%、9%。");
        let v: Vec<_> = rows.iter().map(|r| (r.quantity.value, r.growth_pct)).collect();
        assert_eq!(v, vec![(Some(12.0), Some(6.0)), (Some(3.0), Some(9.0))]);
    }

    #[test]
    fn distributive_levels_after_fenbie() {
        let rows = run("分别带动村集体经济和从业农户年增收100万元、28万元以上。");
        let v: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.quantity.value, r.quantity.value_base)).collect();
        assert_eq!(
            v,
            vec![("带动村集体经济", Some(100.0), Some(1_000_000.0)), ("从业农户年增收", Some(28.0), Some(280_000.0))]
        );
    }

    #[test]
    fn glued_values_give_two_rows() {
        let rows = run("本地企业占比57.2%22.3%。");
        let v: Vec<_> = rows.iter().map(|r| r.quantity.value).collect();
        assert_eq!(v, vec![Some(57.2), Some(22.3)]);
    }

    #[test]
    fn multiples_and_declines() {
        let rows = run("外贸进出口总额同比增长74倍。全年办公经费33.34万,同比下降9.9%。");
        let r = find(&rows, "外贸进出口总额");
        assert_eq!((r.growth_multiple, r.growth_pct, r.quantity.value), (Some(74.0), None, None));
        let r = find(&rows, "办公经费");
        assert_eq!((r.quantity.value, r.quantity.unit.as_str(), r.growth_pct), (Some(33.34), "万", Some(-9.9)));
    }

    #[test]
    fn share_change_in_points() {
        let rows = run("倍增试点企业占全镇规上工业比重27.9%,比重同比提高2.7个百分点。");
        assert_eq!(rows.len(), 1, "{rows:#?}");
        assert_eq!((rows[0].quantity.value, rows[0].change_pp), (Some(27.9), Some(2.7)));
    }

    #[test]
    fn thresholds_slogans_years_and_ordinals_are_not_indicators() {
        let rows = run("以“3113”工作体系为抓手,构建“141”体系。湖镇镇第十五届人民代表大会。2024年是关键之年。其中,30万以上32个村,全年签约制造业亿元以上投资项目4个,产值超10亿元的企业仅4家。");
        let v: Vec<_> = rows.iter().map(|r| (r.quantity.value, r.quantity.unit.as_str())).collect();
        assert_eq!(v, vec![(Some(32.0), "个"), (Some(4.0), "个"), (Some(4.0), "家")]);
    }

    #[test]
    fn counts_before_their_noun_are_named_by_it() {
        let rows = run("实施江滩治理等8个项目,共吸引46支队伍、800余人参赛。");
        let v: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(v, vec!["项目", "队伍", "参赛"]);
    }

    #[test]
    fn plan_part_is_not_read_without_sections() {
        let rows = run("一、2024年工作回顾\n全年新增就业岗位205个。\n二、2025年工作安排\n新增就业岗位300个。");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].quantity.value, Some(205.0));
        assert_eq!(rows[0].indicator_code.as_deref(), Some("new_jobs"));
    }

    #[test]
    fn estimated_holds_across_semicolons() {
        let rows = run("预计全镇地区生产总值15.2亿元;新增固定资产投资6917万元。全年种植粮食20.5万亩。");
        let v: Vec<_> = rows.iter().map(|r| r.estimated).collect();
        assert_eq!(v, vec![true, true, false]);
    }

    #[test]
    fn catalog_code_needs_a_fitting_unit() {
        let rows = run("8个村集体经济收入均超50万,村集体经济收入1200万元。");
        let codes: Vec<_> = rows.iter().map(|r| (r.quantity.unit.as_str(), r.indicator_code.as_deref())).collect();
        assert!(codes.contains(&("个", None)), "{codes:?}");
        assert!(codes.contains(&("万元", Some("village_collective_income"))), "{codes:?}");
    }

    #[test]
    fn future_figures_are_left() {
        assert!(run("扩建后污水处理能力可达15万吨/日,病床位数将增加至580张。").is_empty());
    }

    #[test]
    fn never_panics_on_cut_or_odd_text() {
        let text = "一、2024年工作回顾\n一是规上工业产值继2023年突破60亿大关,达到74.23亿元,同比增长23.75%;限上零、住、餐分别增长65.6%、9.8%、36.1%,化解率、满意度均100%,分别带动村集体经济和从业农户年增收100万元、28万元以上,下降37.5%25%,(1)“15分钟”逾万人次两百万余元5-8分钟";
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &a in cuts.iter().step_by(3) {
            let _ = run(&text[a..]);
            let _ = run(&text[..a]);
        }
        for odd in ["", "分别", "均100%", "、、、分别增长1%", "1-", "%%%", "\n\n", "一是", "达到1亿元"]
        {
            let _ = run(odd);
        }
    }
}
