//! Embeds the migrations (refinery reads the folder at compile time), the view files under `sql/`
//! (in the SQLite 3.25 typing form src/store/typing.rs produces from their plain CASTs) and the
//! example queries under `sql/examples/`, so a new file in any of them is picked up without
//! touching the code.

use std::fmt::Write;
use std::path::Path;

#[path = "src/store/typing.rs"]
mod typing;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=sql");
    println!("cargo:rerun-if-changed=src/store/typing.rs");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut views: Vec<_> = std::fs::read_dir(Path::new(&root).join("sql"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    views.retain(|p| p.extension().is_some_and(|e| e == "sql"));
    views.sort();
    let mut out =
        String::from("/// The canned views: (name, CREATE VIEW statement in its typing form), in file-name order.\n");
    out.push_str("pub const VIEWS: &[(&str, &str)] = &[\n");
    let mut plain = String::from("/// The same views as their files write them, without the typing form.\n");
    plain.push_str("pub const PLAIN_VIEWS: &[(&str, &str)] = &[\n");
    for p in &views {
        let name = p.file_stem().and_then(|s| s.to_str()).expect("view file names are UTF-8");
        let name =
            name.split_once('_').filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit())).map_or(name, |(_, rest)| rest);
        let sql = std::fs::read_to_string(p).expect("read a view file");
        writeln!(out, "    ({name:?}, {:?}),", typing::typed(&sql)).expect("write to string");
        writeln!(plain, "    ({name:?}, {sql:?}),").expect("write to string");
    }
    out.push_str("];\n");
    out.push_str(&plain);
    out.push_str("];\n");
    // The example queries (sql/examples/*.sql), offered as Datasette's canned queries.
    let mut examples: Vec<_> = std::fs::read_dir(Path::new(&root).join("sql/examples"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    examples.retain(|p| p.extension().is_some_and(|e| e == "sql"));
    examples.sort();
    out.push_str("/// The example queries: (file stem, SQL), in file-name order.\n");
    out.push_str("pub const EXAMPLES: &[(&str, &str)] = &[\n");
    for p in &examples {
        let name = p.file_stem().and_then(|s| s.to_str()).expect("example file names are UTF-8");
        writeln!(out, "    ({name:?}, include_str!({:?})),", p.display().to_string()).expect("write to string");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("views.rs");
    std::fs::write(dest, out).expect("write views.rs");
}
