//! Names, comparators and lists of targets: the words before and after a figure, 以上/左右/突破
//! as comparators, rate lists (分别增长6%、9%).

#[allow(unused_imports)]
use super::*;
use crate::text::names::Trimmer;

/// Whether byte `at` of a clause stands inside quotation marks.
pub(super) fn in_quotes(clause: &str, at: usize) -> bool {
    let before = &clause[..at];
    before.matches('“').count() > before.matches('”').count()
}

/// One rate or promise given for two names joined by 和 ("数字经济增加值和数字经济核心产业增加值年均增速
/// 20%以上") is a target for each.
pub(super) fn split_list(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name.split('和').collect();
    if parts.len() == 2 && parts.iter().all(|p| p.chars().count() >= 4) {
        parts.iter().map(|p| p.to_string()).collect()
    } else {
        vec![name.to_string()]
    }
}

/// Names that share one rate (A、B、C分别增长5%左右, A、B等主体指标增长幅度均超10%): the items
/// of the enumeration before 分别 or 均, up to its 等. `distributive` says whether the rate's own
/// text opens with 分别.
pub(super) fn shared_rate_names(clause: &str, byte: usize, distributive: bool) -> Option<Vec<String>> {
    let before = &clause[..byte];
    let cut = if distributive { Some(before.len()) } else { before.rfind("分别").or_else(|| before.rfind('均')) }?;
    let mut names = &before[..cut];
    if let Some(k) = names.rfind('等').filter(|&k| names[..k].contains('、')) {
        names = &names[..k];
    }
    let items: Vec<&str> = names.split('、').collect();
    let parts: Vec<String> = items.iter().map(|p| name_before(p, p.len())).filter(|p| p.chars().count() >= 2).collect();
    (parts.len() >= 2 && parts.len() == items.len()).then_some(parts)
}

