//! Project names: names ending in a project word, enumerated names, their lead words trimmed, and
//! the generic names that are no project.

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

/// Items of an enumeration closed by a project category: "A、B、C等8个项目" → A, B, C; or by a
/// count of facilities sharing their head: "A、B等三大综合体" → A, B.
pub(super) fn enumerated_in_clause(chars: &Chars, cs: usize, ce: usize) -> Vec<Candidate> {
    static COUNT: OnceLock<Regex> = OnceLock::new();
    let count = COUNT.get_or_init(|| Regex::new(r"^[0-9一二三四五六七八九十两]*(个|大|座|处)?").expect("valid regex"));
    let mut out = Vec::new();
    let marks = chars[cs..ce].iter().enumerate().filter(|&(_, &c)| c == '等').map(|(k, _)| cs + k);
    for i in marks {
        let Some(end) = category_after(chars, i, ce) else { continue };
        let tail = chars.str(i + 1, end);
        // "等开展招商引资和项目建设": a verb after 等 starts an action, not a category of projects.
        if opens_with_verb(tail) {
            continue;
        }
        // Before a facility word, only a count and kind words ("三大综合体", not "9个村…照料中心").
        let kind = |head: &str| {
            let rest = count.find(head).map_or(head, |m| &head[m.end()..]);
            rest.is_empty() || only_kind_words(rest)
        };
        let facility = project_words().weak_suffixes.iter().find_map(|w| tail.strip_suffix(w.as_str()));
        if !facility.map_or_else(|| is_generic(tail), kind) {
            continue;
        }
        let rule = if facility.is_some() { "shared_head" } else { "enumerated" };
        // Items run back from 等 over enumeration commas (and the 以及 before a list's last item)
        // to the start of the clause.
        let mut item_end = i;
        let mut j = i;
        while j > cs {
            j -= 1;
            let joiner = match chars[j] {
                '、' => 1,
                '及' if j > cs && chars[j - 1] == '以' => 2,
                _ => 0,
            };
            if joiner > 0 || j == cs {
                let item_start = if joiner > 0 { j + 1 } else { j };
                let s = strip_lead(chars, item_start, item_end);
                let name = chars.str(s, item_end);
                let n = name.chars().count();
                if (2..=30).contains(&n) && !is_generic(name) && !name.chars().any(|c| c.is_ascii_digit()) {
                    out.push(Candidate { name: name.to_string(), start: s, end: item_end, named: false, rule });
                }
                item_end = j + 1 - joiner.max(1);
                if joiner == 2 {
                    j -= 1;
                }
            }
        }
    }
    out
}

/// Whether a text opens with a verb of two characters or more that names no kind of project
/// ("开展", "推进"; not "新建" of "等新建项目").
fn opens_with_verb(text: &str) -> bool {
    // (The verbs are chosen once, not at each 等.)
    static VERBS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let verbs = VERBS.get_or_init(|| {
        let t = project_words();
        t.inner_verbs
            .iter()
            .filter(|v| v.chars().count() >= 2 && !t.generic_words.contains(v))
            .map(String::as_str)
            .collect()
    });
    verbs.iter().any(|v| text.starts_with(v))
}

/// How many characters a category may run before its project word after 等.
pub(super) const CATEGORY_LEAD: usize = 14;

/// The end of the category that closes an enumeration at the 等 at `at` (a character before
/// `ce`, the clause's end): after 等, at most [`CATEGORY_LEAD`] characters that are neither 、 nor
/// 等, then a project word (a strong suffix, else a weak one: "等8个项目", "等三大综合体"). The
/// fewest characters are tried first, and at each place the words in list order.
pub(super) fn category_after(chars: &Chars, at: usize, ce: usize) -> Option<usize> {
    let t = project_words();
    // (Only the words that end inside the clause.)
    let clause = &chars[..ce];
    for pos in at + 1..=(at + 1 + CATEGORY_LEAD).min(ce) {
        if let Some(w) = t.strong_chars.at(clause, pos).or_else(|| t.weak_chars.at(clause, pos)) {
            return Some(pos + w.len());
        }
        if pos == ce || matches!(chars[pos], '、' | '等') {
            return None;
        }
    }
    None
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
    let subject = SUBJECT.get_or_init(|| Regex::new(r"^\p{Han}{2,4}?(街道|镇|乡)").expect("valid regex"));
    // (Each expression is asked only of a text that can open with it: the town within the first
    // six characters, the amount, count, size or date with one of its first characters.)
    let names_a_town = |s: &str| s.chars().take(6).any(|c| matches!(c, '镇' | '乡' | '街'));
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

/// A name made only of category words, counts and quotes ("重点项目", "8个项目", "“八大百亿”项目"),
/// after the town and year that own a list.
pub(super) fn is_generic(name: &str) -> bool {
    // The town that owns a list is no part of a name ("石梁镇2023年民生实事项目").
    static PLACE: OnceLock<Regex> = OnceLock::new();
    let place = PLACE.get_or_init(|| Regex::new(r"^[0-9年]*\p{Han}{2,3}(镇|乡|街道)").expect("valid regex"));
    // (A name without 镇, 乡 or 街 names no town, and is not searched for one.)
    let owner = name.contains(['镇', '乡', '街']).then(|| place.find(name)).flatten();
    is_kind(owner.map_or(name, |m| &name[m.end()..]))
}

/// Every candidate name is checked against every generic and lead word: one automaton pass
/// drops them all (longest match first), instead of one search and one copy per word.
fn generic_and_lead_words() -> &'static AhoCorasick {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS.get_or_init(|| {
        let t = project_words();
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(t.generic_words.iter().chain(&t.lead_words))
            .expect("the term lists build an automaton")
    })
}

