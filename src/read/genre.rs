//! Whether a text is a work report at all: a news item, a recipe or a template saved by mistake is
//! refused with a reason, not loaded as a report with no facts or with made-up ones.
//!
//! The cue lists and thresholds are data (data/page_noise.toml, `[genre]`). Texts are judged on
//! their folded form, so a full-width or traditional repost reads like the original.

use crate::error::{Reason, Refusal};
use crate::model::{ReportKind, TermCount};
use crate::text::terms;
use crate::text::words::WordList;
use regex::Regex;
use regex_automata::{meta, Anchored, Input};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct GenreFile {
    work_cues: Vec<String>,
    min_work_cues: usize,
    town_words: Vec<String>,
    news_strong: Vec<String>,
    news_weak: Vec<String>,
    min_news_score: usize,
    held_verbs: Vec<String>,
    speech_cues: Vec<String>,
    half_year_words: Vec<String>,
    report_title_words: Vec<String>,
    summary_words: Vec<String>,
    plan_words: Vec<String>,
    review_openings: Vec<String>,
    leadership_words: Vec<String>,
    achieved: String,
    achievements: Vec<String>,
    plan_year_is: String,
    year_ahead: Vec<String>,
    main_targets: String,
    notice_ends: Vec<String>,
    placeholder_marks: String,
    placeholder: String,
    min_placeholders: usize,
}

struct Genre {
    file: GenreFile,
    /// Asked anchored at the places a placeholder can open (see [`placeholders`]).
    placeholder: meta::Regex,
    /// The characters every placeholder holds (`placeholder_marks`).
    placeholder_marks: WordList,
    /// The phrases read over the whole text (work cues, town words, strong and weak news cues,
    /// speech cues), in that order, then the shipped policy terms (folded), which a load counts
    /// in every report it keeps: one overlapping pass over a text answers them all.
    whole_text: WordList,
    /// How many of `whole_text`'s words are the genre's cues (the terms follow them).
    cue_words: usize,
    half_year: WordList,
    report_title: WordList,
    summary: WordList,
    plan: WordList,
    /// A township's name: two or more characters before 镇, 乡, 街道 or 苏木.
    township: Regex,
    /// A headline saying a meeting was held (`held_verbs`, then the meeting's name ending it).
    meeting_held: Regex,
    /// A first heading that opens a summary ("一、2024年工作总结", "一、2024年度工作完成情况").
    summary_heading: Regex,
}

fn genre() -> &'static Genre {
    static G: OnceLock<Genre> = OnceLock::new();
    G.get_or_init(|| {
        let f: GenreFile = super::lexicon::section("genre");
        let re = |s: &str| Regex::new(s).expect("genre regex");
        let cues = [&f.work_cues[..], &f.town_words, &f.news_strong, &f.news_weak, &f.speech_cues].concat();
        Genre {
            placeholder: meta::Regex::new(&f.placeholder.replace("{marks}", &regex::escape(&f.placeholder_marks)))
                .expect("genre regex"),
            placeholder_marks: WordList::new(&f.placeholder_marks.chars().map(String::from).collect::<Vec<_>>()),
            whole_text: WordList::new(
                &[&cues[..], &terms::terms().iter().map(|t| terms::folded(&t.term)).collect::<Vec<_>>()].concat(),
            ),
            cue_words: cues.len(),
            half_year: WordList::new(&f.half_year_words),
            report_title: WordList::new(&f.report_title_words),
            summary: WordList::new(&f.summary_words),
            plan: WordList::new(&f.plan_words),
            township: re(&format!(r"\p{{Han}}{{2}}(?:{})", crate::model::TOWNSHIP_ENDINGS.join("|"))),
            meeting_held: re(&format!(
                "(?:{})[^,，。;；:：]{{0,40}}?会议?$",
                f.held_verbs.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
            )),
            summary_heading: re(r"(?m)^[一1][、.．]\s*(?:\d{4}年度?)?[^。\n]{0,12}?(?:总结|回顾|完成情况|工作情况)"),
            file: f,
        }
    })
}

