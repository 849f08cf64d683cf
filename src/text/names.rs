//! Names: what is left of a stretch of text once the words that are no part of a name are taken
//! from its ends. One trimmer serves every extractor; each brings its own words (data files):
//! the indicators' verbs and markers, the targets' cue words, the projects' verbs.

/// Words trimmed from the ends of a name, and the words that stay whole.
pub struct Trimmer {
    /// Taken from the head, longest first, again and again (全镇, 累计, 实现…).
    lead: ByChar,
    /// Taken from the tail, longest first, again and again (达到, 同比, 约…).
    tail: ByChar,
    /// Words whose last characters are also tail words (签约 ends in 约): never cut.
    whole: ByChar,
    /// Whether a trim may leave nothing (the caller then names the figure another way); a trim
    /// never leaves one character.
    may_empty: bool,
}

/// A word list, longest first, filed under each word's first (or last) character: a name's end
/// is tried against the few words that could match it rather than the whole list.
struct ByChar(std::collections::HashMap<char, Vec<String>>);

impl ByChar {
    fn new<'a>(list: impl IntoIterator<Item = &'a str>, key: fn(&str) -> Option<char>) -> Self {
        let mut sorted: Vec<&str> = list.into_iter().filter(|w| !w.is_empty()).collect();
        sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut by = std::collections::HashMap::<char, Vec<String>>::new();
        for w in sorted {
            if let Some(c) = key(w) {
                by.entry(c).or_default().push(w.to_string());
            }
        }
        ByChar(by)
    }

    fn under(&self, c: Option<char>) -> &[String] {
        c.and_then(|c| self.0.get(&c)).map_or(&[], Vec::as_slice)
    }

    /// The longest word `s` starts with (filed by first character).
    fn head_of(&self, s: &str) -> Option<&str> {
        self.under(s.chars().next()).iter().map(String::as_str).find(|w| s.starts_with(w))
    }

    /// The longest word `s` ends with (filed by last character).
    fn tail_of(&self, s: &str) -> Option<&str> {
        self.under(s.chars().next_back()).iter().map(String::as_str).find(|w| s.ends_with(w))
    }

    fn contains(&self, w: &str, key: fn(&str) -> Option<char>) -> bool {
        self.under(key(w)).iter().any(|x| x == w)
    }
}

fn first(s: &str) -> Option<char> {
    s.chars().next()
}

fn last(s: &str) -> Option<char> {
    s.chars().next_back()
}

impl Trimmer {
    pub fn new(lead: &[String], tail: &[String], whole: &[&str], may_empty: bool) -> Self {
        Trimmer {
            lead: ByChar::new(lead.iter().map(String::as_str), first),
            tail: ByChar::new(tail.iter().map(String::as_str), last),
            whole: ByChar::new(whole.iter().copied(), last),
            may_empty,
        }
    }

    /// The byte range of `s` that names the thing: words trimmed from both ends, a bracket left
    /// open at an end, a '.' or a 的 at the head, until nothing changes.
    pub fn trim(&self, s: &str) -> (usize, usize) {
        let (mut a, mut b) = (0, s.len());
        loop {
            let before = (a, b);
            if let Some(w) = self.lead.head_of(&s[a..b]) {
                if self.leaves(&s[a + w.len()..b]) {
                    a += w.len();
                }
            }
            let t = &s[a..b];
            if self.whole.tail_of(t).is_none() {
                if let Some(w) = self.tail.tail_of(t) {
                    if self.leaves(&t[..t.len() - w.len()]) {
                        b -= w.len();
                    }
                }
            }
            let t = &s[a..b];
            if t.len() > 1 && (t.starts_with('(') && !t.contains(')') || t.starts_with(')') && !t.contains('(')) {
                a += 1;
            } else if t.len() > 1 && t.ends_with('(') {
                b -= 1;
            } else if t.len() > 1 && t.starts_with('.') {
                a += 1;
            } else if t.len() > '的'.len_utf8() && t.starts_with('的') {
                a += '的'.len_utf8();
            }
            if (a, b) == before {
                return (a, b);
            }
        }
    }

    /// Whether a trim may leave `rest`: never one character (实到 stays whole) unless that
    /// character is itself trimmed away next (共有 → 有 → nothing); nothing only when allowed.
    fn leaves(&self, rest: &str) -> bool {
        match rest.chars().count() {
            0 => self.may_empty,
            1 => self.may_empty && (self.lead.contains(rest, first) || self.tail.contains(rest, last)),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    fn trimmed(t: &Trimmer, s: &str) -> String {
        let (a, b) = t.trim(s);
        s[a..b].to_string()
    }

    #[test]
    fn words_leave_both_ends_again_and_again() {
        let t = Trimmer::new(&words(&["全镇", "累计", "实现"]), &words(&["达到", "约", "同比"]), &["签约"], true);
        assert_eq!(trimmed(&t, "全镇累计实现税收收入同比约"), "税收收入");
        assert_eq!(trimmed(&t, "完成土地签约"), "完成土地签约", "签约 keeps its 约");
        assert_eq!(trimmed(&t, "实到"), "实到", "never one character");
        assert_eq!(trimmed(&t, "实现达到"), "", "nothing, when allowed");
        let t = Trimmer::new(&words(&["共"]), &words(&["有"]), &[], true);
        assert_eq!(trimmed(&t, "共有"), "", "one character that goes next");
        let keep = Trimmer::new(&words(&["实现"]), &[], &[], false);
        assert_eq!(trimmed(&keep, "实现就业"), "就业");
        assert_eq!(trimmed(&keep, "实现"), "实现", "something is left when nothing may not be");
    }

    #[test]
    fn open_brackets_a_stop_and_a_head_的_are_no_part_of_a_name() {
        let t = Trimmer::new(&[], &[], &[], true);
        assert_eq!(trimmed(&t, "(其中税收收入"), "其中税收收入");
        assert_eq!(trimmed(&t, "可在村("), "可在村");
        assert_eq!(trimmed(&t, ".林地面积"), "林地面积");
        assert_eq!(trimmed(&t, "的企业"), "企业");
        assert_eq!(trimmed(&t, "村级事项(证明)"), "村级事项(证明)");
    }
}
