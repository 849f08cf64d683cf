//! Reading: from a file's bytes to the clean texts of the reports it holds.
//!
//! decode (bytes → text) → page (drop navigation, metadata lines and footers, keep what they say)
//! → split (one text per report in a compilation). Nothing here knows about sections or numbers.

pub mod decode;
pub mod fold;
pub mod page;
pub mod split;

pub use decode::{decode, Decoded, Encoding};
pub use fold::Folded;
pub use split::RawReport;

use crate::error::Refusal;
use crate::model::PageMeta;

/// The texts of the reports in one file, with what the page around them said.
#[derive(Debug)]
pub struct ReadFile {
    pub encoding: Encoding,
    pub page: PageMeta,
    pub reports: Vec<RawReport>,
}

/// Reads one file's bytes into report texts, or says why it holds none.
pub fn read_bytes(bytes: &[u8], forced: Option<Encoding>) -> Result<ReadFile, Refusal> {
    let decoded = decode(bytes, forced)?;
    let page = page::clean(&decoded.text);
    let reports = split::split(&page.lines);
    if reports.is_empty() {
        return Err(Refusal::new(
            "not_a_report",
            "no work report found: the text has no report title, no \"各位代表\" address and no \
             review or plan headings",
        ));
    }
    Ok(ReadFile { encoding: decoded.encoding, page: page.meta, reports })
}
