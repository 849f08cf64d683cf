//! Resolving: which town on the national map a report is about, and how sure that is.

use crate::model::{PageMeta, ReportMeta, TownResolution};

/// The town a report speaks for.
pub fn resolve(meta: &ReportMeta, _body: &str, _page: &PageMeta) -> TownResolution {
    TownResolution { name: meta.town.clone().unwrap_or_default(), resolution: "unknown".into(), ..Default::default() }
}
