//! Reports as people have them: other encodings, HTML pages, full-width and traditional reposts,
//! damaged files and files that are not reports. Copies of a sample report must load the same
//! report and the same facts as the original; refusals leave a load_errors row and the rest loads.

use crate::util::{column, corpus, scalar, WorkDir};
use gwr::pipeline::{plan_bytes, Options};
use gwr::text::index::Folded;
use proptest::prelude::*;
use rusqlite::Connection;
use std::time::Instant;

/// The sample used for the copies: one report with a metadata line and a speaker line.
const SAMPLE: &str = "000_5f3145f1445451d9.txt";

fn sample_text(name: &str) -> String {
    std::fs::read_to_string(corpus().join(name)).expect("read sample report")
}

/// What a load stored for the one report of a warehouse, without the text-dependent hash.
#[derive(Debug, PartialEq)]
struct Stored {
    body: String,
    char_count: i64,
    complete: i64,
    meta: Vec<Option<String>>,
    /// Sections and facts: positions, values and units, one string per row.
    rows: Vec<String>,
}

fn stored(db: &Connection) -> Stored {
    assert_eq!(scalar::<i64>(db, "SELECT count(*) FROM reports"), 1, "one report stored");
    let (body, char_count, complete) = db
        .query_row("SELECT body, char_count, complete FROM reports", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("report row");
    let meta = db
        .query_row(
            "SELECT t.name, r.kind, r.title, CAST(r.review_year AS TEXT), CAST(r.plan_year AS TEXT), r.delivered_on,
                    r.published_on, r.meeting, r.speaker, r.speaker_title, r.publisher
             FROM reports r JOIN towns t ON t.id = r.town_id",
            [],
            |r| (0..11).map(|i| r.get::<_, Option<String>>(i)).collect::<Result<Vec<_>, _>>(),
        )
        .expect("report metadata");
    let rows = column(
        db,
        "SELECT 'section ' || level || ' ' || ordinal || ' ' || part || ' ' || char_start || '-' || char_end FROM sections
         UNION ALL
         SELECT 'indicator ' || name || ' ' || coalesce(value, '-') || ' ' || unit || ' ' || coalesce(growth_pct, '-')
                || ' ' || char_start || '-' || char_end FROM indicators
         UNION ALL
         SELECT 'target ' || name || ' ' || coalesce(value, '-') || ' ' || coalesce(unit, '-') || ' ' || comparator
                || ' ' || char_start || '-' || char_end FROM targets
         UNION ALL
         SELECT 'project ' || name || ' ' || coalesce(investment, '-') || ' ' || coalesce(investment_unit, '-')
                || ' ' || char_start || '-' || char_end FROM projects
         ORDER BY 1",
    );
    Stored { body, char_count, complete, meta, rows }
}

/// Loads one file into its own warehouse and returns what was stored and the encoding recorded.
fn load_alone(wd: &WorkDir, name: &str, bytes: &[u8], extra: &[&str]) -> (Stored, String) {
    wd.write(&format!("in/{name}"), bytes);
    let db = format!("{name}.db");
    let mut args = vec!["load", "--db", db.as_str()];
    let path = format!("in/{name}");
    args.push(&path);
    args.extend_from_slice(extra);
    wd.gwr(&args).ok();
    let conn = wd.db(&db);
    let encoding: String = scalar(&conn, "SELECT encoding FROM reports");
    (stored(&conn), encoding)
}

fn html_escape(line: &str) -> String {
    line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\u{a0}', "&nbsp;")
}

/// The sample's lines inside a county government's article page: head metadata, scripts, styles,
/// a search box, navigation, breadcrumbs, share buttons, related links and a footer.
fn government_page(text: &str, charset: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let title = lines[0].trim();
    let mut article = format!("<h1 class=\"title\">{}</h1>\n", html_escape(title));
    for l in &lines[1..] {
        article.push_str(&format!("<p style=\"text-indent: 2em;\">{}</p>\n", html_escape(l.trim())));
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_龙游县人民政府</title>
<meta name="SiteName" content="龙游县人民政府">
<meta name="ColumnName" content="政府工作报告">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2025-02-19 11:35">
<meta name="ContentSource" content="湖镇镇">
<link rel="stylesheet" href="/css/style.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("<div>各位代表：统计代码</div>");</script>
<style>.article p {{ text-indent: 2em; line-height: 2; }}</style>
</head>
<body>
<div class="header"><div class="logo"><img src="/img/logo.png" alt="龙游县人民政府"></div>
  <div class="search-box"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</div>
<div class="article">
{article}</div>
<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="print-close"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a.html">2023年湖镇镇政府工作报告</a></li></ul></div>
<div class="footer"><p>主办单位：龙游县人民政府办公室 承办单位：龙游县大数据发展中心</p>
  <p>浙ICP备05018127号 浙公网安备33082502000101号 网站标识码：3308250001</p></div>
<script>$(function() {{ console.log("2024年工作回顾"); }});</script>
</body></html>
"#
    )
}

/// ASCII digits, %, ., comma and parentheses as a full-width text writes them.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' | '%' | '.' | ',' | '(' | ')' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The text reposted in traditional characters: every simplified character of the loader's own
/// folding table written in its traditional form.
fn traditional(text: &str) -> String {
    let table = std::fs::read_to_string(crate::util::root().join("data/ts_characters.txt")).expect("fold table");
    let mut back = std::collections::HashMap::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let cs: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
        back.entry(cs[1]).or_insert(cs[0]);
    }
    text.chars().map(|c| *back.get(&c).unwrap_or(&c)).collect()
}

