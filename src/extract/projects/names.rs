//! Project names: names ending in a project word, read back to the start of their phrase, with
//! the verbs, dates and investment before them trimmed.

#[allow(unused_imports)]
use super::*;

pub(super) fn ends_with_at(chars: &[char], end: usize, word: &[char]) -> bool {
    end >= word.len() && starts_with_at(chars, end - word.len(), word)
}

/// Whether `word` stands at `pos`. Called for nearly every character against whole term lists, and
/// most tries fail at the first character: compared character by character, a failed try costs
/// one comparison, where a slice comparison calls memcmp.
pub(super) fn starts_with_at(chars: &[char], pos: usize, word: &[char]) -> bool {
    chars.get(pos..).is_some_and(|rest| rest.len() >= word.len() && rest.iter().zip(word).all(|(a, b)| a == b))
}

/// The status words, for one-pass search.
pub(super) fn status_words() -> &'static WordList {
    static WORDS: OnceLock<WordList> = OnceLock::new();
    WORDS.get_or_init(|| WordList::new(&project_words().status_words))
}

/// Whether a clause says something is being built or has a status (so a weak suffix names a project).
pub(super) fn has_status_word(clause: &str) -> bool {
    status_words().any_in(clause)
}

/// Names ending in a project word inside one clause.
pub(super) fn named_in_clause(ctx: &Context, cs: usize, ce: usize) -> Vec<Candidate> {
    let chars = &ctx.chars;
    let t = project_words();
    let mut out = Vec::new();
    let mut clause_builds: Option<bool> = None;
    let mut i = cs;
    while i < ce {
        // The next character that may start a project word.
        match chars[i..ce].iter().position(|&c| t.suffix_starts.contains(c)) {
            Some(k) => i += k,
            None => break,
        }
        let strong = t.strong_chars.at(chars, i);
        let weak = t.weak_chars.at(chars, i);
        let (suffix, is_strong) = match (strong, weak) {
            (Some(s), _) if continues_word(chars, i + s.len()) => {
                i += 1;
                continue;
            }
            (Some(s), _) => (s, true),
            (None, Some(w)) if !continues_word(chars, i + w.len()) => (w, false),
            _ => {
                i += 1;
                continue;
            }
        };
        let mut end = i + suffix.len();
        // (Whether the clause builds or invests is asked once per clause.)
        let builds = *clause_builds.get_or_insert_with(|| has_status_word(chars.str(cs, ce)) || invests(ctx, cs, ce));
        let building = builds || joins_a_list(chars, end, ce);
        if !is_strong && !building {
            i = end;
            continue;
        }
        if let Some(ph) = t.phase_chars.at(chars, end) {
            end += ph.len();
        }
        // "...项目工程": the longer word ends the name.
        if let Some(s) = t.strong_chars.at(chars, end) {
            end += s.len();
        }
        let end = section_bracket_end(chars, end, ce);
        if end > ce {
            break;
        }
        let judged = followed_by(chars, end, ce).or_else(|| {
            let bare = end == i + suffix.len();
            (!is_strong && bare).then(|| followed_by_size(chars, end, ce)).flatten()
        });
        // A facility word after kind words only ("设立产业集聚区") names a kind of facility.
        let kind_only = |f: &Candidate| {
            let head = f.name.strip_suffix(chars.str(i, i + suffix.len())).unwrap_or(&f.name);
            !is_strong && only_kind_words(head)
        };
        // (A word judged no name is not read back to the name's start.)
        if judged.is_none() {
            if let Some(f) = name_ending_at(chars, cs, end).filter(|f| !kind_only(f)) {
                out.push(f);
            }
        }
        i = end;
    }
    out
}

