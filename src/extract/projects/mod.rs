//! Projects: named construction, investment and industrial projects, from every part of a report.
//!
//! Reports name a project in two ways, and both are read here:
//! - a name ending in a project word ("...综合管网项目", "...改建工程", "...生产基地"); words like
//!   中心 or 市场 also name offices and markets, so they count only beside a building or status word;
//! - an enumeration closed by a category ("沿江立面改造、江滩治理等8个项目"): each item is a project.
//!
//! The name is the project's own name: verbs, adverbs and an investment phrase in front of it are
//! dropped, and category names ("重点项目", "一批基础设施项目") are not projects. The investment is
//! taken from the same clause ("总投资约1500万元"), or from the sentence when it names one project.
//! The same project named twice in a report is one row: the first mention, with an investment from
//! a later one if the first gives none. Term lists are in data/projects.toml.

use super::{Chars, Context};
use crate::model::{Project, Span};
use crate::text::clauses::{self, Stop};
use crate::text::words::{contains, ends_with, starts_with, Ends, WordList};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

mod amounts;
mod enumerations;
#[cfg(test)]
mod form_tests;
mod forms;
mod kinds;
mod names;
mod terms;
#[allow(unused_imports)]
use amounts::*;
#[allow(unused_imports)]
use enumerations::*;
#[allow(unused_imports)]
use forms::*;
#[allow(unused_imports)]
use kinds::*;
#[allow(unused_imports)]
use names::*;
#[allow(unused_imports)]
use terms::*;

/// A project found in the text before names are merged.
#[derive(Debug, Clone)]
struct Candidate {
    name: String,
    /// Characters of the name in the body.
    start: usize,
    end: usize,
    /// A suffix match, rather than an item of an enumeration (whose clause investment is the group's).
    named: bool,
    /// The rule that read it: `named` (a name ending in a project word), `invested_works` (a work
    /// after its investment and verb), `enumerated` (an item of a list closed by a project
    /// category), `shared_head` (an item of a list closed by a count of facilities), `bracketed`
    /// (a name in brackets after a count of projects), `shared_place` (a name with the bare place
    /// before its enumeration comma that shares its head: "甲村、乙村糖料蔗基地项目").
    rule: &'static str,
}

pub fn extract(ctx: &Context) -> Vec<Project> {
    extract_in(ctx, &ctx.chars)
}