#[test]
fn gb18030_utf16_and_html_copies_load_the_same_report_and_facts() {
    let wd = WorkDir::new();
    let text = sample_text(SAMPLE);
    let (original, enc) = load_alone(&wd, "original.txt", text.as_bytes(), &[]);
    assert_eq!(enc, "utf-8");
    assert!(original.body.starts_with("2024年湖镇镇政府工作报告\n"), "{}", &original.body[..60]);

    let (gb, had_errors) = {
        let (bytes, _, errors) = encoding_rs::GB18030.encode(&text);
        (bytes.into_owned(), errors)
    };
    assert!(!had_errors, "the sample is representable in GB18030");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let page = government_page(&text, "utf-8");
    let gbk_page = encoding_rs::GB18030.encode(&government_page(&text, "gbk")).0.into_owned();

    for (name, bytes, want) in [
        ("copy_gb.txt", gb, "gb18030"),
        ("copy_utf16.txt", utf16, "utf-16le"),
        ("page.html", page.clone().into_bytes(), "utf-8"),
        ("page_gbk.htm", gbk_page, "gb18030"),
        // A page saved as .txt is still read as HTML.
        ("page_saved.txt", page.into_bytes(), "utf-8"),
    ] {
        let (copy, enc) = load_alone(&wd, name, &bytes, &[]);
        assert_eq!(enc, want, "{name}: encoding recorded");
        assert_eq!(copy, original, "{name}: the same report as the original");
    }
}

#[test]
fn full_width_and_traditional_reposts_parse_like_the_original() {
    let wd = WorkDir::new();
    let text = sample_text(SAMPLE);
    let (original, _) = load_alone(&wd, "original.txt", text.as_bytes(), &[]);
    let folded_original = Folded::new(&original.body).text;

    for (name, copy_text) in [("full_width.txt", full_width(&text)), ("traditional.txt", traditional(&text))] {
        assert_ne!(copy_text, text, "{name}: the copy differs from the original");
        let (copy, _) = load_alone(&wd, name, copy_text.as_bytes(), &[]);
        assert_ne!(copy.body, original.body, "{name}: the body is stored as written");
        assert_eq!(Folded::new(&copy.body).text, folded_original, "{name}: folded text");
        assert_eq!(copy.char_count, original.char_count, "{name}: offsets point into the same characters");
        // Titles, meetings, speakers and names keep the copy's script; folded, they are the original's.
        let folded_meta: Vec<Option<String>> =
            copy.meta.iter().map(|m| m.as_ref().map(|v| Folded::new(v).text)).collect();
        assert_eq!(folded_meta, original.meta, "{name}: town, years, dates, meeting, speaker");
        // Sections and facts at the same offsets; their names, as the quotes, in the copy's script.
        let mut folded_rows: Vec<String> = copy.rows.iter().map(|r| Folded::new(r).text).collect();
        folded_rows.sort();
        let mut original_rows = original.rows.clone();
        original_rows.sort();
        assert_eq!(folded_rows, original_rows, "{name}: sections and facts at the same offsets");
        if name == "traditional.txt" {
            let written =
                copy.rows.iter().filter(|r| r.starts_with("indicator ") && !original.rows.contains(r)).count();
            assert!(written > 10, "{name}: indicator names are written in the copy's script ({written})");
        }
    }
}