/// Whether a text's first sentence opens on a year ("2023年,") and tells what it achieved (取得 before
/// 成绩, 成效...).
fn opens_on_a_years_results(text: &str, f: &GenreFile) -> bool {
    let first = text.trim_start();
    let end = first.find(['。', '\n']).unwrap_or(first.len());
    let sentence = &first[..end];
    let year = sentence.bytes().take_while(u8::is_ascii_digit).count() == 4 && sentence[4..].starts_with('年');
    year && sentence.find(f.achieved.as_str()).is_some_and(|at| {
        let rest = &sentence[at..];
        f.achievements.iter().any(|w| rest.contains(w.as_str()))
    })
}

/// The year a text opens on as the one it plans: its first paragraph opens on a year and says what
/// the year is ("2025年是…之年"), and speaks of the year ahead ("今年工作的总体要求是", "主要预期目标").
pub fn opens_on_the_plan_year(text: &str) -> Option<i32> {
    let f = &genre().file;
    let first = text.trim_start();
    let paragraph = &first[..first.find('\n').unwrap_or(first.len())];
    let digits = paragraph.bytes().take_while(u8::is_ascii_digit).count();
    let says_the_year = digits == 4 && paragraph[4..].starts_with(f.plan_year_is.as_str());
    let ahead = f.year_ahead.iter().any(|w| paragraph.contains(w.as_str()));
    (says_the_year && ahead).then(|| paragraph[..4].parse().ok()).flatten()
}

/// Placeholder figures (X.X亿元, xx万元, XX%) in a text.
pub fn placeholders(text: &str) -> usize {
    // A placeholder opens with a mark at the text's start, or with the one character before a
    // mark (`[^A-Za-z]`). So the expression is asked only there, anchored, left to right and
    // each time past the last match: the matches of a search of the whole text, without reading
    // the text between marks (a fifth of the texts hold some mark, an `x` or a `1+X`).
    let g = genre();
    let (mut count, mut past, mut from) = (0, 0, 0);
    while let Some((i, w)) = g.placeholder_marks.first_in(&text[from..]) {
        let mark = from + i;
        from = mark + w.len();
        let at = text[..mark].chars().next_back().map_or(0, |c| mark - c.len_utf8());
        if at < past {
            continue;
        }
        if let Some(m) = g.placeholder.search(&Input::new(text).range(at..).anchored(Anchored::Yes)) {
            count += 1;
            past = m.end();
            from = from.max(past);
        }
    }
    count
}

/// Refuses a template: a text (folded for parsing) whose figures are placeholders still to be
/// filled in.
pub fn check_template(folded: &str) -> Result<(), Refusal> {
    let n = placeholders(folded);
    if n >= genre().file.min_placeholders {
        return Err(Refusal::new(
            Reason::Template,
            format!(
                "the text is a template: {n} of its figures are placeholders such as \"X.X亿元\" or \"xx万元\"; \
                 load the report with its real figures instead"
            ),
        ));
    }
    Ok(())
}

/// What a text is, and the test that said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub kind: ReportKind,
    /// The rule that decided, in words: shown by `gwr inspect`.
    pub reason: String,
}

/// The different phrases of a list found in a text.
fn found<'t>(list: &WordList, words: &'t [String], text: &str) -> Vec<&'t str> {
    list.counts_in(text).iter().zip(words).filter(|(n, _)| **n > 0).map(|(_, w)| w.as_str()).collect()
}

/// What one pass over a whole text found: how often each of the genre's cue phrases and each
/// shipped policy term occurs in it.
pub struct Scan {
    counts: Vec<usize>,
}

/// Reads a text (folded for parsing) once for the genre's cues and the policy terms.
pub fn scan(text: &str) -> Scan {
    Scan { counts: genre().whole_text.counts_in(text) }
}

impl Scan {
    /// The shipped policy terms the text uses, as `text::terms::count` counts them.
    pub fn term_counts(&self) -> Vec<TermCount> {
        terms::shipped_counter().counted(&self.counts[genre().cue_words..])
    }
}