/// The name that ends at `end`, reading back to the start of its phrase inside the clause.
pub(super) fn name_ending_at(chars: &Chars, cs: usize, end: usize) -> Option<Candidate> {
    // A name does not run across an enumeration comma, 等 (which closes an enumeration), 的
    // (which closes a description: "总投资3.1亿元的划船塘光伏发电项目") or a percentage.
    // 及/和 join two names when 项目 or 工程 stands before them ("...提升工程及职工宿舍项目"); after
    // a facility word they may join two parts of one name ("某某小学及某某幼儿园连接道路提升项目").
    let t = project_words();
    let mut start = end;
    while start > cs && !matches!(chars[start - 1], '、' | '等' | '的' | '%') {
        // A note in brackets may stand between the first name and 及 ("…项目(已完工)和…项目").
        let mut before = start - 1;
        if before > cs && chars[before - 1] == ')' {
            before = (cs..before - 1).rev().find(|&k| chars[k] == '(').unwrap_or(before);
        }
        if matches!(chars[start - 1], '及' | '和' | '与')
            && t.strong_chars.words.iter().any(|s| ends_with_at(chars, before, s))
        {
            break;
        }
        start -= 1;
    }
    // What follows 等 names the kind of the items before it, not a project.
    if start > cs && chars[start - 1] == '等' {
        return None;
    }
    // A name in quotes starts at its opening quote; a quoted list in a name is not cut at its
    // enumeration comma ("“千村示范、万村整治”工程").
    if let Some(q) = (start..end).rev().find(|&k| chars[k] == '“') {
        if !chars[q..end].contains(&'”') {
            start = q + 1;
        }
    }
    // A name does not run back out of a bracket it stands in; a bracket that says what a figure
    // includes ("产值10.7亿元(含物流园区)") names no project.
    if let Some(b) = (start..end).rev().find(|&k| chars[k] == '(') {
        if !chars[b..end].contains(&')') {
            if t.inclusion_words.iter().any(|w| chars.str(b + 1, end).starts_with(w.as_str())) {
                return None;
            }
            start = b + 1;
        }
    }
    let closes_first = (start..end).find(|&k| matches!(chars[k], '“' | '”')).is_some_and(|k| chars[k] == '”');
    if closes_first {
        if let Some(q) = (cs..start).rev().find(|&k| chars[k] == '“') {
            start = q;
        }
    }
    // What follows a verb of joining a list is the list ("…成功入选市重点项目"); what a town asks
    // of higher levels is a funding scheme ("向上争取某某项目").
    let listed = (start..end).any(|k| joins_a_list(chars, k, end) || honoured_at(chars, k, end));
    if listed || asks_for_funds(chars.str(cs, end)) {
        return None;
    }
    let mut start = strip_lead(chars, start, end);
    // "新森辉投资500万元新增一条…生产线": the name follows the investment and its verb.
    if let Some(after) = after_investment(chars, start, end) {
        start = after;
    }
    // A verb inside the run starts the name after it; a category after it means no project at all
    // ("小微园完成签约项目", "将聚焦重大项目"), and so does a bare project word after a verb that takes
    // it as its object ("狠抓项目", "率先完成项目"), unless the two make a noun ("新建项目").
    for k in (start..end).rev() {
        let Some(v) = t.inner_verb_chars.at(chars, k) else { continue };
        let raw = chars.str(k + v.len(), end);
        // After a word of one character, only kind words, counts and marks: "和美乡村" is a name.
        let kind = if v.len() > 1 { is_generic(raw) } else { only_kind_text(raw) };
        if kind {
            let verb: String = v.iter().collect();
            if t.strong_suffixes.iter().any(|s| s == raw) && t.compound_verbs.contains(&verb) {
                continue;
            }
            return None;
        }
        // A verb of one character or at the start moves nothing: it may be part of the name; a
        // preposition does ("某公司把某某项目列为重点").
        let after = strip_lead(chars, k + v.len(), end);
        let moves = v.len() > 1 || t.prepositions.iter().any(|p| p.chars().eq(v.iter().copied()));
        if k > start && moves && end - after >= 6 {
            start = after;
            break;
        }
    }
    let name = chars.str(start, end);
    let bare_suffix = t
        .strong_suffixes
        .iter()
        .chain(&t.weak_suffixes)
        .any(|s| ends_with(name, s) && name.chars().count() < s.chars().count() + 2);
    let starts_with_suffix = t.strong_suffixes.iter().any(|s| starts_with(name, s));
    let ok = !bare_suffix && !starts_with_suffix && !is_generic(name) && !is_programme(name);
    (ok && name.chars().count() <= 40).then(|| Candidate {
        name: name.to_string(),
        start,
        end,
        named: true,
        rule: "named",
    })
}

