//! Forms around a name that decide whether it is a project: what follows a project word (a count,
//! a noun it modifies, a section in brackets), and companies named in brackets after a count of
//! projects.

#[allow(unused_imports)]
use super::*;

/// Why the text after a name ending in a project word shows it names no project, if it does:
/// - `counted_category`: a count follows ("协调项目10个", "市级以上科技项目3项"): the words name a
///   kind of project and the report counts them;
/// - `modifier`: the project word modifies the noun after it ("招商项目库", "公路项目资金",
///   "完成工程总量", "生态环境项目方面").
pub(super) fn followed_by(chars: &Chars, end: usize, ce: usize) -> Option<&'static str> {
    static COUNT: OnceLock<Regex> = OnceLock::new();
    let count = COUNT.get_or_init(|| {
        Regex::new(r"^[0-9一二三四五六七八九十两百]+(\.[0-9]+)?(余|多)?[个项件批家]").expect("valid regex")
    });
    let after = chars.str(end.min(ce), ce);
    // "…工程4个项目" closes a list of named items with their number: those are projects.
    let closes_list = |m: regex::Match| after[m.end()..].starts_with("项目") || after[m.end()..].starts_with("工程");
    // (The count opens with a numeral: an `after` that does not is not searched.)
    let opens_count = after.starts_with(|c: char| {
        matches!(c, '0'..='9' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两' | '百')
    });
    if opens_count && count.find(after).is_some_and(|m| !closes_list(m)) {
        return Some("counted_category");
    }
    if project_words().modified_heads.iter().any(|w| after.starts_with(w.as_str())) {
        return Some("modifier");
    }
    None
}

/// `sized_category`: a facility word followed by a size or a number of places ("新建某好公路10公里",
/// "建成冷库3座"): the report measures what it built of a kind, it does not name one.
pub(super) fn followed_by_size(chars: &Chars, end: usize, ce: usize) -> Option<&'static str> {
    static SIZE: OnceLock<Regex> = OnceLock::new();
    let size = SIZE.get_or_init(|| {
        Regex::new(r"^(约|近|超)?[0-9.一二三四五六七八九十两百千万]+(余|多)?(万|千)?(公里|千米|米|平方米|亩|公顷|座|处|条|所|间)")
            .expect("valid regex")
    });
    size.is_match(chars.str(end.min(ce), ce)).then_some("sized_category")
}

/// Whether the word ending at `end` goes on into a longer word, so that a facility word there is
/// not the end of a name ("小学生", "中学生": pupils, not a school).
pub(super) fn continues_word(chars: &Chars, end: usize) -> bool {
    chars.get(end).is_some_and(|c| project_words().word_continuations.contains(c))
}

/// Whether a verb of joining a list ("入选", "列入") stands at `at`, before `end`, after what may
/// be other words of its clause ("成功入选").
pub(super) fn joins_a_list(chars: &Chars, at: usize, end: usize) -> bool {
    verb_at(chars, at, end, &project_words().award_heads)
}

/// Whether a verb of an honour ("获评", "被评为") stands at `at`: what follows it is the honour.
pub(super) fn honoured_at(chars: &Chars, at: usize, end: usize) -> bool {
    verb_at(chars, at, end, &project_words().honour_heads)
}

fn verb_at(chars: &Chars, at: usize, end: usize, verbs: &Ends) -> bool {
    let rest = chars.str(at.min(end), end);
    let rest = ["成功", "被", "获批", "已"].iter().find_map(|w| rest.strip_prefix(w)).unwrap_or(rest);
    verbs.head_of(rest).is_some()
}

/// Whether a clause asks higher levels for what it names ("向上争取某某项目", "争取上级某某项目
///资金"): a funding scheme, not a project of the town.
pub(super) fn asks_for_funds(clause: &str) -> bool {
    project_words().scheme_verbs.iter().any(|w| contains(clause, w))
}

/// The end of a name that goes on with a section in brackets after its project word
/// ("某某高速公路(东段)", "某某大道(一期至二期段)").
pub(super) fn section_bracket_end(chars: &Chars, end: usize, ce: usize) -> usize {
    if chars.get(end) != Some(&'(') {
        return end;
    }
    let close = (end + 1..ce.min(end + 14)).find(|&k| matches!(chars[k], ')' | '('));
    match close {
        Some(k) if chars[k] == ')' && chars[k - 1] == '段' => k + 1,
        _ => end,
    }
}

/// Whether the clause (characters `cs..ce`) invests in what it names ("投资500万元新增一条…生产线"): a building word for
/// the names that need one.
pub(super) fn invests(ctx: &Context, cs: usize, ce: usize) -> bool {
    !amounts_in(ctx, cs, ce).is_empty()
}

/// A programme of work named like a project ("某某人才培育工程", "“党建+网格”体系治理工程").
pub(super) fn is_programme(name: &str) -> bool {
    name.ends_with("工程") && project_words().programme_words.iter().any(|w| name.contains(w.as_str()))
        || is_numbered_slogan(name)
}

