//! The policy-term list behind `v_term_frequency` (data/terms.toml, read by `extract::terms`), kept
//! equal to the `policy_terms` table, and the stored counts (`report_terms`) kept counted for that
//! list: the terms are data a researcher edits, so when the list changes, opening the warehouse
//! counts every stored report again and the view never pairs a list with another list's counts.

pub use crate::extract::terms::{terms, PolicyTerm};

use crate::error::{Error, Result};
use crate::extract::terms::Counter;
use crate::text::index::Folded;
use rusqlite::{params, Connection, OptionalExtension};

/// Makes `policy_terms` hold exactly the shipped list and `report_terms` hold the counts of that
/// list; writes nothing when they already do.
pub fn sync(conn: &Connection) -> Result<()> {
    sync_list(conn, terms())
}

/// [`sync`] for any list: the list becomes `policy_terms`, and the stored reports are counted
/// again if their counts were made for another list. One transaction, so a reader sees the old
/// list with its counts or the new one with its counts.
pub fn sync_list(conn: &Connection, list: &[PolicyTerm]) -> Result<()> {
    let mut wanted: Vec<PolicyTerm> = list.to_vec();
    wanted.sort();
    let mut current: Vec<PolicyTerm> = conn
        .prepare("SELECT term, family, gloss FROM policy_terms")?
        .query_map([], |r| Ok(PolicyTerm { term: r.get(0)?, family: r.get(1)?, gloss: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    current.sort();
    let counted_for: Option<String> =
        conn.query_row("SELECT terms FROM report_terms_list WHERE id = 1", [], |r| r.get(0)).optional()?;
    let fingerprint = fingerprint(list);
    let list_changed = current != wanted;
    let counts_stale = counted_for.as_deref() != Some(fingerprint.as_str());
    if !list_changed && !counts_stale {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    if list_changed {
        tx.execute("DELETE FROM policy_terms", [])?;
        let mut stmt = tx.prepare("INSERT INTO policy_terms (term, family, gloss) VALUES (?1, ?2, ?3)")?;
        for t in list {
            stmt.execute([&t.term, &t.family, &t.gloss])?;
        }
    }
    if counts_stale {
        recount(&tx, list)?;
        tx.execute(
            "INSERT INTO report_terms_list (id, terms) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET terms = excluded.terms",
            [&fingerprint],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// What the counts of `report_terms` depend on: the terms, in list order.
fn fingerprint(list: &[PolicyTerm]) -> String {
    list.iter().map(|t| t.term.as_str()).collect::<Vec<_>>().join("\n")
}

/// Counts `list` in every stored report again, from its body, one pass per report.
fn recount(conn: &Connection, list: &[PolicyTerm]) -> Result<()> {
    let counter = Counter::new(list).map_err(|detail| Error::DataFile { path: "data/terms.toml".into(), detail })?;
    conn.execute("DELETE FROM report_terms", [])?;
    let mut insert = conn.prepare("INSERT INTO report_terms (report_id, term, occurrences) VALUES (?1, ?2, ?3)")?;
    let mut select = conn.prepare("SELECT id, body FROM reports")?;
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        let (id, body): (i64, String) = (row.get(0)?, row.get(1)?);
        for c in counter.count(&Folded::new(&body).text) {
            insert.execute(params![id, c.term, c.occurrences as i64])?;
        }
    }
    Ok(())
}
