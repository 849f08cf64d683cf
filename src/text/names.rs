//! Names: what is left of a stretch of text once the words that are no part of a name are taken
//! from its ends. One trimmer serves every extractor; each brings its own words (data files):
//! the indicators' verbs and markers, the targets' cue words, the projects' verbs.

use crate::text::words::Ends;

/// Words trimmed from the ends of a name, and the words that stay whole.
pub struct Trimmer {
    /// Taken from the head, longest first, again and again (全镇, 累计, 实现…).
    lead: Ends,
    /// Taken from the tail, longest first, again and again (达到, 同比, 约…).
    tail: Ends,
    /// Words whose last characters are also tail words (签约 ends in 约): never cut.
    whole: Ends,
    /// Whether a trim may leave nothing (the caller then names the figure another way); a trim
    /// never leaves one character.
    may_empty: bool,
}

impl Trimmer {
    pub fn new(lead: &[String], tail: &[String], whole: &[&str], may_empty: bool) -> Self {
        Trimmer {
            lead: Ends::heads(lead.iter().map(String::as_str)),
            tail: Ends::tails(tail.iter().map(String::as_str)),
            whole: Ends::tails(whole.iter().copied()),
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
            1 => self.may_empty && (self.lead.contains(rest) || self.tail.contains(rest)),
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
