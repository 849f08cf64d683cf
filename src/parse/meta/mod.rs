//! Report metadata from the title, the lines under it and the page: town, kind, years, dates,
//! meeting and speaker. Read on the folded text (a traditional or full-width repost names the same
//! town and dates), with the kind the genre decided.

mod town;
mod years;

pub use town::{names_in, TownName};

use crate::model::{PageMeta, ReportKind, ReportMeta};
use crate::parse::sections::opens_with_address;
use crate::read::split::{is_title_line, title_lines};
use crate::resolve::gazetteer::{gazetteer, Level};
use crate::text::index::at_most_chars;
use crate::text::is_han;
use regex::Regex;
use std::sync::OnceLock;

/// A name of parts joined by a middle dot, as the names of many of China's peoples are written
/// ("阿依古丽·买买提").
const DOTTED_NAME: &str = r"\p{Han}{1,8}?[·•・‧･]\p{Han}{1,10}?";

/// How many lines after the title may still carry the date, meeting and speaker.
const HEADER_LINES: usize = 8;
/// How many lines of a text without a header are read for its town, meeting and date.
const OPENING_LINES: usize = 40;

struct Patterns {
    date: Regex,
    /// A date written without 年 and 月 ("2025429日"): the year, then month and day run together.
    glued_date: Regex,
    month_day: Regex,
    meeting: Regex,
    session_verb: Regex,
    year_at_end: Regex,
    year_in: Regex,
    speaker: Regex,
    speaker_alone: Regex,
    speaker_in_news: Regex,
    site_prefix: Regex,
    site_suffix: Regex,
    title_meeting: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("metadata regex");
        let n = "[一二三四五六七八九十〇零\\d]";
        Patterns {
            date: re(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
            glued_date: re(r"(?:^|[^\d])(\d{4})(\d{2,4})日"),
            month_day: re(r"(\d{1,2})月(\d{1,2})日|(?:^|[^\d])(\d{3,4})日"),
            // A people's congress, a party congress or a street's 议政会, with the words before it
            // (which hold the town, and sometimes a date or 在).
            meeting: re(&format!(
                r"(\p{{Han}}{{0,20}}?(?:\d{{4}}年度?)?)((?:第?{n}*届)?(?:人民代表大会|人大|党代会)(?:第)?{n}*次(?:全体)?会议|(?:人大代表、政协委员)?(?:第{n}+届)?议政(?:代表)?大?会(?:第{n}+次(?:全体)?会议)?)"
            )),
            session_verb: re(r"召开|举行|开幕|闭幕|听取|审议|明确"),
            year_at_end: re(r"\d{4}年度?$"),
            year_in: re(r"((?:19|20)\d{2})年"),
            speaker: re(&format!(
                r"^[\p{{Han}}、,，\s]{{0,30}}?(代?(?:镇长|乡长|苏木达|街道办事处主任|主任)(?:候选人|提名人选|提名人)?)\s*[:：]?\s*({DOTTED_NAME}|\p{{Han}}(?:\s?\p{{Han}}){{1,3}})$"
            )),
            speaker_alone: re(&format!(r"^({DOTTED_NAME}|\p{{Han}}(?:\s?\p{{Han}}){{1,3}})$")),
            speaker_in_news: re(&format!(
                r"(镇长|乡长|苏木达|主任)(?:候选人)?({DOTTED_NAME}|\p{{Han}}{{2,3}}?)(?:同志)?(?:向大会|代表\p{{Han}}{{0,8}}政府|所?作的?[\p{{Han}}\d]{{0,16}}?报告)"
            )),
            site_prefix: re(r"^(?:【[^】]{1,16}】|\((?:\p{Han}{1,10}(?:省|市|县|区|旗))\))"),
            site_suffix: re(r"\((?:全文|摘要|图文|附全文|全文发布|全文下载)\)$"),
            // The meeting a title line goes on with ("政府工作报告——在某镇第五届人民代表大会第二次会议上").
            title_meeting: re(r"^(.+?)\s*[—―-]*\s*在\p{Han}[\p{Han}\d]{1,40}?会议上$"),
        }
    })
}