/// Words made of category and lead words only, nothing else ("产业" of "产业集聚区"; not "四季").
pub(super) fn only_kind_words(words: &str) -> bool {
    !words.is_empty() && outside_kind_words(words).all(str::is_empty)
}

/// Text made of category and lead words, digits, counts and marks only, nothing else
/// ("2025年民生实事候选项目"; not "美乡村项目").
pub(super) fn only_kind_text(text: &str) -> bool {
    outside_kind_words(text)
        .flat_map(str::chars)
        .all(|c| c.is_ascii_digit() || "“”\"()《》.一二三四五六七八九十百千万个项件批".contains(c))
}

/// The stretches of `text` between its category and lead words (leftmost-longest, as they are
/// read), the last after the last word: what is left when the words are taken out.
fn outside_kind_words(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    let words = generic_and_lead_words().find_iter(text).map(|m| (m.start(), m.end()));
    words.chain(std::iter::once((text.len(), text.len()))).map(move |(s, e)| {
        let gap = &text[at..s];
        at = e;
        gap
    })
}

/// Words made only of category words, counts and quotes, a town's name included.
pub(super) fn is_kind(name: &str) -> bool {
    // "3个子项目", "19个入库项目": a count of projects (a numeral, then 个, 项, 批 or 件).
    let numeral =
        |c: char| matches!(c, '0'..='9' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两');
    if name.chars().zip(name.chars().skip(1)).any(|(a, b)| matches!(b, '个' | '项' | '批' | '件') && numeral(a)) {
        return true;
    }
    if name.starts_with('“') && name.contains("”项目") && name.chars().count() <= 10 {
        return true;
    }
    let quote_or_paren = |c: char| matches!(c, '“' | '”' | '"' | '(' | ')');
    let stripped: std::borrow::Cow<str> = if name.contains(quote_or_paren) {
        name.chars().filter(|&c| !quote_or_paren(c)).collect::<String>().into()
    } else {
        name.into()
    };
    !opens_with_two_left_over(&stripped) && kind_by_words(&stripped)
}

/// The numerals and count words a category name may hold besides its words ("十大", "3个").
const COUNTS: &[char] =
    &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '个', '项', '批', '.'];

/// A character that counts against a category name once its words are dropped: neither a digit
/// nor a count (a category name has fewer than two such characters).
fn left_over(c: char) -> bool {
    !(c.is_ascii_digit() || COUNTS.contains(&c))
}

/// Whether a name's first two characters are both left over: neither opens a category or lead
/// word (so neither is inside one: no word starts before them) nor is a digit or a count. Most
/// project names open so ("柑桔市场"), and are told no category without the automaton's search.
fn opens_with_two_left_over(name: &str) -> bool {
    static HEADS: OnceLock<Ends> = OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        let t = project_words();
        Ends::heads(t.generic_words.iter().chain(&t.lead_words).map(String::as_str))
    });
    let mut chars = name.chars();
    matches!((chars.next(), chars.next()), (Some(a), Some(b))
        if [a, b].into_iter().all(|c| left_over(c) && !heads.files_under(c)))
}

/// Whether what is left of `name` once its category and lead words are dropped, without digits and
/// counts, is under two characters: counted between the matches, stopping at the second.
fn kind_by_words(name: &str) -> bool {
    let words = generic_and_lead_words();
    let mut left = 0;
    let mut from = 0;
    for m in words.find_iter(name).map(|m| m.range()).chain(std::iter::once(name.len()..name.len())) {
        left += name[from..m.start].chars().filter(|&c| left_over(c)).count();
        if left >= 2 {
            return false;
        }
        from = m.end;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts of category and lead words, their first characters (which start overlapping and
    /// unfinished words) and other characters.
    fn kind_texts() -> impl Strategy<Value = String> {
        let t = project_words();
        let words: Vec<String> = t.generic_words.iter().chain(&t.lead_words).cloned().collect();
        let heads: Vec<String> = words.iter().filter_map(|w| w.chars().next()).map(String::from).collect();
        let others: Vec<String> = ["美", "2025", "年", "个", "“", "乡村"].map(String::from).to_vec();
        let piece = prop_oneof![
            proptest::sample::select(words),
            proptest::sample::select(heads),
            proptest::sample::select(others)
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        /// The stretches outside the words are what taking every word out (the automaton's own
        /// replacement) leaves.
        #[test]
        fn a_name_opening_with_two_left_over_is_no_category(text in kind_texts()) {
            if opens_with_two_left_over(&text) {
                prop_assert!(!kind_by_words(&text), "{}", text);
            }
        }

        #[test]
        fn outside_kind_words_is_what_taking_them_out_leaves(text in kind_texts()) {
            let words = generic_and_lead_words();
            let left = words.replace_all(&text, &vec![""; words.patterns_len()]);
            prop_assert_eq!(outside_kind_words(&text).collect::<String>(), left);
        }
    }
}