/// [`extract`] with the text already split into characters.
pub(crate) fn extract_in(ctx: &Context, chars: &Chars) -> Vec<Project> {
    let mut found = Vec::new();
    for (s, e) in ctx.clauses.iter().filter(|c| c.end > c.start).map(|c| (c.start, c.end)) {
        let holds = Holds::of(&chars[s..e]);
        let first = found.len();
        found.extend(named_in_clause(ctx, s, e));
        if holds.deng {
            found.extend(enumerated_in_clause(chars, s, e));
        }
        if holds.xiang && holds.bracket {
            found.extend(bracketed_after_count(chars, s, e));
        }
        if holds.tou {
            found.extend(invested_works(chars, s, e));
        }
        found.extend(invested_works_on(chars, s, e));
        // A name after an enumeration comma takes in the bare place before it that shares its
        // head; the place alone, if read as an item, is then nested in it and dropped below.
        for f in &mut found[first..] {
            if f.start > s && chars[f.start - 1] == '、' {
                if let Some(at) = shared_place_start(chars, s, f.start - 1, f.end) {
                    f.start = at;
                    f.name = chars.str(at, f.end).to_string();
                    f.rule = "shared_place";
                }
            }
        }
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    // A name found both ways, or nested in a longer one found at the same place, is one project.
    let mut kept: Vec<Candidate> = Vec::new();
    for f in found {
        if kept.iter().any(|k| k.start <= f.start && f.end <= k.end) {
            continue;
        }
        kept.retain(|k| !(f.start <= k.start && k.end <= f.end));
        kept.push(f);
    }
    let mut out: Vec<Project> = Vec::new();
    // Each name's key, with its length in characters.
    let mut keys: Vec<(String, usize)> = Vec::new();
    // A clause or sentence per project, mostly: room for them at once.
    let mut amounts = AmountsSeen::with_capacity_and_hasher(kept.len(), Default::default());
    for f in &kept {
        let (sent_s, sent_e) = clauses::enclosing(chars, f.start, Stop::Semicolon);
        let (cl_s, cl_e) = clauses::enclosing(chars, f.start, Stop::Clause);
        let in_sentence = kept.iter().filter(|k| k.start >= sent_s && k.end <= sent_e).count();
        let investment = investment_near(ctx, f, (cl_s, cl_e), (sent_s, sent_e), in_sentence, &mut amounts);
        let status = status_near(chars, f, cl_s, cl_e);
        let key = same_project_key(&f.name);
        let key = {
            let len = key.chars().count();
            (key, len)
        };
        if let Some(i) = keys.iter().position(|k| same_project(k, &key)) {
            if out[i].investment.is_none() {
                if let Some(inv) = investment {
                    set_investment(&mut out[i], inv);
                }
            }
            continue;
        }
        let mut p = Project {
            rule: f.rule,
            section: ctx.section_at(f.start),
            name: f.name.clone(),
            status,
            investment: None,
            investment_unit: None,
            investment_yuan: None,
            span: Span::new(f.start, f.end),
            quote: String::new(),
        };
        if let Some(inv) = investment {
            set_investment(&mut p, inv);
        }
        keys.push(key);
        out.push(p);
    }
    out
}

/// Which of four characters a clause holds, each needed by a form of project: an enumeration's
/// 等, an investment's 投, and a bracket with the 项 of 项目 (names in brackets after a count). Read
/// in one pass over the clause with no early exit, which the compiler vectorises, so that a form
/// is not asked of a clause without its character, where each form scanned the clause for it.
#[derive(Debug, Default, PartialEq)]
struct Holds {
    deng: bool,
    tou: bool,
    bracket: bool,
    xiang: bool,
}

impl Holds {
    fn of(clause: &[char]) -> Holds {
        let mut h = Holds::default();
        for &c in clause {
            h.deng |= c == '等';
            h.tou |= c == '投';
            h.bracket |= c == '(';
            h.xiang |= c == '项';
        }
        h
    }
}

/// An investment amount as written.
#[derive(Debug, Clone, PartialEq)]
struct Amount {
    value: f64,
    unit: String,
    yuan: Option<f64>,
}

fn set_investment(p: &mut Project, a: Amount) {
    p.investment = Some(a.value);
    p.investment_unit = Some(a.unit);
    p.investment_yuan = a.yuan;
}

/// Two mentions name one project when they are equal once the project word at the end is dropped.
fn same_project_key(name: &str) -> String {
    let is_mark = |c: char| matches!(c, '“' | '”' | '"' | '(' | ')');
    let unmarked: std::borrow::Cow<str> = if name.contains(is_mark) {
        name.chars().filter(|&c| !is_mark(c)).collect::<String>().into()
    } else {
        name.into()
    };
    let n = unmarked.as_ref();
    ["建设项目", "项目", "建设"].iter().find_map(|suffix| n.strip_suffix(suffix)).unwrap_or(n).to_string()
}

/// Two keys name one project when one holds the other and what the longer adds is not a phase
/// ("白鸽湖商埠文化园二期" is its own project). Each key comes with its length in characters.
fn same_project(a: &(String, usize), b: &(String, usize)) -> bool {
    let ((short, short_len), (long, _)) = if a.1 <= b.1 { (a, b) } else { (b, a) };
    if *short_len < 4 || !contains(long, short) {
        return false;
    }
    !long.replacen(short, "", 1).contains('期')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::TestReport;

    fn run(body: &str) -> Vec<Project> {
        extract(&crate::extract::TestReport::new(body).context())
    }

    fn names(body: &str) -> Vec<String> {
        run(body).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn a_clause_holds_the_characters_it_holds_wherever_they_stand() {
        // Long enough that a vectorised pass has a body and a tail: each character at each place.
        for c in ['等', '投', '(', '项'] {
            for at in 0..40 {
                let mut clause = vec!['镇'; 40];
                clause[at] = c;
                let h = Holds::of(&clause);
                let want = |d: char| c == d;
                assert_eq!(
                    h,
                    Holds { deng: want('等'), tou: want('投'), bracket: want('('), xiang: want('项') },
                    "{c} at {at}"
                );
            }
        }
        assert_eq!(Holds::of(&[]), Holds::default());
    }

    /// A form that a clause's characters pass by finds nothing in it: asked of every clause of the
    /// fixtures and of a text of each form, each finds nothing where its character is missing, and
    /// finds something in some clause (so that the comparison is not empty).
    #[test]
    fn the_forms_a_clause_passes_by_find_nothing_in_it() {
        let (mut enumerated, mut bracketed, mut invested) = (0, 0, 0);
        let forms = "实施老街立面改造、河道清淤等3个项目。签约企业3家(甲禾科技、乙川食品、丙源材料)项目,\
            总投资2亿元。投入60万元完成某村文化礼堂修缮。";
        let mut reports: Vec<_> = crate::extract::tests::fixture_reports();
        let own = TestReport::new(forms);
        reports.push(("own forms".to_string(), own.folded, own.meta));
        for (name, folded, meta) in reports {
            let sections = crate::parse::sections::parse(&folded, &meta);
            let ctx = Context::new(&folded, &sections, &meta);
            let chars = &ctx.chars;
            for c in ctx.clauses.iter().filter(|c| c.end > c.start) {
                let (s, e) = (c.start, c.end);
                let h = Holds::of(&chars[s..e]);
                let clause = chars.str(s, e);
                let found = enumerated_in_clause(chars, s, e);
                assert!(h.deng || found.is_empty(), "{name}: {clause}");
                enumerated += found.len();
                let found = bracketed_after_count(chars, s, e);
                assert!((h.xiang && h.bracket) || found.is_empty(), "{name}: {clause}");
                bracketed += found.len();
                let found = invested_works(chars, s, e);
                assert!(h.tou || found.is_empty(), "{name}: {clause}");
                invested += found.len();
            }
        }
        assert!(enumerated > 0 && bracketed > 0 && invested > 0, "{enumerated} {bracketed} {invested}");
    }

    #[test]
    fn char_set_holds_what_it_was_given() {
        let set = CharSet::new(['项', 'a', '\u{FFFF}', '𠀀']);
        for c in ['项', 'a', '\u{FFFF}', '𠀀'] {
            assert!(set.contains(c), "{c}");
        }
        for c in ['工', 'b', '\u{FFFE}', '𠀁'] {
            assert!(!set.contains(c), "{c}");
        }
    }

    /// Each shipped list finds at a place the first of its words, in list order, that stands
    /// there: what a walk over the whole list finds.
    #[test]
    fn a_list_by_first_character_finds_what_a_walk_finds() {
        let t = project_words();
        let text: Vec<char> = "新建污水处理厂项目工程,推进产业园区基础设施建设项目一期及配套工程、中心小学改扩建工程,\
            加快推进美丽乡村示范点建设,启动农贸市场提升改造项目,实施水利设施工程建设项目二期𠀀项目"
            .chars()
            .collect();
        for (list, by_first) in [
            (&t.strong_suffixes, &t.strong_chars),
            (&t.weak_suffixes, &t.weak_chars),
            (&t.phases, &t.phase_chars),
            (&t.lead_words, &t.lead_chars),
            (&t.inner_verbs, &t.inner_verb_chars),
        ] {
            let words: Vec<Vec<char>> = list.iter().map(|w| w.chars().collect()).collect();
            for pos in 0..=text.len() {
                let walked = words.iter().find(|w| starts_with_at(&text, pos, w)).map(Vec::as_slice);
                assert_eq!(by_first.at(&text, pos), walked, "at {pos}");
            }
        }
    }

    #[test]
    fn shipped_terms_parse() {
        assert!(project_words().strong_suffixes.contains(&"项目".to_string()));
        // ByFirstChar are tried by their first character: an empty one would never be.
        let t = project_words();
        for list in [
            &t.strong_suffixes,
            &t.weak_suffixes,
            &t.phases,
            &t.lead_words,
            &t.inner_verbs,
            &t.compound_verbs,
            &t.modified_heads,
            &t.award_verbs,
            &t.scheme_verbs,
            &t.honour_verbs,
            &t.prepositions,
            &t.programme_words,
            &t.works_words,
        ] {
            assert!(list.iter().all(|w| !w.is_empty()));
        }
    }

    #[test]
    fn name_drops_verbs_and_description() {
        assert_eq!(
            names("成功引进“二期在龙游”单期体量最大的金龙机制纸项目,招商引资考核位列第一。"),
            ["金龙机制纸项目"]
        );
        assert_eq!(
            names("实施马报桥废弃铁路非机动车道改造提升工程等路网优化项目7个。"),
            ["马报桥废弃铁路非机动车道改造提升工程"]
        );
    }

    #[test]
    fn investment_in_clause_normalised_to_yuan() {
        let p = run("总投资约1500万元柑桔专业市场项目基建部分已结顶完工,金秋红共富工坊登上杂志。");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "柑桔专业市场项目");
        assert_eq!(p[0].investment, Some(1500.0));
        assert_eq!(p[0].investment_unit.as_deref(), Some("万元"));
        assert_eq!(p[0].investment_yuan, Some(15_000_000.0));
        assert_eq!(p[0].status.as_deref(), Some("结顶"));
    }

    #[test]
    fn enumeration_closed_by_category_gives_each_item() {
        let n = names("实施沿江立面改造、浮杯塔夜间照明及周边环境整治提升、江滩治理等8个项目,总投资5100万元。");
        assert_eq!(n, ["沿江立面改造", "浮杯塔夜间照明及周边环境整治提升", "江滩治理"]);
        // 以及 before the last item parts it from the one before; 和 inside an item does not.
        let n = names("引进城东冷链物流仓储、光伏组件加工车间以及香菇和木耳种植等3个项目。");
        assert_eq!(n, ["城东冷链物流仓储", "光伏组件加工车间", "香菇和木耳种植"]);
        // What is dug into or passed on is no project.
        assert!(names("精准对接企业需求,深度挖掘项目合作机遇。").is_empty());
        assert!(names("会上,张三同志传达2025年乡村振兴资金项目政策。").is_empty());
    }

    #[test]
    fn category_names_are_not_projects() {
        let n = names("全年签约制造业亿元以上投资项目4个,累计新投产项目7个。排定重点项目109个。");
        assert!(n.is_empty(), "{n:?}");
    }

    #[test]
    fn size_bands_and_programmes_are_not_projects() {
        // A size band ("10至500万元项目"), a talent scheme or the act of packaging projects names no project.
        let n = names("其中500万元以上项目完成投资3亿元,50至500万元项目完成投资0.4亿元。");
        assert!(n.is_empty(), "{n:?}");
        let n = names("全年共计申报各级人才项目15个,累计孵化创业项目9个,积极包装策划项目。");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(names("成功招引智能装备制造项目落地。"), ["智能装备制造项目"]);
    }

    #[test]
    fn weak_suffix_needs_a_building_word() {
        assert!(names("湖镇镇社会治理中心标准化经验获肯定。").is_empty());
        assert_eq!(names("在开发区新建“亲清助企服务中心”。"), ["亲清助企服务中心"]);
    }

    #[test]
    fn investment_in_chinese_numerals_and_with_qualifiers() {
        let p = run("投资近千万元打造东引运河5公里碧道,亲水特色愈加彰显。");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].investment, Some(1000.0));
        assert_eq!(p[0].investment_unit.as_deref(), Some("万元"));
        let p = run("龙泉河流域(泥溪段)水环境综合治理二期项目已全部完工,工程投资3200余万元。");
        assert_eq!(p[0].investment_yuan, Some(32_000_000.0));
    }

    #[test]
    fn same_project_twice_is_one_row_with_the_later_investment() {
        let p = run("推进划船塘光伏发电项目。成功引进总投资3.1亿元的划船塘光伏发电项目。");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].investment, Some(3.1));
        assert_eq!(p[0].investment_yuan, Some(310_000_000.0));
    }
}
