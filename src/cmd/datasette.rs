//! `gwr datasette-metadata`: Datasette's metadata for the warehouse, so that it opens as a
//! documented database rather than a list of 30 tables: the data dictionary's descriptions and
//! units on every public table, view and column; the internal tables hidden and the `_computed`
//! views closed (their rows are the stored views'); the example queries of sql/examples as canned
//! queries; facets on the columns people slice by; and a canned query `search` on the search file
//! (`gwr index`) that cuts the word asked into the bigram phrase the index holds, in SQL, so that
//! search works from the browser.

use crate::cli::DatasetteArgs;
use crate::store;
use anyhow::Context;
use rusqlite::Connection;
use serde_json::{json, Map, Value};
use std::path::Path;

/// Tables the loader keeps for itself: listed by Datasette only under "hidden tables".
const INTERNAL_TABLES: &[&str] = &[
    "refinery_schema_history",
    "view_column_types",
    "report_terms_list",
    "report_terms_pending",
    "policy_terms_source",
    "stale_towns",
    "source_files",
    "divisions_source",
    // The stored rows of v_indicator_panel, v_target_attainment and v_town_rankings: query the views.
    "indicator_panel",
    "target_attainment",
    "town_rankings",
];

/// Short titles of the public views and tables, for Datasette's pages.
const TITLES: &[(&str, &str)] = &[
    ("v_reports", "Reports"),
    ("v_indicators", "Indicators: every figure with its quote"),
    ("v_indicator_panel", "Indicator panel: town × year × indicator"),
    ("v_targets", "Targets"),
    ("v_target_attainment", "Target attainment: met, missed or unknown"),
    ("v_projects", "Projects"),
    ("v_town_rankings", "Town rankings"),
    ("v_term_frequency", "Policy term frequency"),
    ("data_dictionary", "Data dictionary"),
    ("towns", "Towns (table)"),
    ("reports", "Reports with their text (table)"),
    ("sections", "Sections (table)"),
    ("indicators", "Indicators (table)"),
    ("targets", "Targets (table)"),
    ("projects", "Projects (table)"),
    ("indicator_catalog", "Indicator catalog"),
    ("divisions", "Gazetteer: administrative divisions"),
    ("load_runs", "Load runs"),
    ("load_errors", "Files that could not be loaded"),
    ("policy_terms", "Policy terms counted"),
    ("report_terms", "Policy-term counts per report (table)"),
];

/// The columns each object is faceted by (those it has).
const FACETS: &[(&str, &[&str])] = &[
    ("v_reports", &["province", "kind", "review_year"]),
    ("v_indicators", &["province", "indicator_code", "report_kind"]),
    ("v_indicator_panel", &["province", "indicator_code", "year"]),
    ("v_targets", &["province", "indicator_code", "report_kind"]),
    ("v_target_attainment", &["province", "status", "indicator_code"]),
    ("v_projects", &["province", "status", "report_kind"]),
    ("v_town_rankings", &["province", "indicator_code", "year"]),
    ("v_term_frequency", &["family", "province", "review_year"]),
    ("reports", &["kind", "review_year"]),
    ("towns", &["province", "resolution"]),
    ("load_errors", &["reason"]),
];

/// The canned search query: `:word` becomes the FTS5 phrase of its overlapping bigrams (新质生产力 →
/// "新质 质生 生产 产力"), as `store::search::fts_query` writes it; one character finds the bigrams
/// it starts.
const SEARCH_SQL: &str = r#"-- The paragraphs that contain a Chinese word, best matches first.
WITH RECURSIVE
asked(word) AS (SELECT replace(replace(trim(:word), '"', ''), ' ', '')),
bigrams(i, phrase) AS (
    SELECT 1, substr(word, 1, 2) FROM asked WHERE length(word) >= 2
    UNION ALL
    SELECT i + 1, phrase || ' ' || substr(word, i + 1, 2) FROM bigrams, asked WHERE i + 1 < length(word)
),
fts(query) AS (
    SELECT CASE
        WHEN length(word) = 1 THEN '"' || word || '"*'
        WHEN length(word) > 1 THEN '"' || (SELECT phrase FROM bigrams ORDER BY i DESC LIMIT 1) || '"'
        ELSE '"0none0"'
    END FROM asked
)
SELECT r.town, r.province, r.review_year, p.report_id, p.char_start, p.char_end, p.text
FROM passages AS p JOIN report_towns AS r ON r.report_id = p.report_id
WHERE passages MATCH (SELECT query FROM fts)
ORDER BY p.rank, p.report_id, p.char_start"#;

