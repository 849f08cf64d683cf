//! The policy-term list behind `v_term_frequency`, kept equal to the `policy_terms` table, and the
//! stored counts (`report_terms`) kept counted for that list, so the view never pairs a list with
//! another list's counts. The list is the one gwr ships (data/terms.toml, compiled in), or the
//! warehouse's own, set with `gwr terms FILE` (table `policy_terms_source`): a researcher counts
//! other terms without rebuilding gwr. Loads count the shipped list as they extract; a warehouse
//! with its own list has the reports a load stored counted again for it when the load ends
//! ([`catch_up`], from the marks the trigger of migration V11 leaves in `report_terms_pending`).

pub use crate::text::terms::{terms, PolicyTerm};

use crate::error::{Error, Result};
use crate::text::index::Folded;
use crate::text::terms::Counter;
use rusqlite::{params, Connection, OptionalExtension};

/// Where the warehouse's term list comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The list gwr ships.
    Shipped,
    /// A list of the warehouse's own: the file it was read from, and when.
    Own { file: String, set_at: String },
}

/// Makes `policy_terms` hold the warehouse's list (the shipped one unless it has its own) and
/// `report_terms` hold the counts of that list; writes nothing when they already do.
pub fn sync(conn: &Connection) -> Result<()> {
    match source(conn)? {
        Source::Shipped => sync_list(conn, terms()),
        Source::Own { .. } => {
            let list = current(conn)?;
            let counted_for = counted_for(conn)?;
            if counted_for.as_deref() == Some(fingerprint(&list).as_str()) {
                return catch_up(conn).map(|_| ());
            }
            let tx = conn.unchecked_transaction()?;
            recount(&tx, &list)?;
            tx.commit()?;
            Ok(())
        }
    }
}

/// The warehouse's list, in list order.
pub fn current(conn: &Connection) -> Result<Vec<PolicyTerm>> {
    let list = conn
        .prepare("SELECT term, family, gloss FROM policy_terms ORDER BY id")?
        .query_map([], |r| Ok(PolicyTerm { term: r.get(0)?, family: r.get(1)?, gloss: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(list)
}

/// Where the warehouse's list comes from.
pub fn source(conn: &Connection) -> Result<Source> {
    let own = conn
        .query_row("SELECT source, set_at FROM policy_terms_source WHERE id = 1", [], |r| {
            Ok(Source::Own { file: r.get(0)?, set_at: r.get(1)? })
        })
        .optional()?;
    Ok(own.unwrap_or(Source::Shipped))
}

/// Makes `list` the warehouse's own (read from `file`) and counts every stored report for it, in
/// one transaction. Returns how many reports were counted.
pub fn set_own(conn: &Connection, list: &[PolicyTerm], file: &str) -> Result<usize> {
    let tx = conn.unchecked_transaction()?;
    replace_list(&tx, list)?;
    tx.execute(
        "INSERT INTO policy_terms_source (id, source, set_at) VALUES (1, ?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
         ON CONFLICT (id) DO UPDATE SET source = excluded.source, set_at = excluded.set_at",
        [file],
    )?;
    let n = recount(&tx, list)?;
    tx.commit()?;
    Ok(n)
}

/// Goes back to the shipped list and its counts. Returns how many reports were counted.
pub fn set_shipped(conn: &Connection) -> Result<usize> {
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM policy_terms_source", [])?;
    replace_list(&tx, terms())?;
    let n = recount(&tx, terms())?;
    tx.commit()?;
    Ok(n)
}

/// Counts the reports marked in `report_terms_pending` for the warehouse's own list (a load counted
/// them for the shipped one). Returns how many were counted.
pub fn catch_up(conn: &Connection) -> Result<usize> {
    let pending: i64 = conn.query_row("SELECT count(*) FROM report_terms_pending", [], |r| r.get(0))?;
    if pending == 0 {
        return Ok(0);
    }
    let tx = conn.unchecked_transaction()?;
    let n = match source(&tx)? {
        // Marks left from before the list went back to the shipped one: those counts are right.
        Source::Shipped => 0,
        Source::Own { .. } => {
            let list = current(&tx)?;
            count_reports(
                &tx,
                &list,
                "SELECT id, body FROM reports WHERE id IN (SELECT report_id FROM report_terms_pending)",
            )?
        }
    };
    tx.execute("DELETE FROM report_terms_pending", [])?;
    tx.commit()?;
    Ok(n)
}

/// [`sync`] for the shipped list, or any list: the list becomes `policy_terms`, and the stored
/// reports are counted again if their counts were made for another list. One transaction, so a
/// reader sees the old list with its counts or the new one with its counts.
pub fn sync_list(conn: &Connection, list: &[PolicyTerm]) -> Result<()> {
    let mut wanted: Vec<PolicyTerm> = list.to_vec();
    wanted.sort();
    let mut current = current(conn)?;
    current.sort();
    let list_changed = current != wanted;
    let counts_stale = counted_for(conn)?.as_deref() != Some(fingerprint(list).as_str());
    if !list_changed && !counts_stale {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    if list_changed {
        replace_list(&tx, list)?;
    }
    if counts_stale {
        recount(&tx, list)?;
    }
    tx.commit()?;
    Ok(())
}

fn replace_list(conn: &Connection, list: &[PolicyTerm]) -> Result<()> {
    conn.execute("DELETE FROM policy_terms", [])?;
    let mut stmt = conn.prepare("INSERT INTO policy_terms (term, family, gloss) VALUES (?1, ?2, ?3)")?;
    for t in list {
        stmt.execute([&t.term, &t.family, &t.gloss])?;
    }
    Ok(())
}

fn counted_for(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT terms FROM report_terms_list WHERE id = 1", [], |r| r.get(0)).optional()?)
}

/// What the counts of `report_terms` depend on: the terms, in list order.
fn fingerprint(list: &[PolicyTerm]) -> String {
    list.iter().map(|t| t.term.as_str()).collect::<Vec<_>>().join("\n")
}

/// Counts `list` in every stored report again, from its body, one pass per report, and records
/// the list the counts are for. Returns how many reports were counted.
fn recount(conn: &Connection, list: &[PolicyTerm]) -> Result<usize> {
    conn.execute("DELETE FROM report_terms", [])?;
    let n = count_reports(conn, list, "SELECT id, body FROM reports")?;
    conn.execute(
        "INSERT INTO report_terms_list (id, terms) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET terms = excluded.terms",
        [fingerprint(list)],
    )?;
    conn.execute("DELETE FROM report_terms_pending", [])?;
    Ok(n)
}

/// Replaces the counts of the reports `select` gives (id, body) by the counts of `list`.
fn count_reports(conn: &Connection, list: &[PolicyTerm], select: &str) -> Result<usize> {
    let counter = Counter::new(list).map_err(|detail| Error::DataFile { path: "the term list".into(), detail })?;
    let mut delete = conn.prepare("DELETE FROM report_terms WHERE report_id = ?1")?;
    let mut insert = conn.prepare("INSERT INTO report_terms (report_id, term, occurrences) VALUES (?1, ?2, ?3)")?;
    let mut select = conn.prepare(select)?;
    let mut rows = select.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let (id, body): (i64, String) = (row.get(0)?, row.get(1)?);
        delete.execute([id])?;
        for c in counter.count(&Folded::new(&body).text) {
            insert.execute(params![id, c.term, c.occurrences as i64])?;
        }
        n += 1;
    }
    Ok(n)
}
