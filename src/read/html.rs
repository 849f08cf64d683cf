//! HTML pages: the text a reader sees, read through a real HTML parser (html5ever), with scripts,
//! styles, navigation, share buttons and footers left out and one line per block. The page's
//! `<title>` and `<meta>` tags are kept as page metadata. What the text then still carries of the
//! page (metadata lines, breadcrumbs) is cleaned by `page` like any saved text.
//!
//! Which elements are furniture is data (data/page_noise.toml, `[html]`), not code.

use crate::read::decode::Encoding;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct HtmlRules {
    drop_tags: HashSet<String>,
    furniture_tags: HashSet<String>,
    furniture_words: Vec<String>,
    furniture_roles: HashSet<String>,
    block_tags: HashSet<String>,
    cell_tags: HashSet<String>,
    meta: MetaNames,
}

#[derive(Deserialize)]
struct MetaNames {
    title: Vec<String>,
    published_on: Vec<String>,
    written_on: Vec<String>,
    publisher: Vec<String>,
    site: Vec<String>,
}

fn rules() -> &'static HtmlRules {
    static RULES: OnceLock<HtmlRules> = OnceLock::new();
    RULES.get_or_init(|| super::lexicon::section("html"))
}

/// What the page's head says about it, as written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeadMeta {
    /// The article's title: an ArticleTitle-like meta tag, else `<title>` without the site's name.
    pub title: Option<String>,
    pub published_on: Option<String>,
    pub written_on: Option<String>,
    pub publisher: Option<String>,
    pub site: Option<String>,
}

/// A page's visible text and its head's metadata.
#[derive(Debug, Default)]
pub struct HtmlPage {
    /// One block per line; lines are not trimmed (page cleaning does that).
    pub text: String,
    pub head: HeadMeta,
}

/// How far into a text markup is looked for.
const SNIFF_CHARS: usize = 4096;

/// Whether a decoded text is HTML, judged from its content, whatever the file is called.
pub fn looks_like_html(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    // Every sign looked for below opens with '<': a plain text has none in its head, and is done
    // with at once, without walking the head's characters. The head's characters lie within four
    // bytes each of its start, and only there is '<' looked for (by memchr's vectorised search).
    let reach = text.len().min(4 * SNIFF_CHARS);
    match memchr::memchr(b'<', &text.as_bytes()[..reach]) {
        Some(b) if text[..b].chars().count() < SNIFF_CHARS => {}
        _ => return false,
    }
    let head = text.char_indices().nth(SNIFF_CHARS).map_or(text, |(b, _)| &text[..b]);
    let lower = head.to_ascii_lowercase();
    if ["<!doctype html", "<html", "<head", "<body", "<meta", "<?xml"].iter().any(|p| lower.starts_with(p)) {
        return !lower.starts_with("<?xml") || lower.contains("<html");
    }
    // A fragment saved as text: several block tags and their closing tags.
    let tags = ["<p>", "<p ", "<div", "<br", "<td", "<span", "<table", "<li"].iter().map(|t| lower.matches(t).count());
    tags.sum::<usize>() >= 3 && (lower.contains("</p>") || lower.contains("</div>") || lower.contains("</span>"))
}

/// The charset a page declares for itself (`<meta charset>` or the http-equiv Content-Type), read
/// from its first bytes, which any ASCII-compatible charset spells in ASCII.
pub fn declared_charset(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_CHARS)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..].iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'));
        let name = &lower[i..i + end.unwrap_or(lower.len() - i)];
        return match name {
            b"gb18030" | b"gbk" | b"gb2312" | b"x-gbk" | b"cp936" | b"euc-cn" | b"hz-gb-2312" => {
                Some(Encoding::Gb18030)
            }
            b"utf-8" | b"utf8" => Some(Encoding::Utf8),
            _ => None,
        };
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Text of a subtree up to which an element counts as furniture: past it the element holds
/// running prose (a site that wraps its article in `<div class="nav-content">` keeps it).
const PROSE_MIN_CHARS: usize = 200;
const PROSE_MIN_SENTENCES: usize = 3;
/// Nodes looked at when deciding whether an element holds prose, so deep pages stay linear.
const PROSE_SCAN_NODES: usize = 4000;