/// Reads the metadata of a report whose folded body is `body`, of the kind the genre decided.
/// `page_title` is the page's own title standing over the report, when there is one.
pub fn parse(body: &str, page: &PageMeta, kind: ReportKind, page_title: Option<&str>) -> ReportMeta {
    let lines: Vec<&str> = crate::text::words::lines(body).collect();
    let title_lines = title_lines(&lines);
    let heading =
        (title_lines > 0).then(|| clean_title(&lines[..title_lines].iter().map(|l| l.trim()).collect::<String>()));
    let page_title = page_title.or(page.title.as_deref()).map(clean_title);
    let title = match kind {
        // A news item's headline is no document's title.
        ReportKind::NewsCoverage => None,
        _ => more_specific(heading.clone(), page_title.clone()),
    };
    let header: Vec<&str> = lines.iter().skip(title_lines).take(HEADER_LINES).copied().collect();
    let opening: Vec<&str> = lines.iter().take(OPENING_LINES).copied().collect();

    let mut meta = ReportMeta { title: title.clone(), kind: Some(kind), ..Default::default() };
    // The first name the gazetteer knows, else the first name at all; reading stops at a known one.
    // The page's publisher ("某县某镇", "某某镇人民政府") comes last: a township it names that the
    // gazetteer knows outranks a name it does not know in the text.
    let mut names = [title.as_deref(), heading.as_deref(), page_title.as_deref()]
        .into_iter()
        .flatten()
        .chain(opening.iter().copied())
        .chain(page.publisher.as_deref())
        .flat_map(names_in);
    let first = names.next();
    let known = if first.as_ref().is_some_and(|t| t.known) { first.clone() } else { names.find(|t| t.known) };
    // A first name the gazetteer lacks that the opening repeats (in its title, meeting and speaker
    // lines) is the report's town all the same: a known name further on is then another place, or
    // a phrase ("着眼新市镇建设").
    let repeated =
        first.as_ref().is_some_and(|f| !f.known && lines_naming(&opening, page_title.as_deref(), page, &f.name) >= 2);
    meta.town = if repeated { first } else { known.or(first) }.map(|t: TownName| t.name);
    if heading.is_some() {
        read_header(&mut meta, &header, page);
        // A title line that goes on with its meeting ("政府工作报告在某镇…会议上") names it there.
        if meta.meeting.is_none() && lines[0].trim_end().ends_with("会议上") {
            meta.meeting = meeting_in(lines[0], meta.town.as_deref(), true);
        }
    } else if let Some(address) = lines.iter().take(HEADER_LINES).position(|l| opens_with_address(l)) {
        // A speech without a title: the lines over its address are its header.
        read_header(&mut meta, &lines[..address], page);
    } else if let Some(c) =
        header.iter().filter(|l| names_an_office(l)).find_map(|l| patterns().speaker.captures(l.trim()))
    {
        meta.speaker_title = Some(c[1].to_string());
        meta.speaker = Some(c[2].split_whitespace().collect());
    }
    if meta.meeting.is_none() && heading.is_none() {
        // A text without a header names its session in a sentence about it: the fullest name.
        meta.meeting = opening
            .iter()
            .flat_map(|l| l.split('。'))
            .filter(|s| patterns().session_verb.is_match(s) || s.contains("会议上"))
            .filter_map(|s| meeting_in(s, meta.town.as_deref(), false))
            .max_by_key(|m| m.chars().count());
    }
    if meta.speaker.is_none() && kind == ReportKind::NewsCoverage {
        if let Some(c) = opening.iter().find_map(|l| patterns().speaker_in_news.captures(l)) {
            meta.speaker_title = Some(c[1].to_string());
            meta.speaker = Some(c[2].to_string());
        }
    }
    // The lines under the title, when the text has one.
    let under_title = &lines[title_lines..];
    let (review, plan) = years::years(
        kind,
        under_title,
        title.as_deref().or(heading.as_deref()),
        meta.delivered_on.as_deref(),
        page.published_on.as_deref(),
    );
    meta.review_year = review;
    meta.plan_year = plan;
    if meta.delivered_on.is_none() && kind == ReportKind::NewsCoverage {
        meta.delivered_on = session_date(&opening, plan, page.published_on.as_deref());
    }
    meta
}

/// A title without the site's additions: a bracketed channel or place before it (`【某市招商】`,
/// `(某某县)`), a `(全文)` after it, a table cell's bar.
fn clean_title(title: &str) -> String {
    let p = patterns();
    let t = title.trim().trim_end_matches(['|', '｜', ' ']);
    let t = p.site_prefix.replace(t, "");
    let t = p.site_suffix.replace(&t, "");
    // (Only a line ending in 会议上 is searched for the meeting it goes on with.)
    // A line that is only the meeting ("——在…会议上") keeps it: nothing before it is a title.
    let t = match t.ends_with("会议上").then(|| p.title_meeting.captures(&t)).flatten() {
        Some(c) if c[1].chars().any(char::is_alphanumeric) => c[1].to_string(),
        _ => t.into_owned(),
    };
    t.trim().to_string()
}

/// Of the report's own heading and the page's title, the one that says more: a bare heading
/// (`政府工作报告`, naming no town and no year) gives way to the page's title.
fn more_specific(heading: Option<String>, page_title: Option<String>) -> Option<String> {
    let says_more = |t: &str| t.contains(|c: char| c.is_ascii_digit()) || !names_in(t).is_empty();
    match (heading, page_title) {
        (Some(h), Some(p)) if !says_more(&h) && says_more(&p) => Some(p),
        (Some(h), _) => Some(h),
        (None, p) => p.filter(|t| is_title_line(t)),
    }
}

