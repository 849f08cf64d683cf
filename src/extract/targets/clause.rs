//! The targets of one clause of the plan: levels, rates, lists of rates, zero targets and the
//! qualitative relations of the goal sentence.

#[allow(unused_imports)]
use super::*;
use compact_str::CompactString;

/// One clause to read: its character range and whether it stands in the goal sentence.
pub(super) struct ClauseAt {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) in_goal: bool,
}

pub(super) fn read_clause(ctx: &Context, chars: &Chars, at: ClauseAt, cursor: &mut CueCursor, out: &mut Vec<Target>) {
    let ClauseAt { start: s, end: e, in_goal } = at;
    let t = target_words();
    let clause = chars.str(s, e);
    let in_list = cursor.lists_targets(out.len());
    let mut growths = ctx.growths_in(s, e);
    let lists = rate_lists(clause, &mut growths);
    let quantities: Vec<Found> = ctx
        .quantities_in(s, e)
        .into_iter()
        .filter(|f| !growths.iter().any(|g| f.start < g.end && g.start < f.end))
        .filter(|f| !t.not_target_units.iter().any(|u| *u == f.quantity.unit))
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
    // A target of a rate alone, as the rules below read them.
    let rate =
        |rule: &'static str, name: String, pct: Option<f64>, comparator: Comparator, cue: &Option<String>| Target {
            rule,
            section: ctx.section_at(s),
            indicator_code: code(&name),
            name,
            target_year: year,
            quantity: None,
            growth_pct: pct,
            comparator,
            cue: cue.clone(),
            span,
            quote: String::new(),
        };

    // A rate clause with no name of its own continues the target before it.
    if quantities.is_empty() && growths.len() == 1 {
        let g = &growths[0];
        let name = name_before(clause, g.start);
        if name.chars().count() < 2 {
            if let Some(prev) = out.last_mut() {
                if prev.growth_pct.is_none() && prev.span.end + 1 == s && g.pct.is_some() {
                    prev.growth_pct = g.pct;
                    // A rate joined to a level that a cue alone made a floor: the figures are
                    // as aimed (力争产值3亿元,增长14%), as for a level with its rate.
                    let own = prev.quantity.as_ref().and_then(qualifier_comparator);
                    let by_cue = own.is_none() && prev.comparator == cue_comparator(prev.cue.as_deref());
                    prev.comparator =
                        growth_comparator(g).unwrap_or(if by_cue { Comparator::Exactly } else { prev.comparator });
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
            for part in split_list(&name) {
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
        if in_goal || in_list {
            if let Some(tg) = qualitative_target(clause, span, cue_here(), year) {
                out.push(Target { indicator_code: code(&tg.name), ..tg });
            }
        }
        return;
    }
    let cue = cue_here();
    // A share raised by points (服务业增加值占比提高1个百分点): the change is the target.
    for g in growths.iter().filter(|g| g.pct.is_none() && !quantities.iter().any(|f| f.start < g.start)) {
        let Some(pp) = g.pp else { continue };
        let name = name_before(clause, g.start);
        if name.chars().count() < 2 {
            continue;
        }
        let quantity =
            Quantity { value: Some(pp), unit: CompactString::const_new("个百分点"), ..Quantity::default() };
        out.push(Target {
            rule: "points",
            section: ctx.section_at(s),
            indicator_code: None,
            name,
            target_year: year,
            quantity: Some(quantity),
            growth_pct: None,
            comparator: growth_comparator(g).unwrap_or(Comparator::Exactly),
            cue: cue.clone(),
            span,
            quote: String::new(),
        });
    }
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
                out.push(rate(
                    "rate_list",
                    name,
                    item.pct,
                    growth_comparator(item).or(shared).unwrap_or(Comparator::Exactly),
                    &cue,
                ));
            }
            continue;
        }
        let comparator = growth_comparator(g).unwrap_or(Comparator::Exactly);
        let names = shared_rate_names(clause, g.start, clause[g.start..g.end].starts_with("分别"))
            .unwrap_or_else(|| split_list(&name_before(clause, g.start)));
        for name in names {
            out.push(rate("growth", name, g.pct, comparator, &cue));
        }
    }
    // 以上 after the last of levels listed with 、 holds for all of them (新增甲1家、乙2家、丙5家以上).
    let list_floor = quantities.len() >= 2
        && quantities.last().and_then(|f| qualifier_comparator(&f.quantity)) == Some(Comparator::AtLeast)
        && quantities
            .windows(2)
            .all(|w| clause[w[0].end..w[1].start].contains('、') && !clause[w[0].end..w[1].start].contains(','));
    for (k, f) in quantities.iter().enumerate() {
        // A share of a rate among names (A、B等主体指标增长幅度均超10%).
        if f.quantity.unit == "%"
            && !growths
                .iter()
                .any(|g| g.start >= f.end && g.start < quantities.get(k + 1).map_or(clause.len(), |n| n.start))
        {
            if let Some(names) = shared_rate_names(clause, f.start, false) {
                let comparator = qualifier_comparator(&f.quantity).unwrap_or(Comparator::Exactly);
                for name in names {
                    out.push(rate("shared_rate", name, f.quantity.value, comparator, &cue));
                }
                continue;
            }
        }
        // A count written before its noun (串联已建成的7个示范村, 加快推进4个产业) is named by the noun.
        let mut name = name_before(clause, f.start);
        if name.chars().count() < 3 || name.ends_with('的') {
            let after = name_after(clause, f.end);
            if after.chars().count() >= 2 || name.ends_with('的') || name.is_empty() {
                name = after;
            }
        }
        // A rate right after this level in the same clause belongs to it.
        let next_q = quantities.get(k + 1).map_or(clause.len(), |n| n.start);
        let growth = growths.iter().find(|g| g.start >= f.end && g.start < next_q && g.pct.is_some());
        let comparator = growth
            .and_then(growth_comparator)
            .or_else(|| qualifier_comparator(&f.quantity))
            .or_else(|| written_before(&clause[..f.start]))
            .or(list_floor.then_some(Comparator::AtLeast))
            .unwrap_or_else(|| if growth.is_some() { Comparator::Exactly } else { cue_comparator(cue.as_deref()) });
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