/// Rates listed after a distributive rate (分别增长6%、9%以上): the number reader reads the first as
/// a growth and the rest as bare percentages. They are added to `growths` (kept in text order) and
/// each list is returned as (index of its first rate, number of rates).
pub(super) fn rate_lists(clause: &str, growths: &mut Vec<Growth>) -> Vec<(usize, usize)> {
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
        // A list of targets joins plain rates with 、 or 和 (分别增长6%、9%以上).
        while let Some(r) =
            number::rate_item_at(clause, end).filter(|r| matches!(r.sep, Some('、' | '和')) && !r.signed && !r.points)
        {
            out.push(Growth {
                pct: Some(sign * r.value),
                qualifier: r.qualifier,
                start: end,
                end: r.end_with_qualifier,
                ..Growth::default()
            });
            end = r.end_with_qualifier;
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
pub(super) fn list_names(name: &str, n: usize) -> Vec<String> {
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
pub(super) fn shift(mut q: Quantity, by: usize) -> Quantity {
    q.span = Span::new(q.span.start + by, q.span.end + by);
    q
}

/// The clause's span without surrounding spaces.
pub(super) fn trimmed_span(chars: &[char], mut s: usize, mut e: usize) -> Span {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    Span::new(s, e)
}

/// A figure that qualifies a noun rather than counting it: "20亿元以上产值企业3家", "年产100万吨...".
pub(super) fn is_modifier(clause: &str, f: &Found) -> bool {
    let before = &clause[..f.start];
    let near = &before[before.char_indices().rev().take(6).last().map_or(before.len(), |(b, _)| b)..];
    if before.ends_with('年') || near.contains("年产") {
        return true;
    }
    // A threshold followed by what it qualifies and then the count.
    let after = &clause[f.end..];
    let seg_end = after.find(['、', ',']).unwrap_or(after.len());
    let threshold = f.quantity.qualifier.as_deref() == Some("以上")
        && !after.is_empty()
        && number::quantities(&after[..seg_end]).iter().any(|n| n.quantity.value.is_some());
    // An amount that classes a noun by size (10亿元企业1家).
    let t = target_words();
    let class = f.quantity.unit_base == "元" && t.class_nouns.iter().any(|n| after.starts_with(n.as_str()));
    // An amount put into a named work before the verb that does it (投资200万元建成采摘园); put
    // into a measured output (投入2亿元建设6万平方米厂房) it is the plan's figure.
    let put_in = f.quantity.unit_base == "元"
        && (before.ends_with("投资") || before.ends_with("投入"))
        && t.project_amount_verbs.iter().any(|v| {
            after.strip_prefix(v.as_str()).is_some_and(|object| !object.starts_with(|c: char| c.is_ascii_digit()))
        });
    // Persons elected at a session (选举产生镇长1名).
    let elected = matches!(f.quantity.unit.as_str(), "名" | "人" | "位")
        && t.election_words.iter().any(|w| before.contains(w.as_str()));
    threshold || class || put_in || elected
}

/// A comparison word the number reader leaves in front of a figure ("不少于3400米").
pub(super) fn written_before(before: &str) -> Option<Comparator> {
    target_words().at_least.iter().any(|w| before.ends_with(w.as_str())).then_some(Comparator::AtLeast)
}

pub(super) fn growth_comparator(g: &Growth) -> Option<Comparator> {
    g.qualifier.as_deref().and_then(comparator_of)
}

pub(super) fn qualifier_comparator(q: &Quantity) -> Option<Comparator> {
    q.qualifier.as_deref().and_then(comparator_of)
}

pub(super) fn comparator_of(word: &str) -> Option<Comparator> {
    let t = target_words();
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

pub(super) fn cue_comparator(cue: Option<&str>) -> Comparator {
    match cue {
        Some(c) if target_words().at_least_cues.iter().any(|w| w == c) => Comparator::AtLeast,
        _ => Comparator::Exactly,
    }
}

/// A clause of the goal sentence with no figure: a relation (高于, 正增长, 同步) is a target.
pub(super) fn qualitative_target(clause: &str, span: Span, cue: Option<String>, year: Option<i32>) -> Option<Target> {
    let t = target_words();
    let find =
        |list: &[String]| list.iter().filter_map(|w| crate::text::words::find(clause, w).map(|b| (b, w.clone()))).min();
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

/// The name in front of a figure: the clause up to it, without cue and movement words (trimmed by
/// the one trimmer of names, with the targets' words).
pub(super) fn name_before(clause: &str, byte: usize) -> String {
    let mut s = clause[..byte].trim();
    // Only the last item of an enumeration names this figure.
    if let Some(i) = s.rfind('、') {
        s = &s[i + '、'.len_utf8()..];
    }
    // What follows the words of the goal names the figure (2025年全镇经济预期目标达到税收6.5亿元).
    if let Some(i) = s.rfind("目标").map(|i| i + "目标".len()).filter(|&i| s[i..].chars().count() >= 2) {
        s = &s[i..];
    }
    let (a, b) = trimmer().trim(s);
    s[a..b].trim().to_string()
}

/// The targets' trimmer: their lead words (cues, 全年, 完成…) and tail words (movement words and
/// qualifiers).
fn trimmer() -> &'static Trimmer {
    static T: OnceLock<Trimmer> = OnceLock::new();
    T.get_or_init(|| {
        let t = target_words();
        Trimmer::new(&t.lead_words, &t.tail_words, crate::extract::number::WORDS_ENDING_IN_A_QUALIFIER, true)
    })
}

/// The name after a figure, for clauses that put the number first ("优化升级全镇6个居家养老服务中心站点").
pub(super) fn name_after(clause: &str, byte: usize) -> String {
    let rest = &clause[byte..];
    let end = rest.find(['、', '(', ',']).unwrap_or(rest.len());
    rest[..end].trim_start_matches(['的', '以', '上']).trim().to_string()
}
