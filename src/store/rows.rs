//! The rows of one report: its town (shared with the town's other reports), the report, its
//! sections, facts and term counts, each written through a statement prepared once per run.

use crate::error::Result;
use crate::model::{ReportPlan, TownResolution};
use rusqlite::{params, Connection, OptionalExtension, Statement, ToSql};
use std::sync::OnceLock;

/// How many rows one INSERT statement writes, largest first: a report's facts go in by statements
/// of several rows (`VALUES (…), (…)`), so SQLite opens the cursors on a table and its indexes, and
/// resets the statement, once for several rows instead of once for each. The sizes are few, so
/// their statements stay prepared (see `Writer::begin`).
const ROWS_PER_INSERT: [usize; 4] = [32, 8, 2, 1];

/// The statements `insert_many` prepares: one per table and size.
pub(super) const MANY_ROW_STATEMENTS: usize = 5 * ROWS_PER_INSERT.len();

/// Binds one row's values, column after column, into a statement of several rows.
struct Binder<'s, 'c> {
    stmt: &'s mut Statement<'c>,
    next: usize,
}

impl Binder<'_, '_> {
    fn value(&mut self, v: impl ToSql) -> rusqlite::Result<&mut Self> {
        self.stmt.raw_bind_parameter(self.next, v)?;
        self.next += 1;
        Ok(self)
    }
}

/// A table and its columns (`t (a, b)`), with the text of its INSERT statements of each size in
/// `ROWS_PER_INSERT`, built the first time they are asked for.
struct Insert {
    target: &'static str,
    statements: OnceLock<Vec<String>>,
}

impl Insert {
    const fn new(target: &'static str) -> Self {
        Insert { target, statements: OnceLock::new() }
    }

    fn columns(&self) -> usize {
        self.target.matches(',').count() + 1
    }

    /// The statement of `ROWS_PER_INSERT[k]` rows.
    fn statement(&self, k: usize) -> &str {
        &self.statements.get_or_init(|| {
            let one_row = format!("({})", vec!["?"; self.columns()].join(", "));
            ROWS_PER_INSERT
                .iter()
                .map(|&size| {
                    format!("INSERT OR FAIL INTO {} VALUES {}", self.target, vec![one_row.as_str(); size].join(", "))
                })
                .collect()
        })[k]
    }
}