#[test]
fn a_traditional_reposts_units_are_written_as_it_writes_them_and_compared_folded() {
    let wd = WorkDir::new();
    let text = traditional(&sample_text(SAMPLE));
    load_alone(&wd, "traditional.txt", text.as_bytes(), &[]);
    let db = wd.db("traditional.txt.db");
    let written: i64 = scalar(&db, "SELECT count(*) FROM indicators WHERE unit LIKE '%萬%' OR unit LIKE '%億%'");
    let folded: i64 =
        scalar(&db, "SELECT count(*) FROM indicators WHERE unit_base LIKE '%萬%' OR unit_base LIKE '%億%'");
    assert!(written > 5, "units as written: {written}");
    assert_eq!(folded, 0, "unit_base is folded");
}

#[test]
fn each_refusal_is_recorded_with_its_reason_and_the_good_files_load() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.write("corpus/a_empty.txt", "\u{feff}\r\n  \r\n");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..3000).map(|i| (i * 7919 % 251) as u8));
    wd.write("corpus/b_scan.html", png);
    wd.write(
        "corpus/c_news.txt",
        "湖镇镇召开2024年度工作总结暨2025年工作部署会议\n发布时间: 2025-01-22 浏览次数:\n\
         1月20日上午,湖镇镇召开2024年度工作总结暨2025年工作部署会议。镇党委书记出席会议并讲话,镇长主持会议。\n\
         会议听取了各办线2024年工作总结。会议指出,2024年全镇规上工业产值达到74.23亿元,同比增长23.75%,\
         税收收入约3.77亿元,各项事业取得新成效。\n\
         会议强调,新的一年要坚持稳中求进,聚焦产业发展、项目建设和民生实事,确保各项目标任务落到实处。\n\
         会议要求,全体干部要转变作风,真抓实干,以更加饱满的热情投入到各项工作中去。\n\
         会上还对2024年度先进集体和先进个人进行了表彰。(通讯员 王琳)\n",
    );
    wd.write(
        "corpus/d_recipe.txt",
        "红烧肉的家常做法\n食材:五花肉500克,冰糖30克,生抽两勺,老抽一勺,料酒适量,姜三片,葱一根。\n\
         步骤一:五花肉切成三厘米见方的块,冷水下锅焯水,撇去浮沫后捞出沥干。\n\
         步骤二:锅中放少许油,下冰糖小火炒出糖色,倒入肉块翻炒上色。\n\
         步骤三:加入生抽、老抽、料酒和姜葱,倒入没过肉块的热水,大火烧开后转小火炖一个小时。\n\
         步骤四:大火收汁,汤汁浓稠即可出锅。小贴士:炒糖色时火要小,糖色发黄冒小泡就下肉。\n",
    );
    wd.write(
        "corpus/e_template.txt",
        "XX镇2024年政府工作报告\n各位代表:\n现在,我代表镇人民政府向大会作报告,请予审议。\n\
         一、2024年工作回顾\n一年来,全镇实现规上工业产值X.X亿元,同比增长XX%;完成固定资产投资xx万元,\
         一般公共预算收入XX万元,农村居民人均可支配收入XX元,新增市场主体XX家。我们坚持稳中求进,推进重点工作。\n\
         二、2025年工作安排\n2025年主要预期目标是:规上工业产值增长X%以上,固定资产投资X.X亿元。我们将奋力完成各项任务。\n\
         各位代表,让我们团结一心,为实现全年目标而努力奋斗!\n",
    );
    // Bytes that are valid in no encoding the loader knows, around a few readable words.
    let mut garbled = "工作报告".as_bytes().to_vec();
    garbled.extend(std::iter::repeat_n(0xFFu8, 400));
    wd.write("corpus/f_garbled.txt", garbled);

    let run = wd.gwr(&["load"]).expect_code(1);
    assert!(run.stdout().contains("11 files seen, 10 reports loaded"), "{}", run.stdout());
    assert!(run.stdout().contains("5 files failed"), "{}", run.stdout());
    let db = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports"), 10);
    // A news item about a town's meeting is a document of the town's government: it loads as what
    // it is, a secondary source.
    let news: String = scalar(&db, "SELECT kind FROM reports WHERE source_path = 'corpus/c_news.txt'");
    assert_eq!(news, "news_coverage");
    let errors: Vec<String> = column(&db, "SELECT source_path || ' ' || reason FROM load_errors ORDER BY source_path");
    assert_eq!(
        errors,
        [
            "corpus/a_empty.txt empty",
            "corpus/b_scan.html binary",
            "corpus/d_recipe.txt not_a_report",
            "corpus/e_template.txt template",
            "corpus/f_garbled.txt undecodable",
        ]
    );
    for (reason, detail) in column::<String>(&db, "SELECT reason || '|' || detail FROM load_errors")
        .iter()
        .filter_map(|r| r.split_once('|'))
    {
        assert!(detail.chars().count() >= 40, "{reason}: a sentence a person understands: {detail}");
        assert!(run.stderr().contains(detail), "{reason}: said on stderr too");
    }
    // Each refusal, inspected alone, says the same and fails the same way.
    let run = wd.gwr(&["inspect", "corpus/e_template.txt"]).expect_code(1);
    let plan: serde_json::Value = serde_json::from_str(&run.stdout()).expect("inspect prints JSON");
    assert_eq!(plan["error"]["reason"], "template");
    assert_eq!(plan["reports"].as_array().map(Vec::len), Some(0));
}

