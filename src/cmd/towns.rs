//! `gwr towns`: every town in the warehouse with its division code, where it lies, how sure the
//! resolution is and the evidence for it.

use crate::cli::DbArgs;
use crate::resolve::gazetteer::gazetteer;
use crate::store;
use anyhow::Context;

/// One row of the towns table, as listed.
struct TownRow {
    name: String,
    code: Option<String>,
    county: Option<String>,
    city: Option<String>,
    province: Option<String>,
    resolution: String,
    evidence: Option<String>,
    candidates: Option<String>,
    reports: i64,
}

pub fn run(args: &DbArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let rows = conn
        .prepare(
            "SELECT t.name, t.admin_code, t.county, t.city, t.province, t.resolution, t.evidence, t.candidates,
                    count(r.id)
             FROM towns t LEFT JOIN reports r ON r.town_id = t.id GROUP BY t.id ORDER BY t.id",
        )?
        .query_map([], |r| {
            Ok(TownRow {
                name: r.get(0)?,
                code: r.get(1)?,
                county: r.get(2)?,
                city: r.get(3)?,
                province: r.get(4)?,
                resolution: r.get(5)?,
                evidence: r.get(6)?,
                candidates: r.get(7)?,
                reports: r.get(8)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = String::from("town\tcode\tcounty/city/province\tresolution\treports\tevidence\n");
    for t in &rows {
        out.push_str(&line(t));
        out.push('\n');
    }
    super::print_out(&out)?;
    Ok(super::EXIT_OK)
}

fn line(t: &TownRow) -> String {
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let place = format!("{}/{}/{}", dash(&t.county), dash(&t.city), dash(&t.province));
    let mut evidence = dash(&t.evidence);
    if let Some(codes) = t.candidates.as_deref().filter(|c| !c.is_empty()) {
        let g = gazetteer();
        let listed: Vec<String> = codes
            .split(',')
            .map(|code| match g.get(code) {
                Some(d) => format!("{code} {}", g.place(d).label()),
                None => code.to_string(),
            })
            .collect();
        evidence.push_str(&format!("; candidates: {}", listed.join(", ")));
    }
    let plural = if t.reports == 1 { "" } else { "s" };
    format!("{}\t{}\t{place}\t{}\t{} report{plural}\t{evidence}", t.name, dash(&t.code), t.resolution, t.reports)
}
