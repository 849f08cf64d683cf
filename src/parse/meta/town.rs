//! The town a text speaks for: the name itself, never the words before it.
//!
//! A name is a run of characters ending in 镇, 乡, 街道 or 苏木. The words before it are not part of it
//! (`我代表青石镇`, `——2021年3月5日在青石镇`): the longest ending of the run that the gazetteer
//! knows as a township is the name; a name it does not know starts after the last character that
//! ends a word before names (`在`, `日`, `我`...), after the county or city written before it.

use crate::resolve::gazetteer::{gazetteer, Level};
use crate::text::is_han;
use crate::text::words::WordList;
use aho_corasick::AhoCorasick;
use serde::Deserialize;
use std::sync::OnceLock;

const META_TOML: &str = include_str!("../../../data/meta.toml");

#[derive(Deserialize)]
struct MetaFile {
    town: TownFile,
}

#[derive(Deserialize)]
struct TownFile {
    stop_chars: String,
    not_towns: Vec<String>,
    not_in_names: Vec<String>,
    verbs_before_names: Vec<String>,
    word_after_xiang: String,
    word_after_zhen: String,
    word_after_sumu: String,
}

/// The town words, with the lists searched inside a name as automata.
struct TownWords {
    file: TownFile,
    not_in_names: WordList,
    verbs_before_names: WordList,
}

fn words() -> &'static TownWords {
    static W: OnceLock<TownWords> = OnceLock::new();
    W.get_or_init(|| {
        let file = toml::from_str::<MetaFile>(META_TOML).expect("data/meta.toml [town] is valid").town;
        TownWords {
            not_in_names: WordList::new(&file.not_in_names),
            verbs_before_names: WordList::new(&file.verbs_before_names),
            file,
        }
    })
}

/// Longest run of characters before 镇, 乡 or 街道 that may hold a name.
const MAX_RUN: usize = 12;

/// A town named in a text, and whether the gazetteer knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownName {
    pub name: String,
    pub known: bool,
}

/// Every town name in a text, in order.
pub fn names_in(text: &str) -> Vec<TownName> {
    // The endings are found by a vectorised search (they share no character, so none hides
    // another), and only the few characters before each are read, instead of every character.
    static ENDINGS: OnceLock<AhoCorasick> = OnceLock::new();
    let endings = ENDINGS
        .get_or_init(|| AhoCorasick::new(crate::model::TOWNSHIP_ENDINGS).expect("four plain words build an automaton"));
    let mut out = Vec::new();
    for m in endings.find_iter(text) {
        // 鹿乡镇: the 乡 is inside the name, the 镇 ends it.
        let after = &text[m.end()..];
        if after.starts_with(['镇', '乡']) || after.starts_with("街道") {
            continue;
        }
        // Up to MAX_RUN Chinese characters before the ending; a run never reaches back over
        // another town's 街道.
        let mut start = m.start();
        let mut before = text[..start].chars().rev().peekable();
        for _ in 0..MAX_RUN {
            match before.next() {
                Some(c) if is_han(c) && !(c == '道' && before.peek() == Some(&'街')) => start -= c.len_utf8(),
                _ => break,
            }
        }
        if let Some(t) = trim(&text[start..m.end()]) {
            // 乡村, 镇区: the ending opens a word; only a name the gazetteer knows ends there.
            if t.known || !opens_word(&text[m.start()..m.end()], after.chars().next()) {
                out.push(t);
            }
        }
    }
    out
}

/// The name inside a run of characters that ends in 镇, 乡 or 街道.
pub fn trim(run: &str) -> Option<TownName> {
    let g = gazetteer();
    let starts: Vec<usize> = run.char_indices().map(|(b, _)| b).collect();
    let suffix_chars = if run.ends_with("街道") || run.ends_with("苏木") { 2 } else { 1 };
    // Longest ending first: 湖镇镇 before 镇镇.
    for &b in &starts[..starts.len().saturating_sub(suffix_chars)] {
        let tail = &run[b..];
        if g.named(tail).any(|d| d.level == Level::Township) && !is_not_town(tail) {
            return Some(TownName { name: tail.to_string(), known: true });
        }
    }
    let w = words();
    let cut = run
        .char_indices()
        .filter(|(_, c)| w.file.stop_chars.contains(*c) || matches!(c, '省' | '市' | '县' | '区' | '旗'))
        .map(|(b, c)| b + c.len_utf8())
        .next_back()
        .unwrap_or(0);
    let mut name = &run[cut..];
    // After the verb that ends last.
    if let Some((after, _)) = w.verbs_before_names.last_end_in(name) {
        name = &name[after..];
    }
    let marked = w.not_in_names.any_in(name);
    (name.chars().count() > suffix_chars + 1 && !ends_as_word(name) && !marked)
        .then(|| TownName { name: name.to_string(), known: false })
}

/// Whether an ending (乡, 镇, 苏木) and the character after it are the start of a word (乡村, 镇区,
/// 苏木达).
fn opens_word(ending: &str, next: Option<char>) -> bool {
    let w = &words().file;
    match (ending, next) {
        ("乡", Some(c)) => w.word_after_xiang.contains(c),
        ("镇", Some(c)) => w.word_after_zhen.contains(c),
        ("苏木", Some(c)) => w.word_after_sumu.contains(c),
        _ => false,
    }
}

