//! Whether a text is a work report at all: a news item, a recipe or a template saved by mistake is
//! refused with a reason, not loaded as a report with no facts or with made-up ones.
//!
//! The cue lists and thresholds are data (data/page_noise.toml, `[genre]`). Texts are judged on
//! their folded form, so a full-width or traditional repost reads like the original.

use crate::error::Refusal;
use crate::words::WordList;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

const NOISE_TOML: &str = include_str!("../../data/page_noise.toml");

#[derive(Deserialize)]
struct NoiseFile {
    genre: GenreFile,
}

#[derive(Deserialize)]
struct GenreFile {
    report_cues: Vec<String>,
    min_report_cues: usize,
    news_cues: Vec<String>,
    min_news_cues: usize,
    report_cues_over_news: usize,
    placeholder: String,
    min_placeholders: usize,
}

struct Genre {
    file: GenreFile,
    placeholder: Regex,
    /// The report cues, then the news cues: both are counted in one pass over a text.
    cues: WordList,
}

fn genre() -> &'static Genre {
    static G: OnceLock<Genre> = OnceLock::new();
    G.get_or_init(|| {
        // Compiled-in data; a malformed file is a build defect the unit tests catch.
        let file: NoiseFile = toml::from_str(NOISE_TOML).expect("data/page_noise.toml [genre] is valid");
        let placeholder = Regex::new(&file.genre.placeholder).expect("[genre] placeholder regex");
        let cues = WordList::new(&[file.genre.report_cues.as_slice(), file.genre.news_cues.as_slice()].concat());
        Genre { file: file.genre, placeholder, cues }
    })
}

/// Placeholder figures (X.X亿元, xx万元, XX%) in a text.
pub fn placeholders(text: &str) -> usize {
    genre().placeholder.find_iter(text).count()
}

/// Refuses a template: a text (folded for parsing) whose figures are placeholders still to be
/// filled in.
pub fn check_template(folded: &str) -> Result<(), Refusal> {
    let n = placeholders(folded);
    if n >= genre().file.min_placeholders {
        return Err(Refusal::new(
            "template",
            format!(
                "the text is a template: {n} of its figures are placeholders such as \"X.X亿元\" or \"xx万元\"; \
                 load the report with its real figures instead"
            ),
        ));
    }
    Ok(())
}

/// Whether one text (folded for parsing) speaks like a work report rather than a news item or
/// another kind of text.
pub fn reads_as_report(folded: &str) -> bool {
    let g = &genre().file;
    let seen = genre().cues.seen_in(folded);
    let (report, news) = seen.split_at(g.report_cues.len());
    let (report, news) = (report.iter().filter(|&&s| s).count(), news.iter().filter(|&&s| s).count());
    report >= g.min_report_cues && (news < g.min_news_cues || report >= news + g.report_cues_over_news)
}

/// Refuses a file none of whose texts reads as a work report.
pub fn check_reports<'a>(bodies: impl IntoIterator<Item = &'a str>) -> Result<(), Refusal> {
    if bodies.into_iter().any(reads_as_report) {
        return Ok(());
    }
    Err(Refusal::new(
        "not_a_report",
        "the text does not read as a work report (it looks like a news item or another kind of page): \
         it lacks the report's address, review and plan; save the report itself, not a page about it",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_counted_in_any_width() {
        assert_eq!(placeholders("产值X.X亿元,增长XX%,投资xx万元,新增Ｘ家"), 4);
        assert_eq!(placeholders("产值74.23亿元,MAX万元,X光机"), 0);
    }

    #[test]
    fn a_news_item_about_a_summary_meeting_is_not_a_report() {
        let news = "湖镇镇召开2024年工作总结暨2025年工作部署会议\n1月20日,湖镇镇召开2024年度工作总结会议。\
                    镇党委书记出席会议并讲话。会议指出,2024年全镇规上工业产值同比增长23.75%。\
                    会议强调,要推进重点工作。会议要求,各部门要完成任务。(通讯员 张三)";
        assert!(!reads_as_report(news));
    }

    #[test]
    fn a_short_street_summary_without_the_congress_address_is_a_report() {
        // Summaries addressed to no congress still speak of the leadership that supervised them.
        let summary = "新华街道2023年工作总结和2024年工作谋划\n一、2023年工作推进情况\n\
                       2023年,在区委区政府的坚强领导下,在街道人大工委的监督支持下,街道办事处\
                       全年完成财政收入3.1亿元,增长12%,新引进企业40家。";
        assert!(reads_as_report(summary));
    }

    #[test]
    fn data_file_parses() {
        assert!(genre().file.min_report_cues > 0);
    }
}