#[test]
fn damaged_files_load_what_they_hold_and_say_what_was_repaired() {
    let wd = WorkDir::new();
    let text = sample_text("002_b71db8426e6125db.txt");
    let plan = |name: &str, bytes: &[u8]| -> serde_json::Value {
        wd.write(name, bytes);
        let run = wd.gwr(&["inspect", name]).ok();
        serde_json::from_str(&run.stdout()).expect("inspect prints JSON")
    };
    let original = plan("original.txt", text.as_bytes());
    let body = original["reports"][0]["body"].as_str().expect("body").to_string();

    // NUL bytes strewn through the text and Windows line ends: the same report.
    let mut with_nul = Vec::new();
    for (i, b) in text.replace('\n', "\r\n").bytes().enumerate() {
        with_nul.push(b);
        if i % 997 == 0 && b == b'\n' || i % 1499 == 0 && b.is_ascii() {
            with_nul.push(0);
        }
    }
    assert!(with_nul.contains(&0));
    let nul = plan("nul_crlf.txt", &with_nul);
    assert_eq!(nul["reports"][0]["body"], body.as_str(), "NUL and CRLF");

    // Invalid sequences in otherwise good UTF-8: still UTF-8, each bad sequence replaced, and said.
    let mut damaged = text.clone().into_bytes();
    let cuts: Vec<usize> = [0.3, 0.5, 0.7].iter().map(|f| (damaged.len() as f64 * f) as usize).collect();
    for &c in cuts.iter().rev() {
        let at = (c..damaged.len()).find(|&i| damaged[i] == b'\n').expect("a line end") + 1;
        damaged.splice(at..at, [0xFF, 0xC3]);
    }
    let bad = plan("bad_bytes.txt", &damaged);
    let report = &bad["reports"][0];
    assert_eq!(report["encoding"], "utf-8");
    // Each insertion is two bad sequences: a stray 0xFF and a lead byte 0xC3 missing its follower.
    assert_eq!(report["body"].as_str().expect("body").matches('\u{FFFD}').count(), 6);
    assert!(bad["warnings"][0].as_str().is_some_and(|w| w.contains("not valid utf-8")), "{bad}");

    // A report cut off after a third of its text: loaded, marked incomplete, and said.
    let cut: String = text.chars().take(text.chars().count() / 3).collect();
    let cut = cut.trim_end_matches(|c: char| "。\n".contains(c)).to_string();
    let cut_plan = plan("cut.txt", cut.as_bytes());
    assert_eq!(cut_plan["reports"][0]["complete"], false);
    assert!(cut_plan["warnings"].to_string().contains("cut off"), "{cut_plan}");

    // All of them in one run: everything loads, exit code 0.
    let run = wd.gwr(&["load", "bad_bytes.txt", "cut.txt", "nul_crlf.txt", "original.txt"]).ok();
    assert!(run.stdout().contains("3 reports loaded"), "{}", run.stdout());
    assert!(run.stdout().contains("1 duplicate"), "the NUL/CRLF copy is the original: {}", run.stdout());
    assert!(run.stderr().contains("cut off"), "{}", run.stderr());
}

