//! Kind words: a name made only of category and lead words, counts and quotes ("重点项目",
//! "8个项目", "一批基础设施项目") names a kind of project, not a project.

#[allow(unused_imports)]
use super::*;

/// A name made only of category words, counts and quotes ("重点项目", "8个项目", "“八大百亿”项目"),
/// after the town and year that own a list.
pub(super) fn is_generic(name: &str) -> bool {
    // The town that owns a list is no part of a name ("石梁镇2023年民生实事项目").
    static PLACE: OnceLock<Regex> = OnceLock::new();
    let place = PLACE.get_or_init(|| {
        Regex::new(&format!(r"^[0-9年]*\p{{Han}}{{2,3}}({})", crate::model::TOWNSHIP_ENDINGS.join("|")))
            .expect("valid regex")
    });
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
