//! Unit tests of `resolve`.

use super::*;

fn page(index: Option<&str>, site: Option<&str>) -> PageMeta {
    PageMeta { index_number: index.map(str::to_string), site: site.map(str::to_string), ..Default::default() }
}

fn run(name: &str, body: &str, page: &PageMeta) -> TownResolution {
    resolve_in(gazetteer(), name, body, page)
}

#[test]
fn a_name_found_once_is_unique() {
    let r = run("濮院镇", "濮院镇2023年政府工作报告\n各位代表:", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Unique);
    assert_eq!(r.admin_code.as_deref(), Some("330483101"));
    assert_eq!(
        (r.county.as_deref(), r.city.as_deref(), r.province.as_deref()),
        (Some("桐乡市"), Some("嘉兴市"), Some("浙江省"))
    );
}

#[test]
fn a_county_named_in_the_text_picks_the_candidate() {
    let body = "2024年岔路镇政府工作报告\n获评宁海县工业全域治理建设样板,宁波市精品绿色农产品基地。";
    let r = run("岔路镇", body, &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Context, "{r:?}");
    assert_eq!(r.admin_code.as_deref(), Some("330226105"));
    assert_eq!(r.county.as_deref(), Some("宁海县"));
    let evidence = r.evidence.unwrap_or_default();
    assert!(evidence.contains("宁海县 ×1") && evidence.contains("宁波市 ×1"), "{evidence}");
}

#[test]
fn the_county_code_in_the_index_number_picks_the_candidate() {
    let r = run("高家镇", "2024年度高家镇政府工作报告\n各位代表:", &page(Some("330803-063/2025-73158"), None));
    assert_eq!(r.resolution, Resolution::Context, "{r:?}");
    assert_eq!(r.admin_code.as_deref(), Some("330803114"));
    assert_eq!((r.county.as_deref(), r.city.as_deref()), (Some("衢江区"), Some("衢州市")));
    assert!(r.evidence.unwrap_or_default().contains("索引号 330803-063/2025-73158 → 衢江区"));
}

#[test]
fn a_credit_code_in_the_index_number_carries_its_county() {
    assert_eq!(index_codes("113306830025853214/2025-00157"), vec!["330683"]);
    assert_eq!(index_codes("330803-063/2025-73158"), vec!["330803"]);
    // An organisation code says nothing about the place.
    assert_eq!(index_codes("002968082/2025-65346"), vec!["002968082"]);
    assert!(run("岔路镇", "岔路镇", &page(Some("002968082/2025-65346"), None)).admin_code.is_none());
}

#[test]
fn short_names_count_as_evidence() {
    // 东至 is 东至县 (池州市, 安徽省); none of the other three 泥溪镇 is near it.
    let r = run("泥溪镇", "泥溪镇2023年政府工作报告\n为建设“三美东至”贡献泥溪力量!", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Context, "{r:?}");
    assert_eq!(r.admin_code.as_deref(), Some("341721111"));
    assert!(r.evidence.unwrap_or_default().contains("东至 ×1"));
    let r = run("横沥镇", "横沥镇2023年政府工作报告\n打造乐购东莞品牌。", &PageMeta::default());
    assert_eq!(r.admin_code.as_deref(), Some("441900106"), "{r:?}");
    assert_eq!((r.county, r.city.as_deref()), (None, Some("东莞市")));
}

#[test]
fn the_site_name_picks_the_candidate() {
    // Two 湖镇镇: 龙游县 (衢州市) and 博罗县 (惠州市).
    let r = run("湖镇镇", "湖镇镇工作报告", &page(None, Some("龙游县人民政府")));
    assert_eq!(r.admin_code.as_deref(), Some("330825101"), "{r:?}");
    assert_eq!(r.resolution, Resolution::Context);
}