#[test]
fn a_megabyte_report_on_one_line_loads_in_paragraphs() {
    let wd = WorkDir::new();
    let text = sample_text(SAMPLE);
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let (title, rest) = lines.split_first().expect("title");
    let mut one_line = format!("{title}　　");
    while one_line.len() < 1_000_000 {
        one_line.push_str(&rest.join("　　"));
        one_line.push_str("　　");
    }
    assert!(!one_line.contains('\n'));
    wd.write("one_line.txt", &one_line);
    let started = Instant::now();
    wd.gwr(&["load", "one_line.txt"]).ok();
    eprintln!("a {} byte single-line report loaded in {:?}", one_line.len(), started.elapsed());
    let db = wd.db("warehouse.db");
    let body: String = scalar(&db, "SELECT body FROM reports");
    assert!(body.starts_with(&format!("{title}\n")), "the title is the first line");
    assert!(body.lines().count() > 1000, "paragraphs are lines again");
    assert!(body.lines().any(|l| l == "各位代表:"), "the address is a line of its own");
}

#[test]
fn two_runs_over_one_folder_keep_the_same_copy_of_a_duplicate() {
    let wd = WorkDir::new();
    let dir = wd.copy_corpus();
    for name in ["z_copy.txt", "a_copy.txt", "m_copy.txt"] {
        std::fs::copy(dir.join("004_17654c3c50fd3032.txt"), dir.join(name)).expect("copy");
    }
    let mut results = Vec::new();
    for db in ["one.db", "two.db"] {
        let run = wd.gwr(&["load", "--db", db]).ok();
        assert!(run.stdout().contains("9 reports loaded") && run.stdout().contains("3 duplicate"), "{}", run.stdout());
        let rows: Vec<String> =
            column(&wd.db(db), "SELECT source_path || ' ' || content_sha256 FROM reports ORDER BY source_path");
        results.push(rows);
    }
    assert_eq!(results[0], results[1]);
    assert!(results[0].iter().any(|r| r.starts_with("corpus/004_")), "the first path in sorted order is kept");
}

#[test]
fn a_forced_encoding_is_used_by_load_and_inspect() {
    let wd = WorkDir::new();
    let text = sample_text(SAMPLE);
    // UTF-16BE without a BOM is detected; forcing it gives the same text.
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let (forced, enc) = load_alone(&wd, "be.txt", &bytes, &["--encoding", "utf-16be"]);
    assert_eq!(enc, "utf-16be");
    let (original, _) = load_alone(&wd, "original.txt", text.as_bytes(), &[]);
    assert_eq!(forced, original);
    // Forcing the wrong encoding is refused with a hint rather than loaded as nonsense.
    let gb = encoding_rs::GB18030.encode(&text).0.into_owned();
    wd.write("gb.txt", &gb);
    let run = wd.gwr(&["inspect", "gb.txt", "--encoding", "utf-8"]).expect_code(1);
    let plan: serde_json::Value = serde_json::from_str(&run.stdout()).expect("JSON");
    assert_eq!(plan["error"]["reason"], "undecodable", "{plan}");
    assert!(plan["error"]["detail"].as_str().is_some_and(|d| d.contains("--encoding")));
    let run = wd.gwr(&["inspect", "gb.txt", "--encoding", "gbk"]).ok();
    let plan: serde_json::Value = serde_json::from_str(&run.stdout()).expect("JSON");
    assert_eq!(plan["reports"][0]["encoding"], "gb18030");
    assert_eq!(plan["reports"][0]["body"], original.body.as_str());
}

/// The sample files' bytes, for the edits below.
fn samples() -> Vec<Vec<u8>> {
    let mut files: Vec<_> = std::fs::read_dir(corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).expect("read sample")).collect()
}