/// A slogan of numbered parts ("两区两基地", "“三园一中心”"): two or more numerals, each before a
/// word of one to three characters, and nothing else.
fn is_numbered_slogan(name: &str) -> bool {
    static SLOGAN: OnceLock<Regex> = OnceLock::new();
    let slogan = SLOGAN
        .get_or_init(|| Regex::new(r"^(?:[一二两三四五六七八九十百千]+\p{Han}{1,3}?){2,}$").expect("valid regex"));
    slogan.is_match(name.trim_matches(['“', '”', '"']))
}

/// A work named without a project word, right after the amount invested in it and its verb, up to
/// the end of its clause or the next investment ("投入450万元完成某某片高效节灌及配套设施建设",
/// "投资80万元完成某某学校宿舍修缮和投资15万元…"): a project with that investment when its last
/// words say what is done to it (建设, 修缮, 改造…). Every match opens with 投: it is asked only of
/// a clause holding one.
pub(super) fn invested_works(chars: &Chars, cs: usize, ce: usize) -> Vec<Candidate> {
    static WORKS: OnceLock<Regex> = OnceLock::new();
    let works = WORKS.get_or_init(|| {
        Regex::new(
            r"(投资|投入)(资金)?(约|近|超|达)?[0-9.]+(余|多)?(万|亿)?元(用于|完成|建成|实施|进行)了?(?<work>[^和]+)",
        )
        .expect("valid regex")
    });
    let clause = chars.str(cs, ce);
    let mut out = Vec::new();
    for caps in works.captures_iter(clause) {
        let Some(m) = caps.name("work") else { continue };
        let at = cs + clause[..m.start()].chars().count();
        let end = at + m.as_str().chars().count();
        let start = strip_lead(chars, at, end);
        let name = chars.str(start, end);
        let ends_in_works = project_words().works_words.iter().any(|w| name.ends_with(w.as_str()));
        if ends_in_works && (4..=30).contains(&(end - start)) && !is_generic(name) {
            out.push(Candidate { name: name.to_string(), start, end, named: true, rule: "invested_works" });
        }
    }
    out
}

/// A work done to a named thing in the clause after its investment ("投资290万元,对镇敬老院进行
/// 适老化提升改造"): the thing and the work are the project's name.
pub(super) fn invested_works_on(chars: &Chars, cs: usize, ce: usize) -> Option<Candidate> {
    static ON: OnceLock<Regex> = OnceLock::new();
    let on =
        ON.get_or_init(|| Regex::new(r"^对(?<thing>[^,、]{2,20}?)进行(?<work>[^,、和]{2,15})$").expect("valid regex"));
    static INVESTED: OnceLock<Regex> = OnceLock::new();
    let invested = INVESTED.get_or_init(|| {
        Regex::new(r"(投资|投入)(资金)?(约|近|超|达)?[0-9.]+(余|多)?(万|亿)?元,$").expect("valid regex")
    });
    if chars.get(cs) != Some(&'对') {
        return None;
    }
    let before = chars.str(cs.saturating_sub(24), cs);
    let caps = on.captures(chars.str(cs, ce))?;
    let (thing, work) = (caps.name("thing")?.as_str(), caps.name("work")?.as_str());
    let ends_in_works = project_words().works_words.iter().any(|w| work.ends_with(w.as_str()));
    (invested.is_match(before) && ends_in_works && !is_generic(thing)).then(|| Candidate {
        name: format!("{thing}{work}"),
        start: cs + 1,
        end: ce,
        named: true,
        rule: "invested_works",
    })
}

/// Companies or works named in brackets after a count, in a clause about projects
/// ("引进项目3个(甲科技、乙食品)", "签约企业2家(甲公司、乙农业)项目"): each is a project. The
/// clause's investment is the group's, so they are taken as enumerated items.
pub(super) fn bracketed_after_count(chars: &Chars, cs: usize, ce: usize) -> Vec<Candidate> {
    static LIST: OnceLock<Regex> = OnceLock::new();
    let list = LIST.get_or_init(|| {
        Regex::new(r"[0-9一二三四五六七八九十两]+(余|多)?[个家项]\(([^()]{2,80})\)").expect("valid regex")
    });
    // (Asked of every clause: two characters compared in place, no substring searcher built.
    // Every match holds a bracket too: a clause without one is not searched.)
    if !chars[cs..ce].windows(2).any(|w| w == ['项', '目']) || !chars[cs..ce].contains(&'(') {
        return Vec::new();
    }
    let clause = chars.str(cs, ce);
    let mut out = Vec::new();
    for caps in list.captures_iter(clause) {
        let Some(inner) = caps.get(2) else { continue };
        let mut at = cs + clause[..inner.start()].chars().count();
        for item in inner.as_str().split(['、', ',', '和', '及']) {
            let n = item.chars().count();
            let name = item.trim_end_matches('等');
            let len = name.chars().count();
            // Companies have short names that may hold a kind word or two ("新宇科技"): only a
            // name of kind words alone is none.
            if (2..=20).contains(&len) && !name.chars().any(|c| c.is_ascii_digit()) && !only_kind_text(name) {
                let c = Candidate { name: name.to_string(), start: at, end: at + len, named: false, rule: "bracketed" };
                out.push(c);
            }
            at += n + 1;
        }
    }
    out
}