/// Where the name starts after an investment phrase and its verb inside the run
/// ("某公司投资500万元建设气调标准库" → 气调标准库), if one stands there.
pub(super) fn after_investment(chars: &Chars, start: usize, end: usize) -> Option<usize> {
    static INVEST: OnceLock<Regex> = OnceLock::new();
    let invest = INVEST.get_or_init(|| {
        Regex::new(r"(投资|投入)(资金)?(约|近|超|达|超过)?[0-9.]+(余|多)?(万|亿|千万)?元").expect("valid regex")
    });
    let run = chars.str(start, end);
    // (Every match holds 投 and ends in 元: a run without both is not searched.)
    if !(run.contains('投') && run.contains('元')) {
        return None;
    }
    let m = invest.find_iter(run).last()?;
    let at = start + run[..m.end()].chars().count();
    let s = strip_lead(chars, at, end);
    (at > start && end - s >= 4).then_some(s)
}

/// Drops verbs, adverbs, dates, an investment phrase and a size from the front of a name
/// ("10月底", "总投资800万元", "近15万平方米", "一条").
pub(super) fn strip_lead(chars: &Chars, mut start: usize, end: usize) -> usize {
    static AMOUNT: OnceLock<Regex> = OnceLock::new();
    let amount = AMOUNT.get_or_init(|| {
        Regex::new(
            r"^([0-9]{1,2}[.、](\s)*|(总投资|工程投资|投资|投入)?(约|近|超|达|超过)?([0-9.]+(万|亿)?(至|到|-|~))?[0-9.]+(余)?(万|亿|千万)?元(以上|以下)?|[0-9.一二两三四五六七八九十]+[条座处所]|(约|近|超|达)?[0-9.]+(余|多)?(万|千)?(平方米|平方公里|公里|千米|米|亩|公顷)(余|多)?|[0-9]{4}年|[0-9]{1,2}月(底|初|份|末|上旬|中旬|下旬)?)",
        )
            .expect("valid regex")
    });
    // The town that acts, before its verb of two characters or more ("某某街道紧抓…").
    static SUBJECT: OnceLock<Regex> = OnceLock::new();
    let subject = SUBJECT.get_or_init(|| {
        Regex::new(&format!(r"^\p{{Han}}{{2,4}}?({})", crate::model::TOWNSHIP_ENDINGS.join("|"))).expect("valid regex")
    });
    // (Each expression is asked only of a text that can open with it: the town within the first
    // six characters, the amount, count, size or date with one of its first characters.)
    let names_a_town =
        |s: &str| s.chars().take(6).any(|c| crate::model::TOWNSHIP_ENDINGS.iter().any(|e| e.starts_with(c)));
    let opens_an_amount = |s: &str| {
        s.starts_with(|c: char| {
            matches!(c, '0'..='9' | '.' | '总' | '工' | '投' | '约' | '近' | '超' | '达')
                || matches!(c, '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
        })
    };
    let t = project_words();
    loop {
        let before = start;
        let rest = chars.str(start, end);
        if let Some(m) = names_a_town(rest).then(|| subject.find(rest)).flatten() {
            let at = start + m.as_str().chars().count();
            if t.lead_chars.at(chars, at).is_some_and(|w| w.len() > 1) && at + 2 <= end {
                start = at;
            }
        }
        // The lead words, by the one trimmer of names (at least two characters stay).
        let rest = chars.str(start, end);
        start += rest[..trimmer().trim(rest).0].chars().count();
        let rest = chars.str(start, end);
        if let Some(m) = opens_an_amount(rest).then(|| amount.find(rest)).flatten() {
            let n = m.as_str().chars().count();
            if n > 0 && start + n + 2 <= end {
                start += n;
            }
        }
        if start == before {
            return start;
        }
    }
}

/// The projects' trimmer: their lead words (verbs, adverbs); a name keeps two characters or more.
fn trimmer() -> &'static crate::text::names::Trimmer {
    static T: OnceLock<crate::text::names::Trimmer> = OnceLock::new();
    T.get_or_init(|| crate::text::names::Trimmer::new(&project_words().lead_words, &[], &[], false))
}
