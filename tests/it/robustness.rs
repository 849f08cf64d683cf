//! One file never stops nor swamps a run: hostile pages, odd file kinds, pipes that close early,
//! and mutated sample files, through `inspect` and `load`.

use crate::util::{column, scalar, WorkDir};

/// A page of my own words: a town report whose title is only in the page's `<title>`.
fn page_titled_in_head_only() -> String {
    let para = "一年来，全镇地区生产总值达到12.5亿元，增长6.1%。我们坚持稳中求进，推进乡村振兴，办好民生实事。";
    format!(
        "<html><head><title>青山镇2023年政府工作报告</title></head><body>\
         <p>各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。{}</p>\
         <p>二、2024年工作安排</p><p>主要预期目标：地区生产总值增长6%。让我们团结一心，再创佳绩。</p>\
         </body></html>",
        para.repeat(8)
    )
}

#[test]
fn a_page_titled_only_in_its_head_is_read_and_loaded() {
    let wd = WorkDir::new();
    wd.write("in/head.html", page_titled_in_head_only());
    let out = wd.gwr(&["inspect", "in/head.html"]).ok();
    assert!(out.stdout().contains("青山镇2023年政府工作报告"), "{}", out.stdout());
    // In a load, the files after it are stored too, and the page itself is.
    wd.copy_corpus();
    std::fs::rename(wd.path().join("in/head.html"), wd.path().join("corpus/zz_head.html")).expect("move page");
    wd.gwr(&["load"]).ok();
    let db = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports"), 10);
    let titles: Vec<String> = column(&db, "SELECT title FROM reports WHERE source_path LIKE '%zz_head.html'");
    assert_eq!(titles, ["青山镇2023年政府工作报告"]);
}

/// `gwr info | head -1` and `gwr inspect … | head -1`: the reader goes away, gwr stops quietly.
#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    for args in [vec!["info"], vec!["inspect", "corpus/000_5f3145f1445451d9.txt"]] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("gwr"))
            .args(&args)
            .current_dir(wd.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gwr");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("first line");
        // The reader is dropped here: the rest of the output has nowhere to go.
        let out = child.wait_with_output().expect("wait for gwr");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!first.is_empty());
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
    }
}

/// A compilation whose last text is a template (placeholder figures): its real reports load, the
/// template is named in a warning.
#[test]
fn a_template_in_a_compilation_costs_only_itself() {
    let wd = WorkDir::new();
    let real = std::fs::read_to_string(crate::util::corpus().join("000_5f3145f1445451d9.txt")).expect("sample");
    let filler = "我们坚持稳中求进工作总基调，扎实推进各项工作，全镇经济社会发展取得新成效。";
    let template = format!(
        "\n\n白云镇2024年政府工作报告\n各位代表：\n过去一年，全镇地区生产总值达到X.X亿元，增长X.X%。\
         完成固定资产投资XX万元，新增市场主体XX家，城乡居民收入达到X.X万元。{}\n让我们团结一心，再创佳绩！\n",
        filler.repeat(10)
    );
    wd.write("in/compilation.txt", format!("{real}{template}"));
    let run = wd.gwr(&["load", "in"]).ok();
    assert!(run.stderr().contains("is a template with placeholder figures: skipped"), "{}", run.stderr());
    let db = wd.db("warehouse.db");
    assert!(scalar::<i64>(&db, "SELECT count(*) FROM reports") >= 1);
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM reports WHERE body LIKE '%X.X亿元%'"), 0);
}

/// A plan listing thousands of figures joined by 、 in one clause: each target quotes its own item,
/// so what a file yields grows with the file, not with its square (2,000 figures gave 140 MB).
#[test]
fn a_long_list_of_figures_yields_output_in_proportion() {
    let wd = WorkDir::new();
    let items: Vec<String> = (0..2000).map(|i| format!("第{i}项收入达到{}.{}亿元", i % 97 + 1, i % 10)).collect();
    let text = format!(
        "青山镇2024年政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n一、2023年工作回顾\n\
         一年来，全镇地区生产总值达到12.5亿元，增长6.1%。\n二、2024年工作安排\n主要预期目标：\n{}。\n让我们团结一心。\n",
        items.join("、")
    );
    wd.write("list.txt", &text);
    let out = wd.gwr(&["inspect", "list.txt"]).ok();
    let per_byte = out.stdout().len() as f64 / text.len() as f64;
    assert!(per_byte < 60.0, "{} bytes of output for {} bytes of text", out.stdout().len(), text.len());
    assert!(out.stdout().matches("\"comparator\"").count() >= 2000);
}

/// One tag with a hundred thousand attributes is cut to its name before the page is parsed (the
/// parser compared each attribute with all before it: minutes).
#[test]
fn a_tag_with_countless_attributes_is_read_quickly() {
    let wd = WorkDir::new();
    let attrs: String = (0..100_000).map(|i| format!(" a{i}=\"v\"")).collect();
    let page = page_titled_in_head_only().replacen("<body>", &format!("<body><div{attrs}>"), 1);
    wd.write("attrs.html", page);
    let started = std::time::Instant::now();
    let out = wd.gwr(&["inspect", "attrs.html"]).ok();
    assert!(out.stdout().contains("青山镇2023年政府工作报告"));
    // Not a timing assertion: a guard against the minutes it took (generous for debug builds).
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}
