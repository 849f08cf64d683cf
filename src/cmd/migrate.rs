//! `gwr migrate`: create the warehouse or bring its schema up to date.

use crate::cli::DbArgs;
use crate::store;
use anyhow::Context;

pub fn run(args: &DbArgs) -> anyhow::Result<i32> {
    store::db::check_folder(&args.db)?;
    let _lock = store::lock::acquire(&args.db)?;
    let conn = store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    println!("{}: schema version {}", args.db.display(), store::schema_version(&conn)?);
    Ok(super::EXIT_OK)
}