/// The date, meeting and speaker lines under a title.
fn read_header(meta: &mut ReportMeta, header: &[&str], page: &PageMeta) {
    let p = patterns();
    for (i, line) in header.iter().enumerate() {
        let l = line.trim().trim_start_matches(['—', '―', '-', '(', '（']).trim_end_matches([')', '）']);
        if meta.delivered_on.is_none() {
            meta.delivered_on = header_date(l, page);
        }
        // A meeting line under the title, not a sentence that mentions one.
        let names_meeting = l.contains("会议上") || (at_most_chars(l, 30) && !l.contains(['，', ',', '。']));
        if meta.meeting.is_none() && names_meeting {
            // A long meeting name may be broken over two lines ("...第二十届" / "人民代表大会第八次会议上").
            let joined =
                header.get(i + 1).filter(|n| n.trim().chars().count() <= 30).map(|next| format!("{l}{}", next.trim()));
            let town = meta.town.as_deref();
            meta.meeting = meeting_in(l, town, true).or_else(|| joined.and_then(|j| meeting_in(&j, town, true)));
        }
        if meta.speaker.is_none() {
            if let Some(c) = names_an_office(l).then(|| p.speaker.captures(l)).flatten() {
                meta.speaker_title = Some(c[1].to_string());
                meta.speaker = Some(c[2].split_whitespace().collect());
            } else if l.ends_with("会议上") {
                // The name alone under the meeting line: the speaker, whose office goes unsaid.
                // (A line naming an office is read for it on its own turn: "镇长王 鹏".)
                let next =
                    header.get(i + 1).map(|n| n.trim()).filter(|n| !opens_with_address(n) && !names_an_office(n));
                if let Some(c) = next.and_then(|n| p.speaker_alone.captures(n)) {
                    meta.speaker = Some(c[1].split_whitespace().collect());
                }
            } else if let Some(office) =
                ["镇长", "乡长", "苏木达", "街道办事处主任", "主任"].iter().find(|o| l.ends_with(*o))
            {
                // The title closing its line, the name alone on the next.
                if let Some(c) = header.get(i + 1).and_then(|n| p.speaker_alone.captures(n.trim())) {
                    meta.speaker_title = Some(office.to_string());
                    meta.speaker = Some(c[1].split_whitespace().collect());
                }
            }
        }
    }
}

/// Whether a line names an office whose holder gives the report (镇长, 乡长, 主任): a line that
/// names none names no speaker, and is not searched for one.
fn names_an_office(line: &str) -> bool {
    ["镇长", "乡长", "苏木达", "主任"].iter().any(|office| crate::text::words::contains(line, office))
}

/// A delivery date on a header line: a line that is the date, or a "(date, 在…会议上)" line; a
/// date in a sentence is some other day.
fn header_date(line: &str, page: &PageMeta) -> Option<String> {
    let p = patterns();
    // (Most header lines are sentences with no date: a line without 日, or without six digits
    // before one, is not searched.)
    if !line.contains('日') {
        return None;
    }
    if let Some(c) = line.contains('年').then(|| p.date.captures(line)).flatten() {
        let rest = line.replace(&c[0], "");
        if rest.trim_matches(|ch: char| "()（）在上 ".contains(ch)).chars().count() <= 30 {
            return crate::read::page::iso_ymd(&c[1], &c[2], &c[3]);
        }
        return None;
    }
    let digits_before =
        |at: usize| line[..at].chars().rev().take_while(|&c| crate::text::markers::is_numeric(c)).count();
    if !line.match_indices('日').any(|(at, _)| digits_before(at) >= 6) {
        return None;
    }
    let c = p.glued_date.captures(line)?;
    glued(&c[1], &c[2], page.published_on.as_deref().or(page.written_on.as_deref()))
}

/// A year and a month and day run together: the one reading that makes a date, or, when two do
/// ("118" is 1-18 or 11-8), the one the page's date supports (on or before it, and the closest);
/// none when nothing tells them apart.
fn glued(year: &str, md: &str, page_date: Option<&str>) -> Option<String> {
    let iso = crate::read::page::iso_ymd;
    let readings: Vec<String> = (1..md.len()).filter_map(|k| iso(year, &md[..k], &md[k..])).collect();
    match readings.as_slice() {
        [one] => Some(one.clone()),
        [] => None,
        many => {
            let page = page_date?;
            many.iter().filter(|d| d.as_str() <= page).max().cloned()
        }
    }
}

/// How many different lines of a text's opening, its page's title and its publisher hold a name.
fn lines_naming(opening: &[&str], page_title: Option<&str>, page: &PageMeta, name: &str) -> usize {
    let mut lines: Vec<&str> = opening
        .iter()
        .copied()
        .chain(page_title)
        .chain(page.publisher.as_deref())
        .map(str::trim)
        .filter(|l| l.contains(name))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines.len()
}