/// The visible text of a page and its head's metadata.
pub fn extract(html: &str) -> HtmlPage {
    let r = rules();
    let doc = Html::parse_document(&super::tags::bound_tags(html));
    let mut out = String::with_capacity(html.len() / 2);
    let mut head = HeadMeta::default();
    let mut page_title: Option<String> = None;
    // The element whose subtree is being skipped, and how many <pre> are open.
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut pre_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => push_text(&mut out, t, pre_depth > 0),
                    Node::Element(e) => {
                        let name = e.name();
                        if name == "title" {
                            if page_title.is_none() {
                                page_title = Some(text_of(node));
                            }
                            skipping = Some(node.id());
                        } else if name == "meta" {
                            read_meta(e, &mut head);
                        } else if is_dropped(node, e) {
                            skipping = Some(node.id());
                        } else {
                            if name == "pre" {
                                pre_depth += 1;
                            }
                            if r.block_tags.contains(name) {
                                newline(&mut out);
                            } else if r.cell_tags.contains(name) {
                                out.push(' ');
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    if e.name() == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if r.block_tags.contains(e.name()) {
                        newline(&mut out);
                    }
                }
            }
        }
    }
    if head.title.is_none() {
        head.title = page_title.map(|t| strip_site_name(&t)).filter(|t| !t.is_empty());
    }
    HtmlPage { text: out, head }
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Appends a text node. Outside <pre>, runs of HTML white space are one space, as a browser shows
/// them; non-breaking and ideographic spaces are text and stay.
fn push_text(out: &mut String, text: &str, pre: bool) {
    if pre {
        out.push_str(&text.replace("\r\n", "\n"));
        return;
    }
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            if !(out.is_empty() || out.ends_with(' ') || out.ends_with('\n')) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn text_of(node: NodeRef<Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_dropped(node: NodeRef<Node>, e: &scraper::node::Element) -> bool {
    let r = rules();
    let name = e.name();
    if r.drop_tags.contains(name) {
        return true;
    }
    let furniture = if r.furniture_tags.contains(name) {
        // An article's own header and footer belong to it.
        !((name == "header" || name == "footer") && inside_article(node))
    } else {
        let role = e.attr("role").is_some_and(|v| r.furniture_roles.contains(&v.trim().to_ascii_lowercase()));
        role || e.id().into_iter().chain(e.classes()).any(names_furniture)
    };
    furniture && !holds_prose(node)
}

fn inside_article(node: NodeRef<Node>) -> bool {
    node.ancestors().any(|a| a.value().as_element().is_some_and(|e| matches!(e.name(), "article" | "main")))
}

/// Whether one class or id names furniture: one of its pieces starts or ends with a furniture
/// word ("topnav", "bdsharebuttonbox", "footer-links").
fn names_furniture(name: &str) -> bool {
    let words = &rules().furniture_words;
    name.split(|c: char| !c.is_ascii_alphabetic()).filter(|p| !p.is_empty()).any(|piece| {
        let piece = piece.to_ascii_lowercase();
        words.iter().any(|w| piece.starts_with(w.as_str()) || piece.ends_with(w.as_str()))
    })
}

fn holds_prose(node: NodeRef<Node>) -> bool {
    let (mut chars, mut sentences) = (0usize, 0usize);
    for d in node.descendants().take(PROSE_SCAN_NODES) {
        if let Node::Text(t) = d.value() {
            chars += t.chars().filter(|c| !c.is_whitespace()).count();
            sentences += t.matches('。').count();
            if chars >= PROSE_MIN_CHARS && sentences >= PROSE_MIN_SENTENCES {
                return true;
            }
        }
    }
    false
}

fn read_meta(e: &scraper::node::Element, head: &mut HeadMeta) {
    let (Some(name), Some(content)) = (e.attr("name").or_else(|| e.attr("property")), e.attr("content")) else {
        return;
    };
    let name = name.trim().to_ascii_lowercase();
    let content = content.split_whitespace().collect::<Vec<_>>().join(" ");
    if content.is_empty() {
        return;
    }
    let m = &rules().meta;
    for (names, slot) in [
        (&m.title, &mut head.title),
        (&m.published_on, &mut head.published_on),
        (&m.written_on, &mut head.written_on),
        (&m.publisher, &mut head.publisher),
        (&m.site, &mut head.site),
    ] {
        if slot.is_none() && names.contains(&name) {
            *slot = Some(content.clone());
        }
    }
}

/// A page title often ends with the site's name ("…工作报告_嵊州市人民政府", "… - 龙游县人民政府").
fn strip_site_name(title: &str) -> String {
    let cut =
        ["_", " - ", " | ", "|", "－", "—", " -"].iter().filter_map(|s| title.find(s)).min().unwrap_or(title.len());
    title[..cut].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="gbk">
<title>2024年湖镇镇政府工作报告_龙游县人民政府</title>
<meta name="ArticleTitle" content="2024年湖镇镇政府工作报告">
<meta name="PubDate" content="2025-02-19 11:35">
<meta name="ContentSource" content="湖镇镇人民政府">
<meta name="SiteName" content="龙游县人民政府">
<script>var x = "各位代表";</script><style>p { color: red }</style></head>
<body><div class="top-nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
<div id="breadcrumb">当前位置：首页 &gt; 政务公开</div>
<nav><ul><li>机构概况</li><li>政策文件</li></ul></nav>
<div class="article"><h1>2024年湖镇镇政府工作报告</h1>
<p>&nbsp;&nbsp;各位代表：</p><p>　　现在，我代表镇人民政府
向大会作报告。</p><p>达到74.23亿元<br>同比增长23.75%。</p>
<table><tr><td>产值</td><td>74.23</td></tr></table></div>
<div class="bdsharebuttonbox">分享到：微信 微博</div>
<footer>版权所有 龙游县人民政府</footer></body></html>"#;

    #[test]
    fn page_text_without_furniture_one_block_a_line() {
        let p = extract(PAGE);
        let lines: Vec<&str> = p.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "2024年湖镇镇政府工作报告",
                "各位代表：",
                "现在，我代表镇人民政府 向大会作报告。",
                "达到74.23亿元",
                "同比增长23.75%。",
                "产值 74.23"
            ]
        );
        assert_eq!(p.head.title.as_deref(), Some("2024年湖镇镇政府工作报告"));
        assert_eq!(p.head.published_on.as_deref(), Some("2025-02-19 11:35"));
        assert_eq!(p.head.publisher.as_deref(), Some("湖镇镇人民政府"));
        assert_eq!(p.head.site.as_deref(), Some("龙游县人民政府"));
    }

    #[test]
    fn furniture_holding_the_article_is_kept() {
        let prose = "镇政府全年完成各项任务。".repeat(30);
        let p = extract(&format!("<html><body><div class=\"nav-content\"><p>{prose}</p></div></body></html>"));
        assert!(p.text.contains(&prose));
    }

    #[test]
    fn html_is_known_by_content() {
        assert!(looks_like_html(PAGE));
        assert!(looks_like_html("\n  <div><p>各位代表:</p><p>现在</p><br></div>"));
        assert!(!looks_like_html("2024年湖镇镇政府工作报告\n各位代表:\n产值<10亿元的企业"));
    }

    #[test]
    fn markup_is_looked_for_in_the_heads_characters_not_its_bytes() {
        // Three bytes a character: the tags stand past the first SNIFF_CHARS bytes, within as
        // many characters.
        let fragment = "<div><p>各位代表:</p><p>现在</p><br></div>";
        let late = |chars: usize| format!("{}{fragment}", "镇".repeat(chars));
        assert!(looks_like_html(&late(SNIFF_CHARS - 100)));
        assert!(!looks_like_html(&late(SNIFF_CHARS + 100)));
    }

    #[test]
    fn declared_charset_is_read() {
        assert_eq!(declared_charset(PAGE.as_bytes()), Some(Encoding::Gb18030));
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">";
        assert_eq!(declared_charset(equiv), Some(Encoding::Gb18030));
        assert_eq!(declared_charset(b"<meta charset='utf-8'>"), Some(Encoding::Utf8));
        assert_eq!(declared_charset(b"charset"), None);
        assert_eq!(declared_charset(b"<meta charset=\"koi8-r\">"), None);
    }

    #[test]
    fn site_names_leave_page_titles() {
        assert_eq!(strip_site_name("2024年湖镇镇政府工作报告 - 龙游县人民政府"), "2024年湖镇镇政府工作报告");
        assert_eq!(strip_site_name("工作报告"), "工作报告");
    }
}
