//! A project's investment and status, read from its clause or its sentence.

#[allow(unused_imports)]
use super::*;

/// The amounts of each stretch of text already read, by its character range: projects of one
/// clause or sentence share it, and it is read once.
pub(super) type AmountsSeen = rustc_hash::FxHashMap<(usize, usize), Vec<(usize, Amount)>>;

/// The investment stated for a project: in its clause, or in its sentence when the sentence names it
/// alone.
pub(super) fn investment_near(
    ctx: &Context,
    f: &Candidate,
    clause: (usize, usize),
    sentence: (usize, usize),
    in_sentence: usize,
    seen: &mut AmountsSeen,
) -> Option<Amount> {
    if !f.named {
        return None;
    }
    let mut nearest = |s: usize, e: usize| -> Option<Amount> {
        let found = seen.entry((s, e)).or_insert_with(|| amounts_in(ctx, s, e));
        found.iter().min_by_key(|(pos, _)| (s + pos).abs_diff(f.start)).map(|(_, a)| a.clone())
    };
    nearest(clause.0, clause.1).or_else(|| if in_sentence == 1 { nearest(sentence.0, sentence.1) } else { None })
}

/// Investment amounts in characters `s..e` ("总投资约1500万元", "投资近千万元", "工程投资3200余万元"),
/// from the number reader's quantities there, with their character positions from `s`.
pub(super) fn amounts_in(ctx: &Context, s: usize, e: usize) -> Vec<(usize, Amount)> {
    let text = ctx.chars.str(s, e);
    ctx.quantities_in_where(s, e, |q| q.unit.ends_with('元'))
        .into_iter()
        .filter(|f| {
            let before = &text[..f.start];
            let before = before.strip_suffix("金额").unwrap_or(before);
            let before = ["为", "达到", "达"].iter().find_map(|w| before.strip_suffix(w)).unwrap_or(before);
            before.ends_with("投资") || before.ends_with("投入")
        })
        .filter_map(|f| {
            let q = f.quantity;
            Some((q.span.start, Amount { value: q.value?, unit: q.unit.into(), yuan: q.value_base }))
        })
        .collect()
}

/// The status the report gives a project: a status word after the name in its clause, else the verb
/// in front of it.
pub(super) fn status_near(chars: &Chars, f: &Candidate, cs: usize, ce: usize) -> Option<String> {
    let after = chars.str(f.end.min(ce), ce);
    if let Some((_, w)) = status_words().first_in(after) {
        return Some(w.to_string());
    }
    let before = chars.str(cs, f.start.max(cs));
    status_words().last_end_in(before).map(|(_, w)| w.to_string())
}
