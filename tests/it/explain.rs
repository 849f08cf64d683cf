//! Why a number was or was not read: `gwr inspect --explain` for one file, `gwr audit` for a
//! corpus, and `gwr inspect` on a refused file saying which test refused it.

use crate::util::WorkDir;

const REPORT: &str = "2024年青石镇政府工作报告\n2025年1月17日在青石镇第十五届人民代表大会第七次会议上\n各位代表:\n\
                      一、2024年工作回顾\n全年完成地区生产总值74.23亿元,同比增长23.75%,连续5年获评先进。\
                      全镇共有3.6万人参加基本医疗保险。实施“3113”工程。\n二、2025年工作安排\n力争地区生产总值增长8%。\n\
                      各位代表,让我们为实现全年目标而努力奋斗!\n";

#[test]
fn inspect_explain_gives_every_number_its_fate() {
    let wd = WorkDir::new();
    wd.write("r.txt", REPORT);
    let run = wd.gwr(&["inspect", "--explain", "r.txt"]).ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).expect("JSON");
    let report = &v["reports"][0];
    assert_eq!(report["kind"], "government_work_report");
    assert!(report["kind_reason"].as_str().is_some_and(|r| r.contains("title")), "{}", report["kind_reason"]);
    let numbers = report["numbers"].as_array().expect("numbers");
    let fate = |text: &str| {
        numbers.iter().find(|n| n["text"] == text).unwrap_or_else(|| panic!("no {text} in {numbers:#?}")).clone()
    };
    let gdp = fate("74.23亿元");
    assert_eq!((gdp["fate"].as_str(), gdp["rule"].as_str()), (Some("indicator"), Some("level")));
    assert!(gdp["fact"].as_str().is_some_and(|f| f.contains("地区生产总值")), "{gdp}");
    assert_eq!(fate("8%")["fate"], "target");
    assert_eq!(fate("5年")["reason"], "duration");
    assert_eq!(fate("3113")["reason"], "slogan");
    for n in numbers {
        let (start, end) = (n["span"]["start"].as_u64().unwrap() as usize, n["span"]["end"].as_u64().unwrap() as usize);
        let at: String = REPORT.chars().skip(start).take(end - start).collect();
        assert_eq!(at, n["text"].as_str().unwrap(), "a number's span is its text");
        assert!(n["context"].as_str().is_some_and(|c| c.contains(&at)), "{n}");
    }
}

#[test]
fn audit_counts_fates_over_a_corpus_and_lists_what_no_rule_explains() {
    let wd = WorkDir::new();
    wd.write("in/a.txt", REPORT);
    wd.write("in/b.txt", "今天天气晴朗,气温二十度。".repeat(40));
    let run = wd.gwr(&["audit", "in", "--json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).expect("JSON");
    assert_eq!((v["files"].as_u64(), v["files_refused"].as_u64(), v["reports"].as_u64()), (Some(2), Some(1), Some(1)));
    let facts = v["facts"]["indicator"].as_u64().unwrap_or(0) + v["facts"]["target"].as_u64().unwrap_or(0);
    let skipped: u64 = v["skipped"].as_object().expect("skipped").values().filter_map(|n| n.as_u64()).sum();
    let total = facts + skipped + v["facts"]["project"].as_u64().unwrap_or(0) + v["unexplained"].as_u64().unwrap();
    assert_eq!(total, v["numbers"].as_u64().unwrap(), "every number has one fate: {v:#}");
    assert!(v["skipped"]["date"].as_u64() >= Some(2), "the delivery date: {v:#}");
    assert!(v["rules"]["indicator/level"].as_u64() >= Some(1), "{v:#}");
    // The people counted with no verb before them: no rule reads them, and the audit says where.
    let examples = v["examples"].as_array().expect("examples");
    assert!(examples.iter().any(|e| e["text"] == "3.6万人" && e["source_path"] == "in/a.txt"), "{v:#}");
    let text = wd.gwr(&["audit", "in"]).ok().stdout();
    assert!(text.contains("unexplained") && text.contains("3.6万人"), "{text}");
}

#[test]
fn inspect_says_which_test_refused_a_file_and_what_it_found() {
    let wd = WorkDir::new();
    wd.write("recipe.txt", "红烧肉的家常做法\n五花肉500克,冰糖30克,生抽两勺,小火炖一个小时,大火收汁即可出锅。\n");
    let run = wd.gwr(&["inspect", "recipe.txt"]).expect_code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).expect("JSON");
    let detail = v["error"]["detail"].as_str().expect("detail");
    assert_eq!(v["error"]["reason"], "not_a_report");
    assert!(detail.contains("not a township government document"), "{detail}");
    assert!(detail.contains("0 of the 4 phrases"), "the cues counted: {detail}");
    assert!(detail.contains("红烧肉的家常做法"), "the title seen: {detail}");
}
