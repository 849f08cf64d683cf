//! `gwr info`: the schema version, every table's row count and the last load run.

use super::count;
use crate::cli::DbArgs;
use crate::store;
use anyhow::Context;

pub fn run(args: &DbArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let mut out =
        format!("database        {}\nschema version  {}\n\n", args.db.display(), store::schema_version(&conn)?);
    let tables = store::overview::table_counts(&conn)?;
    let width = tables.iter().map(|(t, _)| t.len()).max().unwrap_or(0);
    for (t, n) in &tables {
        let rows = if *n == 1 { "row" } else { "rows" };
        out.push_str(&format!("{t:<width$} {n:>9} {rows}\n"));
    }
    let running = store::lock::is_held(&args.db);
    out.push_str(&format!("\nlast load       {}\n", last_run(&conn, running)?.as_deref().unwrap_or("none")));
    let gone = gone_files(&conn)?;
    if gone > 0 {
        out.push_str(&format!(
            "files gone      {} whose reports are stored no longer exist where they were loaded from; \
             `gwr load FOLDER --prune` removes their reports\n",
            count(gone, "file", "files")
        ));
    }
    super::print_out(&out)?;
    Ok(super::EXIT_OK)
}

/// The last load run in one line: how it ended and what it stored.
fn last_run(conn: &rusqlite::Connection, running: bool) -> anyhow::Result<Option<String>> {
    let Some(run) = store::overview::last_run(conn)? else {
        return Ok(None);
    };
    let ended = match (run.outcome.as_deref(), &run.finished_at) {
        (Some("interrupted"), Some(at)) => format!("interrupted {at}"),
        (_, Some(at)) => format!("finished {at}"),
        (_, None) if running => "running".to_string(),
        // Not finished and no load holds the lock: it was killed or crashed.
        (_, None) => "died (killed or crashed; what it stored is kept: run the load again to finish)".to_string(),
    };
    let pruned = if run.files_pruned > 0 {
        format!(", {} pruned", count(run.files_pruned, "gone file", "gone files"))
    } else {
        String::new()
    };
    Ok(Some(format!(
        "run {} started {} {ended}: {} seen, {} loaded, {} unchanged, {} replaced, {} failed{pruned}",
        run.id,
        run.started_at,
        count(run.files_seen, "file", "files"),
        count(run.reports_loaded, "report", "reports"),
        run.reports_unchanged,
        run.reports_replaced,
        count(run.files_failed, "file", "files"),
    )))
}

/// How many stored files no longer exist at their location.
fn gone_files(conn: &rusqlite::Connection) -> anyhow::Result<usize> {
    let locations = store::overview::stored_locations(conn)?;
    Ok(locations.iter().filter(|l| !crate::files::unescape(l).exists()).count())
}
