//! The rows of one report: its town (shared with the town's other reports), the report, its
//! sections, facts and term counts, each written through a statement prepared once per run.

use crate::error::Result;
use crate::model::{ReportPlan, TownResolution};
use rusqlite::{params, Connection};

fn town_key(t: &TownResolution) -> String {
    match &t.admin_code {
        Some(code) => code.clone(),
        None if t.candidates.is_empty() => format!("{}|{}", t.name, t.resolution.as_str()),
        None => format!("{}|{}|{}", t.name, t.resolution.as_str(), t.candidates.join(",")),
    }
}

fn upsert_town(tx: &Connection, t: &TownResolution) -> Result<i64> {
    let key = town_key(t);
    let candidates = (!t.candidates.is_empty()).then(|| t.candidates.join(","));
    // DO UPDATE (never DO NOTHING) so that RETURNING gives the id of a town already stored too.
    // Where two reports of a town say different things, the smaller text is kept (min is NULL when
    // either is): the same reports give the same town row in any order of loading.
    Ok(tx
        .prepare_cached(
            "INSERT INTO towns (town_key, name, admin_code, county, city, province, resolution, evidence, candidates)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (town_key) DO UPDATE SET
                 county = coalesce(min(excluded.county, county), excluded.county, county),
                 city = coalesce(min(excluded.city, city), excluded.city, city),
                 province = coalesce(min(excluded.province, province), excluded.province, province),
                 evidence = coalesce(min(excluded.evidence, evidence), excluded.evidence, evidence)
             RETURNING id",
        )?
        .query_row(
            params![
                key,
                t.name,
                t.admin_code,
                t.county,
                t.city,
                t.province,
                t.resolution.as_str(),
                t.evidence,
                candidates
            ],
            |r| r.get(0),
        )?)
}

pub(super) fn insert_report(tx: &Connection, run_id: i64, r: &ReportPlan) -> Result<()> {
    let town_id = upsert_town(tx, &r.town)?;
    let m = &r.meta;
    tx.prepare_cached(
        "INSERT INTO reports (town_id, kind, title, review_year, plan_year, delivered_on, published_on,
             written_on, meeting, speaker, speaker_title, index_number, publisher, source_site, source_path,
             source_index, encoding, content_sha256, char_count, complete, body, load_run_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        town_id,
        m.kind.map_or("other", |k| k.as_str()),
        m.title,
        m.review_year,
        m.plan_year,
        m.delivered_on,
        r.page.published_on,
        r.page.written_on,
        m.meeting,
        m.speaker,
        m.speaker_title,
        r.page.index_number,
        r.page.publisher,
        r.page.site,
        r.source_path,
        r.source_index as i64,
        r.encoding,
        r.content_sha256,
        r.char_count as i64,
        r.complete,
        r.body,
        run_id
    ])?;
    let report_id = tx.last_insert_rowid();
    let section_ids = insert_sections(tx, report_id, r)?;
    let sid = |s: Option<usize>| s.and_then(|i| section_ids.get(i).copied());

    let mut stmt = tx.prepare_cached(
        "INSERT INTO indicators (report_id, section_id, name, indicator_code, period_year, month_from, month_to,
             value, value_min, value_max, unit, value_base, unit_base, growth_pct, growth_multiple, change_pp,
             qualifier, estimated, quote, char_start, char_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    for i in &r.indicators {
        let q = &i.quantity;
        stmt.execute(params![
            report_id,
            sid(i.section),
            i.name,
            i.indicator_code,
            i.period_year,
            i.month_from,
            i.month_to,
            q.value,
            q.value_min,
            q.value_max,
            q.unit,
            q.value_base,
            q.unit_base,
            i.growth_pct,
            i.growth_multiple,
            i.change_pp,
            q.qualifier,
            i.estimated,
            i.quote,
            i.span.start as i64,
            i.span.end as i64
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO targets (report_id, section_id, name, indicator_code, target_year, value, value_min,
             value_max, unit, value_base, unit_base, growth_pct, comparator, cue, quote, char_start, char_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for t in &r.targets {
        let q = t.quantity.as_ref();
        stmt.execute(params![
            report_id,
            sid(t.section),
            t.name,
            t.indicator_code,
            t.target_year,
            q.and_then(|q| q.value),
            q.and_then(|q| q.value_min),
            q.and_then(|q| q.value_max),
            q.map(|q| q.unit.as_str()),
            q.and_then(|q| q.value_base),
            q.map(|q| q.unit_base.as_str()),
            t.growth_pct,
            t.comparator.as_str(),
            t.cue,
            t.quote,
            t.span.start as i64,
            t.span.end as i64
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO projects (report_id, section_id, name, status, investment, investment_unit, investment_yuan,
             quote, char_start, char_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for p in &r.projects {
        stmt.execute(params![
            report_id,
            sid(p.section),
            p.name,
            p.status,
            p.investment,
            p.investment_unit,
            p.investment_yuan,
            p.quote,
            p.span.start as i64,
            p.span.end as i64
        ])?;
    }
    let mut stmt = tx.prepare_cached("INSERT INTO report_terms (report_id, term, occurrences) VALUES (?1, ?2, ?3)")?;
    for c in &r.term_counts {
        stmt.execute(params![report_id, c.term, c.occurrences as i64])?;
    }
    Ok(())
}

/// Inserts the outline parents first and returns the row id of every section, by index.
fn insert_sections(tx: &Connection, report_id: i64, r: &ReportPlan) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::with_capacity(r.sections.len());
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sections (report_id, parent_id, level, ordinal, marker, title, part, inline, char_start, char_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for s in &r.sections {
        // Sections come in document order, so a parent always precedes its children.
        let parent = s.parent.and_then(|p| ids.get(p).copied());
        stmt.execute(params![
            report_id,
            parent,
            s.level,
            s.ordinal,
            s.marker,
            s.title,
            s.part.as_str(),
            s.inline,
            s.span.start as i64,
            s.span.end as i64
        ])?;
        ids.push(tx.last_insert_rowid());
    }
    Ok(ids)
}