/// One edit of a file: delete, insert random bytes, or cut the file short, at a fraction of its length.
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, Vec<u8>),
    Truncate(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 1usize..200).prop_map(|(at, n)| Edit::Delete(at, n)),
        (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..64)).prop_map(|(at, b)| Edit::Insert(at, b)),
        (0.0..1.0f64).prop_map(Edit::Truncate),
    ]
}

fn check_plan(bytes: &[u8]) {
    let plan = plan_bytes(bytes, "fuzz.txt", &Options::default());
    assert!(plan.error.is_some() || !plan.reports.is_empty(), "a file yields reports or a refusal");
    for r in &plan.reports {
        assert_eq!(r.char_count, r.body.chars().count());
    }
}

proptest! {
    // 64 cases keep `make test` quick; PROPTEST_CASES=5000 runs a deeper search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic_the_reader(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_plan(&bytes);
    }

    #[test]
    fn arbitrary_markup_never_panics_the_reader(
        parts in prop::collection::vec(prop_oneof![
            Just("<div class=\"nav\">".to_string()), Just("</div>".to_string()), Just("<p>".to_string()),
            Just("<script>".to_string()), Just("<meta charset=gbk>".to_string()), Just("<br>".to_string()),
            Just("各位代表:".to_string()), Just("2024年某镇政府工作报告".to_string()), Just("X.X亿元".to_string()),
            "[\\PC]{0,40}",
        ], 0..200)
    ) {
        check_plan(parts.concat().as_bytes());
    }

    #[test]
    fn edited_sample_reports_never_panic_the_reader(which in 0usize..5, edits in prop::collection::vec(edit(), 1..8)) {
        let all = samples();
        let mut bytes = all[which % all.len()].clone();
        for e in edits {
            let at = |f: f64, len: usize| ((len as f64 * f) as usize).min(len);
            match e {
                Edit::Delete(f, n) => {
                    let a = at(f, bytes.len());
                    let b = (a + n).min(bytes.len());
                    bytes.drain(a..b);
                }
                Edit::Insert(f, ins) => {
                    let a = at(f, bytes.len());
                    bytes.splice(a..a, ins);
                }
                Edit::Truncate(f) => bytes.truncate(at(f, bytes.len())),
            }
        }
        check_plan(&bytes);
    }
}

#[test]
fn pinyin_glosses_and_spaced_titles_are_read_through_with_offsets_into_the_stored_text() {
    let text = "政 府 工 作 报 告\n泥(ní)溪(xī)镇(zhèn)人民政府镇长 王明\n各位代表:\n\
                现在,我代表泥(ní)溪(xī)镇(zhèn)人民政府向大会报告工作,请予审议。\n一、2024年工作回顾\n\
                一年来,全镇完成财(cái)政(zhèng)收入3.1亿元,同比增长12%,新引进企业40家,推进重点项目5个。\n\
                各位代表,让我们团结一心,为实现全年目标而努力奋斗!\n";
    let plan = plan_bytes(text.as_bytes(), "glossed.txt", &Options::default());
    assert!(plan.error.is_none(), "{:?}", plan.error);
    let r = &plan.reports[0];
    assert_eq!(r.meta.town.as_deref(), Some("泥溪镇"));
    assert_eq!(r.meta.title.as_deref(), Some("政府工作报告"), "the spaced-out title read as one word");
    assert_eq!(r.meta.kind.map(|k| k.as_str()), Some("government_work_report"));
    assert_eq!(r.body, text.trim_end(), "the stored text keeps the glosses");
    let body: Vec<char> = r.body.chars().collect();
    let revenue = r.indicators.iter().find(|i| i.quantity.value == Some(3.1)).expect("the revenue figure");
    let at: String = body[revenue.span.start..revenue.span.end].iter().collect();
    assert_eq!(at, revenue.quote, "the span points into the stored text");
    assert!(revenue.quote.contains("3.1亿元"), "{}", revenue.quote);
    assert!(revenue.name.contains("财政收入"), "the name is read without its glosses: {}", revenue.name);
    for s in &r.sections {
        let heading: String = body[s.span.start..s.span.end].iter().collect();
        assert!(heading.contains(&s.title) || s.title.is_empty(), "section span in stored text: {heading}");
    }
}