/// A site named after the town ("博望人大") names the town, not the district that shares its
/// name (博望区): the text's city decides.
#[test]
fn a_site_named_after_the_town_is_no_clue() {
    // Two 博望镇: 博望区 (马鞍山市) and 方城县 (南阳市).
    let site = page(None, Some("博望人大"));
    let r = run("博望镇", "博望镇人民政府工作报告\n获南阳市先进单位称号。", &site);
    assert_eq!(r.admin_code.as_deref(), Some("411322102"), "{r:?}");
    assert_eq!(r.resolution, Resolution::Context);
}

#[test]
fn conflicting_evidence_is_ambiguous() {
    let body = "湖镇镇工作报告\n龙游县的项目和博罗县的项目各一个。";
    let r = run("湖镇镇", body, &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
    assert_eq!(r.admin_code, None);
    assert_eq!(r.candidates, vec!["330825101", "441322113"]);
    assert!(r.evidence.unwrap_or_default().contains("conflicting"));
    // The text says one county, the 索引号 another: no side wins.
    let r = run("湖镇镇", "湖镇镇工作报告\n龙游县龙游县", &page(Some("441322-001/2025-1"), None));
    assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
}

#[test]
fn no_evidence_keeps_every_candidate() {
    let r = run("高家镇", "高家镇工作报告\n各位代表:", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Ambiguous);
    assert_eq!(r.candidates.len(), 5);
    assert_eq!((r.county, r.city, r.province), (None, None, None));
}

#[test]
fn a_name_not_in_the_gazetteer_is_unknown() {
    let r = run("无此镇", "无此镇工作报告", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Unknown);
    assert_eq!(r.admin_code, None);
    assert!(r.candidates.is_empty());
}

#[test]
fn an_index_number_naming_another_county_unsettles_a_unique_name() {
    let r = run("濮院镇", "濮院镇工作报告", &page(Some("330803-063/2025-73158"), None));
    assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
    assert_eq!(r.candidates, vec!["330483101"]);
}

#[test]
fn an_address_naming_another_county_unsettles_a_unique_name() {
    // 濮院镇 is in 桐乡市 only; a report writing 海宁市濮院镇 speaks of some other 濮院镇.
    let r = run("濮院镇", "濮院镇工作报告\n海宁市濮院镇人民政府", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
    assert!(r.evidence.unwrap_or_default().contains("text writes 海宁市濮院镇"));
    // Its own address confirms it.
    let r = run("濮院镇", "濮院镇工作报告\n桐乡市濮院镇人民政府", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Unique, "{r:?}");
    // Among namesakes, an address outside all of them overrides weaker clues for one of them.
    let r = run("湖镇镇", "湖镇镇工作报告\n浙江\n江山市湖镇镇", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
}

#[test]
fn odd_input_never_panics() {
    let odd_pages = [
        page(Some(""), Some("")),
        page(Some("３３０８０３-1"), None),
        page(Some("330803"), Some("高家镇")),
        page(Some("ABCDEFGHIJKLMNOPQR/x"), None),
        page(Some("1133068300258532X4"), Some("𠀀")),
    ];
    for body in ["", "高家镇", "镇高家镇镇", "𠀀高家镇𠀀衢江", "衢江区高家镇", "\u{0}\u{feff}高家镇"]
    {
        for p in &odd_pages {
            for name in ["高家镇", "镇", "𠀀镇", "高家"] {
                let r = run(name, body, p);
                // A code exactly when the town is placed.
                let placed = matches!(r.resolution, Resolution::Unique | Resolution::Context);
                assert_eq!(r.admin_code.is_some(), placed, "{r:?}");
            }
        }
    }
}

#[test]
fn a_name_written_with_another_ending_is_found_by_its_stem_but_needs_evidence() {
    // The gazetteer has 六镇镇 only; a report calling it 六镇乡 needs the text to confirm it.
    let r = run("六镇乡", "六镇乡工作报告", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Ambiguous, "{r:?}");
    assert_eq!(r.candidates, vec!["341124109"]);
    let r = run("六镇乡", "六镇乡工作报告\n全椒县", &PageMeta::default());
    assert_eq!(r.resolution, Resolution::Context, "{r:?}");
    assert_eq!(r.admin_code.as_deref(), Some("341124109"));
}