/// Decides what one text (folded for parsing) is. `title` is its title line, or the page's own
/// title, when it has one. A text that is no township government document is refused, with what
/// it looked like.
pub fn classify(title: Option<&str>, text: &str) -> Result<Verdict, Refusal> {
    classify_scanned(title, text, &scan(text))
}

/// [`classify`] with the text's [`scan`] at hand.
pub fn classify_scanned(title: Option<&str>, text: &str, scan: &Scan) -> Result<Verdict, Refusal> {
    let g = genre();
    let f = &g.file;
    let title = title.unwrap_or("");
    // One pass over the text for every list read over it; each list is its slice of the answers.
    let seen = &scan.counts[..g.cue_words];
    let mut at = 0;
    let mut take = |words: &'static [String]| {
        let found: Vec<&str> =
            words.iter().zip(&seen[at..]).filter(|(_, n)| **n > 0).map(|(w, _)| w.as_str()).collect();
        at += words.len();
        found
    };
    let work = take(&f.work_cues);
    let towns = take(&f.town_words);
    let strong = take(&f.news_strong);
    let weak = take(&f.news_weak);
    let speech = !take(&f.speech_cues).is_empty();
    let named = !towns.is_empty() || g.township.is_match(text);
    if !(named && work.len() >= f.min_work_cues) {
        let town = if named { "it names a township" } else { "it names no township (镇, 乡, 街道 or 苏木)" };
        return Err(Refusal::new(
            Reason::NotAReport,
            format!(
                "not a township government document: {town} and has {} of the {} phrases of government \
                 work needed ({}); {}; save the report, a summary or a news item about one",
                work.len(),
                f.min_work_cues,
                if work.is_empty() { "none".to_string() } else { work.join(", ") },
                match (title.is_empty(), text.lines().next()) {
                    (false, _) => format!("title seen: \"{title}\""),
                    (true, Some(first)) =>
                        format!("no title; first line: \"{}\"", first.chars().take(40).collect::<String>()),
                    (true, None) => "no title".to_string(),
                },
            ),
        ));
    }
    // Whether a heading opens a summary (一、2024年工作总结): searched for only when a rule below
    // asks, which most reports' titles settle before.
    let summary_heading_seen = std::cell::OnceCell::new();
    let summary_heading = || *summary_heading_seen.get_or_init(|| g.summary_heading.is_match(text));
    let verdict = |kind, reason: String| Ok(Verdict { kind, reason });
    if let Some(end) = f.notice_ends.iter().find(|e| title.ends_with(e.as_str())) {
        if !speech && !summary_heading() && !g.summary.any_in(text) {
            return Err(Refusal::new(
                Reason::NotAReport,
                format!(
                    "a notice, not a report: its title \"{title}\" ends with \"{end}\" and it holds no report, \
                     review or summary"
                ),
            ));
        }
    }
    let score = 2 * strong.len() + weak.len();
    if title.starts_with("解读") || title.contains("解读") && !speech {
        return verdict(ReportKind::NewsCoverage, format!("its title \"{title}\" interprets a report"));
    }
    if !speech && g.meeting_held.is_match(title) {
        return verdict(ReportKind::NewsCoverage, format!("its title \"{title}\" says a meeting was held"));
    }
    if !speech && !strong.is_empty() && score >= f.min_news_score {
        let cues = strong.iter().chain(&weak).copied().collect::<Vec<_>>().join(", ");
        return verdict(ReportKind::NewsCoverage, format!("it reports on others' words, news score {score}: {cues}"));
    }
    if let Some(w) = found(&g.half_year, &f.half_year_words, title).first() {
        return verdict(ReportKind::HalfYearReport, format!("its title names the half year (\"{w}\")"));
    }
    let opening: String = text.chars().take(300).collect();
    if title.is_empty() && g.half_year.any_in(&opening) && g.summary.any_in(&opening) {
        return verdict(ReportKind::HalfYearReport, "it opens on the half year's work".to_string());
    }
    if let Some(w) = found(&g.report_title, &f.report_title_words, title).first() {
        return verdict(ReportKind::GovernmentWorkReport, format!("its title names the report (\"{w}\")"));
    }
    if speech && (text.contains("报告工作") || text.contains("作报告") || title.contains("工作报告")) {
        return verdict(ReportKind::GovernmentWorkReport, "it is addressed to the congress (各位代表)".to_string());
    }
    let summary = found(&g.summary, &f.summary_words, title);
    let plan = found(&g.plan, &f.plan_words, title);
    if let (None, Some(w)) = (summary.first(), plan.first()) {
        if !title.contains("报告") && !summary_heading() {
            return verdict(ReportKind::WorkPlan, format!("its title names a plan alone (\"{w}\")"));
        }
    }
    if let Some(w) = summary.first() {
        return verdict(ReportKind::WorkSummaryAndPlan, format!("its title names a summary (\"{w}\")"));
    }
    if summary_heading() || text.contains("总结如下") {
        return verdict(ReportKind::WorkSummaryAndPlan, "it opens with a summary of the year's work".to_string());
    }
    let head: String = text.chars().take(80).collect();
    let review = f.review_openings.iter().find(|w| head.contains(w.as_str()));
    let leaders = f.leadership_words.iter().any(|w| head.contains(w.as_str()));
    if let (true, Some(w), true) = (title.is_empty(), review, leaders) {
        return verdict(
            ReportKind::WorkSummaryAndPlan,
            format!("it opens on the year's work (\"{w}\") under its leaders"),
        );
    }
    if title.is_empty() && opens_on_a_years_results(text, f) {
        return verdict(ReportKind::WorkSummaryAndPlan, "its first sentence tells what a year achieved".to_string());
    }
    if title.is_empty() && text.contains(f.main_targets.as_str()) {
        if let Some(y) = opens_on_the_plan_year(text) {
            return verdict(
                ReportKind::GovernmentWorkReport,
                format!("it opens on the plan part of a report: what {y} is, then its main targets"),
            );
        }
    }
    verdict(ReportKind::Other, format!("a document of the town's work ({} phrases of government work)", work.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pass that reads the cues counts the terms as a count of the terms alone does, the cues
    /// being words of the same text.
    #[test]
    fn the_genre_pass_counts_the_terms_as_the_term_counter_does() {
        let text = "各位代表:现在,我代表镇人民政府向大会报告工作。全面推进乡村振兴,乡村振兴战略落地;\
                    优化营商环境,发展数字经济和数字经济产业,守住安全生产底线,推动共同富裕。";
        let alone = terms::count(text);
        assert!(alone.len() >= 4, "{alone:?}");
        assert_eq!(scan(text).term_counts(), alone);
        // The cues the genre reads are found in the same pass.
        assert!(scan(text).counts[..genre().cue_words].iter().any(|&n| n > 0));
    }

    #[test]
    fn placeholders_are_counted_in_any_width() {
        assert_eq!(placeholders("产值X.X亿元,增长XX%,投资xx万元,新增Ｘ家"), 4);
        assert_eq!(placeholders("产值74.23亿元,MAX万元,X光机"), 0);
        // Every mark of the list is looked for: a text is searched only when it holds one.
        assert_eq!(placeholders("投资**万元,增长×%,新增＊家"), 3);
        // At the text's start, after a letter, inside a run of marks; back to back, the second
        // would open with the first's last character, which the first took; five marks are none.
        assert_eq!(placeholders("X万元"), 1);
        assert_eq!(placeholders("AX万元,BXX亿元"), 0);
        assert_eq!(placeholders("A**万元"), 1);
        assert_eq!(placeholders("1+X万元X万元 x% XXXXX万元"), 2);
    }

    proptest::proptest! {
        /// Asked only where a placeholder can open, the expression finds what its search of the
        /// whole text finds.
        #[test]
        fn placeholders_are_the_matches_of_the_whole_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["X", "x", "×", "*", "＊", "Ｘ", ".", "．", " ", "\n", "万元", "亿",
                    "%", "家", "平方米", "A", "b", "中", "1", "+", ",", "增长"]),
                0..40,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(placeholders(&text), genre().placeholder.find_iter(&text).count());
        }
    }

    fn kind(title: &str, text: &str) -> ReportKind {
        let title = (!title.is_empty()).then_some(title);
        classify(title, text).unwrap_or_else(|r| panic!("refused: {r}")).kind
    }

    #[test]
    fn a_news_item_about_a_meeting_is_news_coverage() {
        let news = "1月20日,青石镇召开2024年度工作总结会议。镇党委书记出席会议并讲话。会议指出,2024年全镇\
                    规上工业产值同比增长23.75%。会议强调,要推进重点工作,完成全年任务。(通讯员 张三)";
        assert_eq!(kind("", news), ReportKind::NewsCoverage);
        let lead = "记者从青石镇第六届人民代表大会第三次会议上了解到,2025年该镇将力争地区生产总值增长6%,完成固定资产投资5亿元。";
        assert_eq!(kind("", lead), ReportKind::NewsCoverage);
    }

    #[test]
    fn a_headline_saying_a_meeting_was_held_is_news_coverage() {
        let text = "3月2日,青石乡召开2023年农业工作总结会,乡长主持会议。会上,对2023年农业工作进行总结,\
                    全乡种植蔬菜1.2万亩,完成产值3600万元。";
        assert_eq!(kind("青石乡召开2023年农业工作总结会", text), ReportKind::NewsCoverage);
        assert_eq!(kind("白鹭湾镇举行第五届人民代表大会第二次会议", text), ReportKind::NewsCoverage);
        // A summary's own title names no meeting held.
        assert_eq!(kind("青石乡2023年农业工作总结", text), ReportKind::WorkSummaryAndPlan);
    }

    #[test]
    fn an_interpretation_is_news_coverage_though_it_names_the_report() {
        let text = "解读《青石乡2024年政府工作报告》\n一、出台背景\n报告指出,乡人民政府推进乡村振兴,完成全年目标。";
        assert_eq!(kind("解读《青石乡2024年政府工作报告》", text), ReportKind::NewsCoverage);
    }

    #[test]
    fn an_untitled_text_opening_on_the_years_work_under_its_leaders_is_a_summary() {
        let text = "2023年以来,在县委、县政府的正确领导下,青石镇全力抓项目、促发展,1-11月财政收入1450万元。\n                    一、推进项目建设\n引进项目5个,完成投资2.1亿元,新建厂房3万平方米,带动就业300人。";
        assert_eq!(kind("", text), ReportKind::WorkSummaryAndPlan);
    }

    #[test]
    fn an_untitled_text_opening_on_what_a_year_achieved_is_a_summary() {
        let text = "2022年,青石镇以产业振兴为抓手,抓项目、促增收,全镇各项事业取得了明显成效。\n\
                    全年新建蔬菜大棚120座,完成造林800亩,占任务的105%,推进乡村振兴。";
        assert_eq!(kind("", text), ReportKind::WorkSummaryAndPlan);
        let text = "2022年,青石镇以产业振兴为抓手,抓项目、促增收。\n全年新建蔬菜大棚120座,完成造林800亩,推进乡村振兴。";
        assert_eq!(kind("", text), ReportKind::Other, "a year's work without what it achieved");
    }

    /// A text that begins where a report's plan part does: what the plan year is, the year's
    /// overall requirement, then the main targets.
    #[test]
    fn an_untitled_text_opening_on_a_reports_plan_part_is_a_report() {
        let text = "2025年是青石乡加快发展的攻坚之年。今年工作的总体要求是:坚持稳中求进,推进乡村振兴。\n\
                    我乡经济社会发展的主要预期目标是:财政收入增长5%,农民收入稳步增长。\n\
                    (一)推进乡村全面振兴\n确保粮食播种面积2万亩以上,推进乡村振兴。";
        assert_eq!(kind("", text), ReportKind::GovernmentWorkReport);
        assert_eq!(opens_on_the_plan_year(text), Some(2025));
        // The year reviewed opens a paragraph the same way; the year ahead is not spoken of there.
        assert_eq!(opens_on_the_plan_year("2024年是极不平凡的一年,全乡完成财政收入3亿元。"), None);
        let without = text.replace("我乡经济社会发展的主要预期目标是", "我乡将");
        assert_ne!(kind("", &without), ReportKind::GovernmentWorkReport, "no main targets");
    }

    #[test]
    fn a_short_street_summary_without_the_congress_address_is_a_summary() {
        // Summaries addressed to no congress still speak of the leadership that supervised them.
        let summary = "新华街道2023年工作总结和2024年工作谋划\n一、2023年工作推进情况\n\
                       2023年,在区委区政府的坚强领导下,在街道人大工委的监督支持下,街道办事处\
                       全年完成财政收入3.1亿元,增长12%,新引进企业40家。";
        assert_eq!(kind("新华街道2023年工作总结和2024年工作谋划", summary), ReportKind::WorkSummaryAndPlan);
    }

    #[test]
    fn kinds_from_titles_and_openings() {
        let body = "全镇完成财政收入3.1亿元,同比增长12%,推进重点项目5个,实施民生实事10件。";
        assert_eq!(kind("青石镇2024年上半年工作总结", body), ReportKind::HalfYearReport);
        assert_eq!(kind("青石镇2025年工作要点", body), ReportKind::WorkPlan);
        assert_eq!(kind("青石镇人民政府2025年政府工作报告", body), ReportKind::GovernmentWorkReport);
        assert_eq!(kind("", &format!("一、2024年工作总结\n{body}")), ReportKind::WorkSummaryAndPlan);
        assert_eq!(kind("", &format!("今年以来,青石镇{body}现将有关情况总结如下。")), ReportKind::WorkSummaryAndPlan);
        assert_eq!(kind("", &format!("上半年工作总结\n青石镇{body}")), ReportKind::HalfYearReport);
        assert_eq!(kind("青石镇民生实事项目实施情况的报告", body), ReportKind::Other);
        assert_eq!(kind("新华街道办事处工作报告", body), ReportKind::GovernmentWorkReport);
        let speech = format!("各位代表:\n现在,我代表镇人民政府向大会报告工作。{body}");
        assert_eq!(kind("", &speech), ReportKind::GovernmentWorkReport);
    }

    #[test]
    fn texts_of_no_town_government_are_refused_with_what_they_looked_like() {
        let recipe = "红烧肉做法:五花肉500克,冰糖30克,小火炖一个小时,大火收汁即可出锅。";
        let r = classify(Some("红烧肉的家常做法"), recipe).unwrap_err();
        assert_eq!(r.reason, Reason::NotAReport);
        assert!(r.detail.contains("names no township") && r.detail.contains("红烧肉的家常做法"), "{}", r.detail);
        let notice = "各村、镇属各单位:为做好防汛工作,现将有关事项通知如下:全镇各村要推进排查,完成项目巡查,\
                      报镇人民政府备案。";
        let r = classify(Some("青石镇关于做好防汛工作的通知"), notice).unwrap_err();
        assert!(r.detail.contains("a notice"), "{}", r.detail);
    }

    #[test]
    fn a_text_naming_a_sumu_names_a_township() {
        // Inner Mongolia's pastoral township: a text that names only a 苏木 is a town's document.
        let text = "党的十九大以来,在旗委、旗政府的正确领导下,白音塔拉苏木实施草原生态保护,推进产业发展,\
                    牧民人均可支配收入完成2.1万元,同比增长6%。";
        assert!(classify(None, text).is_ok(), "{:?}", classify(None, text));
        let text = "在旗委的正确领导下,全苏木实施草原生态保护,推进产业发展,牧民人均收入完成2.1万元。";
        assert!(classify(None, text).is_ok(), "{:?}", classify(None, text));
    }

    #[test]
    fn data_file_parses() {
        assert!(genre().file.min_work_cues > 0);
    }
}
