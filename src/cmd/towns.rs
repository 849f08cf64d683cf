//! `gwr towns`: every town in the warehouse with its division code, where it lies, how sure the
//! resolution is and the evidence for it.

use crate::cli::DbArgs;
use crate::resolve::gazetteer::gazetteer;
use crate::store::{self, towns::TownRow};
use anyhow::Context;

pub fn run(args: &DbArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let rows = store::towns::list(&conn)?;
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