fn is_not_town(name: &str) -> bool {
    words().file.not_towns.iter().any(|w| w == name)
}

/// An unknown name that ends as a common word ("推进小城镇") is that word in a sentence.
fn ends_as_word(name: &str) -> bool {
    words().file.not_towns.iter().filter(|w| w.as_str() != "街道").any(|w| name.ends_with(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(run: &str) -> Option<String> {
        trim(run).map(|t| t.name)
    }

    #[test]
    fn the_words_before_a_name_are_not_part_of_it() {
        assert_eq!(name("日在泥溪镇").as_deref(), Some("泥溪镇"));
        assert_eq!(name("现在我代表泥溪镇").as_deref(), Some("泥溪镇"));
        assert_eq!(name("龙游县湖镇镇").as_deref(), Some("湖镇镇"));
        assert_eq!(name("日在镇"), None, "a bare 镇 names no town");
        assert_eq!(name("全镇"), None);
        assert_eq!(name("推进小城镇"), None);
        assert_eq!(name("加快推动农业大镇"), None, "a big town of farming is no name");
        assert_eq!(name("争当共同富裕先行镇"), None, "a title a town earns is no name");
    }

    #[test]
    fn names_the_gazetteer_lacks_start_after_the_words_before_them() {
        assert_eq!(trim("我代表白鹭湾镇"), Some(TownName { name: "白鹭湾镇".into(), known: false }));
        assert_eq!(name("2021年3月5日在白鹭湾镇").as_deref(), Some("白鹭湾镇"));
    }

    #[test]
    fn nicknames_lists_and_verbs_are_no_names() {
        assert_eq!(name("着力打造水果之乡"), None, "X之乡 is a nickname");
        assert_eq!(name("东风路、西湖路等乡"), None, "a list");
        assert_eq!(name("全力打造镇"), None, "a verb and 镇");
        assert_eq!(name("全力打造白鹭湾镇").as_deref(), Some("白鹭湾镇"));
    }

    /// The names of a text read character by character, every character tried as an ending:
    /// what `names_in` must find.
    fn names_by_characters(text: &str) -> Vec<TownName> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        for i in 0..chars.len() {
            let end = match chars[i] {
                '镇' | '乡' => i + 1,
                '街' if chars.get(i + 1) == Some(&'道') => i + 2,
                '苏' if chars.get(i + 1) == Some(&'木') => i + 2,
                _ => continue,
            };
            if matches!(chars.get(end), Some('镇' | '乡')) || chars.get(end..end + 2) == Some(&['街', '道']) {
                continue;
            }
            let mut start = i;
            while start > 0
                && i - start < MAX_RUN
                && is_han(chars[start - 1])
                && !(chars[start - 1] == '道' && start >= 2 && chars[start - 2] == '街')
            {
                start -= 1;
            }
            let run: String = chars[start..end].iter().collect();
            let ending: String = chars[i..end].iter().collect();
            let opens_word = opens_word(&ending, chars.get(end).copied());
            out.extend(trim(&run).filter(|t| t.known || !opens_word));
        }
        out
    }

    proptest::proptest! {
        /// The search for endings finds what a walk over every character finds, on texts of the
        /// endings' characters, names the gazetteer knows and does not, and characters that stop a
        /// run, long enough for runs to pass MAX_RUN.
        #[test]
        fn names_in_finds_what_a_walk_over_the_characters_finds(
            text in "(镇|乡|街|道|苏|木|达|村|区|泥溪|湖|白鹭湾|在|我代表|县|,|a|1){0,40}"
        ) {
            proptest::prop_assert_eq!(names_in(&text), names_by_characters(&text));
        }
    }

    #[test]
    fn a_sumu_is_a_township() {
        let t = names_in("在白音塔拉苏木第十九届人民代表大会第三次会议上");
        assert_eq!(t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["白音塔拉苏木"]);
        // 苏木达 is its head's title: no name ends before 达.
        let t = names_in("会上,新当选副苏木达作了工作报告,白音塔拉苏木达代表全体干部发言");
        assert_eq!(t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), Vec::<&str>::new());
    }

    #[test]
    fn names_in_a_sentence() {
        let t = names_in("白鹭湾街道圆满召开街道第一届议政代表大会第一次会议");
        assert_eq!(
            t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["白鹭湾街道"],
            "a bare 街道 after a name is none"
        );
        let t = names_in("3月6日,某某区泥溪镇第三届人民代表大会第七次会议在镇大礼堂举行,推进乡镇建设");
        assert_eq!(t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["泥溪镇"]);
        let t = names_in("聚力围绕乡村振兴,培育乡贤队伍,整治镇区道路");
        assert!(t.is_empty(), "a 乡 that opens a word ends no unknown name: {t:?}");
        let t = names_in("要继续理顺镇属企业管理,压实镇直单位责任,乡属林场");
        assert!(t.is_empty(), "镇属, 镇直, 乡属 open words: {t:?}");
        let t = names_in("我们借力乡创大赛,办好乡村旅游节");
        assert!(t.is_empty(), "我们 ends words before names, 乡创 opens a word: {t:?}");
        let t = names_in("南窖乡村民代表");
        assert_eq!(t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["南窖乡"], "a known name ends there");
        let t = names_in("据悉,白鹭湾镇与泥溪镇合作");
        assert_eq!((t[0].known, t[1].known), (false, true), "the gazetteer's names are known");
    }
}