/// The meeting a line names, its name starting at the town (a bare `镇第…` or a date before it
/// gives way to the report's town).
fn meeting_in(line: &str, town: Option<&str>, with_region: bool) -> Option<String> {
    let p = patterns();
    // (Every meeting the expression knows is a congress or a 议政会: a line naming none is not
    // searched.)
    if !["人民代表大会", "人大", "党代会", "议政"].iter().any(|w| crate::text::words::contains(line, w)) {
        return None;
    }
    let c = p.meeting.captures(line)?;
    let (before, core) = (&c[1], &c[2]);
    let year = p.year_at_end.find(before).map_or("", |m| m.as_str());
    let words = &before[..before.len() - year.len()];
    // The place as written, with the county or city before the town ("某市某区某镇").
    let place = names_in(words).pop().map(|t| {
        let at = words.rfind(t.name.as_str()).unwrap_or(0);
        let lead = &words[..at];
        let from = lead.char_indices().rev().find(|(_, c)| !is_region_char(*c)).map_or(0, |(b, c)| b + c.len_utf8());
        let region = if with_region { region_prefix(&lead[from..]) } else { "" };
        format!("{region}{}", t.name)
    });
    let place = place.or_else(|| town.map(str::to_string));
    // A meeting that names neither a town nor a year is the report's town's, when it names one.
    let place = place.unwrap_or_default();
    Some(format!("{place}{year}{core}"))
}

/// The latest year a text names.
fn latest_year(lines: &[&str]) -> Option<i32> {
    let p = patterns();
    lines.iter().flat_map(|l| p.year_in.captures_iter(l)).filter_map(|c| c[1].parse().ok()).max()
}

/// Whether a character may belong to the county, city and province names before a town.
fn is_region_char(c: char) -> bool {
    is_han(c) && !"在于日的年月和与向从为".contains(c)
}

/// The region names ending a run of characters: only whole names ending in 省, 市, 区, 县 or 旗
/// ("日在某市某区" gives "某市某区"; "较好地完成" gives nothing).
fn region_prefix(run: &str) -> &str {
    let ends: Vec<usize> =
        run.char_indices().filter(|(_, c)| "省市区县旗".contains(*c)).map(|(b, c)| b + c.len_utf8()).collect();
    match ends.last() {
        Some(&end) if end == run.len() => {
            // The first name as the gazetteer knows it, however long (浦东新区, 滨海新区); else
            // names of two or three characters: trim what stands before the first.
            let head = &run[..ends[0]];
            let g = gazetteer();
            let known = head.char_indices().map(|(b, _)| b).find(|&b| {
                head[b..].chars().nth(1).is_some() && g.named(&head[b..]).any(|d| d.level != Level::Township)
            });
            let start = known.unwrap_or_else(|| head.char_indices().rev().nth(2).map_or(0, |(b, _)| b));
            &run[start..]
        }
        _ => "",
    }
}

/// A news item's session date: "3月6日,某镇第三届人民代表大会第七次会议…召开" in its opening, in
/// the year it plans (the session opens that year), else the year it was published.
fn session_date(opening: &[&str], plan: Option<i32>, published: Option<&str>) -> Option<String> {
    let p = patterns();
    for sentence in opening.iter().flat_map(|l| l.split('。')) {
        let Some(c) = p.month_day.captures(sentence) else { continue };
        let at = sentence[..c.get(0).map_or(0, |m| m.start())].chars().count();
        if at > 12 || !(p.meeting.is_match(sentence) && p.session_verb.is_match(sentence)) {
            continue;
        }
        // "7月28日", or the same with 月 lost ("728日": the one reading that makes a date).
        let (month, day) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(m), Some(d), _) => (m.as_str().to_string(), d.as_str().to_string()),
            (_, _, Some(md)) => {
                let md = md.as_str();
                let readings: Vec<(String, String)> = (1..md.len())
                    .map(|k| (md[..k].to_string(), md[k..].to_string()))
                    .filter(|(m, d)| crate::read::page::iso_ymd("2000", m, d).is_some())
                    .collect();
                match readings.as_slice() {
                    [one] => one.clone(),
                    _ => continue,
                }
            }
            _ => continue,
        };
        let year = match (plan, published.and_then(|d| d.get(..4)?.parse::<i32>().ok())) {
            (Some(y), _) if month == "12" => y - 1,
            (Some(y), _) => y,
            (None, Some(y)) => y,
            // The year the article speaks in: the latest it names.
            (None, None) => latest_year(opening)?,
        };
        return crate::read::page::iso_ymd(&year.to_string(), &month, &day);
    }
    None
}

#[cfg(test)]
mod tests;