pub fn run(args: &DatasetteArgs) -> anyhow::Result<i32> {
    let conn = store::db::open_existing(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let metadata =
        build(&conn, &args.db).with_context(|| format!("reading the data dictionary of {}", args.db.display()))?;
    let text = serde_json::to_string_pretty(&metadata)? + "\n";
    match &args.out {
        Some(out) => {
            std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote Datasette metadata for {} to {}", args.db.display(), out.display());
        }
        None => super::print_out(&text)?,
    }
    Ok(super::EXIT_OK)
}

/// The metadata for the warehouse at `db` (Datasette names a database after its file's stem) and
/// its search file.
pub fn build(conn: &Connection, db: &Path) -> anyhow::Result<Value> {
    let name = db.file_stem().and_then(|s| s.to_str()).unwrap_or("warehouse").to_string();
    let search = store::search::default_path(db);
    let search_name = search.file_stem().and_then(|s| s.to_str()).unwrap_or("warehouse-search").to_string();
    let mut tables = Map::new();
    for (object, object_type) in store::dictionary::public_objects(conn)? {
        tables.insert(object.clone(), describe(conn, &object, &object_type)?);
    }
    for table in INTERNAL_TABLES {
        tables.insert(table.to_string(), json!({ "hidden": true }));
    }
    let mut queries = Map::new();
    for (stem, sql) in store::views::EXAMPLES {
        let comment = leading_comment(sql);
        queries.insert(
            stem.to_string(),
            json!({ "title": first_sentence(&comment), "description": comment, "sql": sql.trim() }),
        );
    }
    let mut databases = Map::new();
    databases.insert(
        name.clone(),
        json!({
            "description": "Township government work reports: towns, reports, sections, indicators, targets and \
                            projects, each fact with the exact text it came from. Start with the views (v_*); \
                            data_dictionary describes every column.",
            "tables": tables,
            "queries": queries,
        }),
    );
    databases.insert(
        search_name.clone(),
        json!({
            "description": format!("Full-text search over the paragraphs of {name}'s reports (built by gwr index). \
                                    Use the query search: the index holds two-character tokens, so a word typed \
                                    in the table's own search box finds nothing."),
            "tables": {
                "passages": {
                    "description": "One row per paragraph (a line of reports.body), indexed as overlapping bigrams.",
                    "columns": {
                        "grams": "The paragraph cut into overlapping two-character tokens: what FTS5 indexes.",
                        "text": "The paragraph as stored in reports.body.",
                        "report_id": "The report (reports.id in the warehouse).",
                        "section_id": "The innermost section (sections.id) the paragraph starts in.",
                        "char_start": "Where the paragraph starts in reports.body (0-based, in characters).",
                        "char_end": "Where the paragraph ends in reports.body (exclusive, in characters).",
                    },
                },
                "report_towns": {
                    "description": "The town, province, kind and review year of each report, for the search results.",
                },
                "index_meta": { "hidden": true },
            },
            "queries": {
                "search": {
                    "title": "Search the reports",
                    "description": "The paragraphs that contain a Chinese word (营商环境, 新质生产力, 安全), best matches \
                                    first: the word is cut into the overlapping two-character tokens the index holds, \
                                    as gwr search does. One character finds the words it starts.",
                    "sql": SEARCH_SQL,
                },
            },
        }),
    );
    Ok(json!({
        "title": "gwr: township government work reports",
        "description": format!("The warehouse {} loaded by gwr, described by its data dictionary.", db.display()),
        "databases": databases,
    }))
}

/// One table or view: title, description, column descriptions (with units), facets, or hidden.
fn describe(conn: &Connection, object: &str, object_type: &str) -> anyhow::Result<Value> {
    if INTERNAL_TABLES.contains(&object) {
        return Ok(json!({ "hidden": true }));
    }
    if object_type == "view" && object.ends_with("_computed") {
        // Views cannot be hidden in Datasette, only closed; their rows are the stored view's.
        return Ok(json!({ "allow": false }));
    }
    let mut entry = Map::new();
    if let Some((_, title)) = TITLES.iter().find(|(o, _)| *o == object) {
        entry.insert("title".into(), json!(title));
    }
    let mut columns = Map::new();
    for row in store::dictionary::stored(conn, Some(object))? {
        match row.column {
            None => {
                entry.insert("description".into(), json!(row.description));
            }
            Some(column) => {
                let text = match row.unit {
                    Some(unit) => format!("{} Unit: {unit}.", row.description),
                    None => row.description,
                };
                columns.insert(column, json!(text));
            }
        }
    }
    if !columns.is_empty() {
        entry.insert("columns".into(), Value::Object(columns));
    }
    if let Some((_, facets)) = FACETS.iter().find(|(o, _)| *o == object) {
        let have: Vec<String> = store::dictionary::columns_of(conn, object)?.into_iter().map(|(c, _)| c).collect();
        let facets: Vec<&str> = facets.iter().copied().filter(|f| have.iter().any(|c| c == f)).collect();
        entry.insert("facets".into(), json!(facets));
    }
    if object == "towns" {
        entry.insert("label_column".into(), json!("name"));
    }
    Ok(Value::Object(entry))
}

/// The comment lines an example file opens with, joined into one paragraph.
fn leading_comment(sql: &str) -> String {
    sql.lines().map_while(|l| l.trim_start().strip_prefix("--")).map(str::trim).collect::<Vec<_>>().join(" ")
}

/// Up to the first question mark, full stop or semicolon that ends a clause.
fn first_sentence(text: &str) -> String {
    let end = text.find(['?', ';']).map(|i| i + 1).or_else(|| text.find(". ").map(|i| i + 1)).unwrap_or(text.len());
    text[..end].trim_end_matches(';').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_title_is_its_first_sentence() {
        let sql = "-- Which towns missed their target?\n-- A target for year Y.\nSELECT 1;";
        let comment = leading_comment(sql);
        assert_eq!(comment, "Which towns missed their target? A target for year Y.");
        assert_eq!(first_sentence(&comment), "Which towns missed their target?");
        assert_eq!(first_sentence("The ten fastest towns; growth as reported."), "The ten fastest towns");
        assert_eq!(first_sentence("The panel. For export"), "The panel.");
        assert_eq!(first_sentence("No end"), "No end");
    }
}