/// Inserts `rows` into `into`'s table, `bind` giving one row's values in the columns' order. The
/// rows are stored in their order, so their row ids are the ones single-row inserts would give.
/// OR FAIL: a row that breaks a constraint stops its statement without undoing the rows before it
/// (the batch's transaction or the file's savepoint undoes them), so SQLite keeps no statement
/// journal for the rows' constraints.
fn insert_many<T>(
    tx: &Connection,
    into: &Insert,
    rows: &[T],
    bind: impl Fn(&mut Binder, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let mut rest = rows;
    for (k, size) in ROWS_PER_INSERT.into_iter().enumerate() {
        if rest.len() < size {
            continue;
        }
        let mut stmt = tx.prepare_cached(into.statement(k))?;
        while rest.len() >= size {
            let (these, after) = rest.split_at(size);
            let mut b = Binder { stmt: &mut stmt, next: 1 };
            for row in these {
                bind(&mut b, row)?;
            }
            debug_assert_eq!(b.next - 1, into.columns() * size, "every column of every row is bound: {}", into.target);
            stmt.raw_execute()?;
            rest = after;
        }
    }
    Ok(())
}

static INDICATORS: Insert = Insert::new(
    "indicators (report_id, section_id, name, indicator_code, period_year, month_from, month_to,
         value, value_min, value_max, unit, value_base, unit_base, growth_pct, growth_multiple, change_pp,
         qualifier, estimated, quote, char_start, char_end)",
);
static TARGETS: Insert = Insert::new(
    "targets (report_id, section_id, name, indicator_code, target_year, value, value_min,
         value_max, unit, value_base, unit_base, growth_pct, comparator, cue, quote, char_start, char_end)",
);
static PROJECTS: Insert = Insert::new(
    "projects (report_id, section_id, name, status, investment, investment_unit, investment_yuan,
         quote, char_start, char_end)",
);
static TERMS: Insert = Insert::new("report_terms (report_id, term, occurrences)");
static SECTIONS: Insert =
    Insert::new("sections (report_id, parent_id, level, ordinal, marker, title, part, inline, char_start, char_end)");

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
    // A town already stored keeps its id; where two reports of a town say different things, the
    // smaller text is kept (see `kept_of_two`): the same reports give the same town row in any
    // order of loading. The row is updated only when that changes it (its trigger then marks it
    // stale; the report stored next marks it anyway). A lookup, then an UPDATE or an INSERT, with
    // the values computed here, rather than one upsert: SQLite runs an upsert's update with ABORT,
    // and a statement calling functions may abort too, so either kept a journal of every page it
    // touched, for every report.
    let stored = tx
        .prepare_cached("SELECT id, county, city, province, evidence FROM towns WHERE town_key = ?1")?
        .query_row([&key], |r| {
            Ok((r.get::<_, i64>(0)?, [r.get::<_, Option<String>>(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
        })
        .optional()?;
    if let Some((id, old)) = stored {
        let given = [&t.county, &t.city, &t.province, &t.evidence];
        let kept: Vec<Option<&str>> =
            given.iter().zip(&old).map(|(g, o)| kept_of_two(g.as_deref(), o.as_deref())).collect();
        if kept.iter().zip(&old).any(|(k, o)| *k != o.as_deref()) {
            tx.prepare_cached(
                "UPDATE OR FAIL towns SET county = ?2, city = ?3, province = ?4, evidence = ?5 WHERE id = ?1",
            )?
            .execute(params![id, kept[0], kept[1], kept[2], kept[3]])?;
        }
        return Ok(id);
    }
    tx.prepare_cached(
        "INSERT OR FAIL INTO towns (town_key, name, admin_code, county, city, province, resolution, evidence, candidates)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        key,
        t.name,
        t.admin_code,
        t.county,
        t.city,
        t.province,
        t.resolution.as_str(),
        t.evidence,
        candidates
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Which of a town's field as a report gives it and as stored is kept: the smaller text when both
/// are known, else the one known. What SQLite's `coalesce(min(given, stored), given, stored)` gives
/// (min is NULL when either is, and compares texts byte by byte, as `str` does).
fn kept_of_two<'a>(given: Option<&'a str>, stored: Option<&'a str>) -> Option<&'a str> {
    match (given, stored) {
        (Some(g), Some(s)) => Some(g.min(s)),
        (g, s) => g.or(s),
    }
}

/// Stores a report's row (and its town's) and its sections; its facts and term counts wait in
/// `pending` for the rest of the batch's.
pub(super) fn insert_report<'p>(
    tx: &Connection,
    run_id: i64,
    r: &'p ReportPlan,
    pending: &mut Pending<'p>,
) -> Result<()> {
    let town_id = upsert_town(tx, &r.town)?;
    let m = &r.meta;
    tx.prepare_cached(
        "INSERT OR FAIL INTO reports (town_id, kind, title, review_year, plan_year, delivered_on, published_on,
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
    pending.reports.push(Stored { plan: r, report_id, section_ids });
    Ok(())
}

/// The facts and term counts of reports stored by [`insert_report`], waiting to be written
/// together ([`Pending::write`]): the facts of a batch's files go in table after table, by statements
/// of 32 rows wherever there are that many, rather than report after report, where each report's
/// last rows of every table went in by statements of fewer.
#[derive(Default)]
pub(super) struct Pending<'p> {
    reports: Vec<Stored<'p>>,
}

/// A report stored, with its row id and its sections' row ids, by index.
struct Stored<'p> {
    plan: &'p ReportPlan,
    report_id: i64,
    section_ids: Vec<i64>,
}

impl Stored<'_> {
    fn section(&self, s: Option<usize>) -> Option<i64> {
        s.and_then(|i| self.section_ids.get(i).copied())
    }
}

/// Each report's rows of one list, in the reports' order and each report's, with the report.
fn rows_of<'a, 'p, T>(
    stored: &'a [Stored<'p>],
    list: impl Fn(&'p ReportPlan) -> &'p [T],
) -> Vec<(&'a Stored<'p>, &'p T)> {
    stored.iter().flat_map(|s| list(s.plan).iter().map(move |row| (s, row))).collect()
}

impl Pending<'_> {
    /// Writes the waiting facts and term counts, each table's rows in the order of their reports
    /// (so that every row gets the id it would get report by report), and empties the list.
    pub(super) fn write(&mut self, tx: &Connection) -> Result<()> {
        let stored = std::mem::take(&mut self.reports);
        insert_many(tx, &INDICATORS, &rows_of(&stored, |r| &r.indicators), |b, (s, i)| {
            let q = &i.quantity;
            b.value(s.report_id)?
                .value(s.section(i.section))?
                .value(&i.name)?
                .value(&i.indicator_code)?
                .value(i.period_year)?
                .value(i.month_from)?
                .value(i.month_to)?
                .value(q.value)?
                .value(q.value_min)?
                .value(q.value_max)?
                .value(q.unit.as_str())?
                .value(q.value_base)?
                .value(q.unit_base.as_str())?
                .value(i.growth_pct)?
                .value(i.growth_multiple)?
                .value(i.change_pp)?
                .value(q.qualifier.as_deref())?
                .value(i.estimated)?
                .value(&i.quote)?
                .value(i.span.start as i64)?
                .value(i.span.end as i64)?;
            Ok(())
        })?;
        insert_many(tx, &TARGETS, &rows_of(&stored, |r| &r.targets), |b, (s, t)| {
            let q = t.quantity.as_ref();
            b.value(s.report_id)?
                .value(s.section(t.section))?
                .value(&t.name)?
                .value(&t.indicator_code)?
                .value(t.target_year)?
                .value(q.and_then(|q| q.value))?
                .value(q.and_then(|q| q.value_min))?
                .value(q.and_then(|q| q.value_max))?
                .value(q.map(|q| q.unit.as_str()))?
                .value(q.and_then(|q| q.value_base))?
                .value(q.map(|q| q.unit_base.as_str()))?
                .value(t.growth_pct)?
                .value(t.comparator.as_str())?
                .value(&t.cue)?
                .value(&t.quote)?
                .value(t.span.start as i64)?
                .value(t.span.end as i64)?;
            Ok(())
        })?;
        insert_many(tx, &PROJECTS, &rows_of(&stored, |r| &r.projects), |b, (s, p)| {
            b.value(s.report_id)?
                .value(s.section(p.section))?
                .value(&p.name)?
                .value(&p.status)?
                .value(p.investment)?
                .value(&p.investment_unit)?
                .value(p.investment_yuan)?
                .value(&p.quote)?
                .value(p.span.start as i64)?
                .value(p.span.end as i64)?;
            Ok(())
        })?;
        insert_many(tx, &TERMS, &rows_of(&stored, |r| &r.term_counts), |b, (s, c)| {
            b.value(s.report_id)?.value(&c.term)?.value(c.occurrences as i64)?;
            Ok(())
        })?;
        Ok(())
    }
}

/// Inserts a report's sections and returns the row id of every section, by index. A new row of a
/// table keyed by INTEGER PRIMARY KEY gets the largest id plus one: the sections, written in their
/// order, get consecutive ids from there, so each is given its id (and its parent's, which comes
/// before it) when it is bound, and they go in by statements of several rows like the facts.
fn insert_sections(tx: &Connection, report_id: i64, r: &ReportPlan) -> Result<Vec<i64>> {
    if r.sections.is_empty() {
        return Ok(Vec::new());
    }
    let first: i64 =
        tx.prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM sections")?.query_row([], |row| row.get(0))?;
    let rows: Vec<(i64, &crate::model::Section)> = (first..).zip(&r.sections).collect();
    insert_many(tx, &SECTIONS, &rows, |b, &(id, s)| {
        // Sections come in document order, so a parent always precedes its children.
        let parent = s.parent.map(|p| first + p as i64).filter(|&p| p < id);
        b.value(report_id)?
            .value(parent)?
            .value(s.level)?
            .value(s.ordinal)?
            .value(&s.marker)?
            .value(&s.title)?
            .value(s.part.as_str())?
            .value(s.inline)?
            .value(s.span.start as i64)?
            .value(s.span.end as i64)?;
        Ok(())
    })?;
    let last = first + rows.len() as i64 - 1;
    if tx.last_insert_rowid() != last {
        let said =
            format!("a report's sections were given ids up to {} where {last} was expected", tx.last_insert_rowid());
        let internal = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL);
        return Err(rusqlite::Error::SqliteFailure(internal, Some(said)).into());
    }
    Ok(rows.iter().map(|&(id, _)| id).collect())
}

#[cfg(test)]
mod tests {
    /// The field kept of two is what SQLite's expression, which the upsert ran, gives: on known and
    /// unknown values, equal ones, prefixes, and texts that compare differently by character and by
    /// byte.
    #[test]
    fn the_field_kept_is_what_sqlite_keeps() {
        let conn = rusqlite::Connection::open_in_memory().expect("memory");
        let values = [None, Some(""), Some("青石镇"), Some("青石"), Some("a"), Some("Z"), Some("\u{FF5E}"), Some("𠀀")];
        for given in values {
            for stored in values {
                let by_sqlite: Option<String> = conn
                    .query_row("SELECT coalesce(min(?1, ?2), ?1, ?2)", [given, stored], |r| r.get(0))
                    .expect("expression");
                assert_eq!(super::kept_of_two(given, stored), by_sqlite.as_deref(), "{given:?} {stored:?}");
            }
        }
    }
}
