//! The command line, validated into one checked configuration before any work starts.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Load Chinese township government work reports (乡镇政府工作报告) into a SQLite warehouse.
#[derive(Debug, Parser)]
#[command(name = "gwr", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load report files and folders into the warehouse.
    ///
    /// Folders are walked recursively for .txt, .htm and .html files, in sorted order. A report
    /// already stored (same text) is left alone; a file whose text changed replaces its old
    /// reports. A file that cannot be loaded is reported and recorded in load_errors, and the
    /// run goes on; the exit code is 1 if any file failed.
    ///
    /// Examples:
    ///   gwr load                          # the sample corpus/ into warehouse.db
    ///   gwr load reports/ --db towns.db   # your own folder into a warehouse of its own
    ///   gwr load a.txt b.html --encoding gb18030
    ///   gwr load reports/ --db towns.db --quiet --stats
    #[command(verbatim_doc_comment)]
    Load(LoadArgs),

    /// Create the warehouse or bring its schema up to date.
    ///
    /// Loads nothing; gwr load and the other commands do the same on opening.
    ///
    /// Examples:
    ///   gwr migrate
    ///   gwr migrate --db towns.db
    #[command(verbatim_doc_comment)]
    Migrate(DbArgs),

    /// Show the schema version, row counts and the last load run.
    ///
    /// Examples:
    ///   gwr info
    ///   gwr info --db towns.db
    #[command(verbatim_doc_comment)]
    Info(DbArgs),

    /// List the towns with their division code and the evidence for it.
    ///
    /// One tab-separated line per town: name, 9-digit township code (- when not resolved),
    /// county/city/province, resolution (unique, context, ambiguous or unknown), the number of
    /// reports, and the evidence; an ambiguous town lists its candidates after the evidence.
    ///
    /// Examples:
    ///   gwr towns
    ///   gwr towns --db towns.db | grep ambiguous
    #[command(verbatim_doc_comment)]
    Towns(DbArgs),

    /// Print as JSON what a load would store for a file (no database).
    ///
    /// Examples:
    ///   gwr inspect corpus/000_5f3145f1445451d9.txt
    ///   gwr inspect page.html --encoding gb18030 | jq '.reports[0].indicators'
    #[command(verbatim_doc_comment)]
    Inspect(InspectArgs),

    /// Count the fate of every number over a corpus: facts by rule, numbers set aside by reason,
    /// and the numbers no rule explained, with their context.
    ///
    /// Examples:
    ///   gwr audit corpus
    ///   gwr audit pages/ --json | jq '.skipped'
    #[command(verbatim_doc_comment)]
    Audit(AuditArgs),

    /// Write a synthetic corpus of report files for benchmarks and tests.
    ///
    /// The files vary the sample reports of the folder --from (the repository's corpus/ by
    /// default): other towns, years and numbers, reordered paragraphs, some GB18030 and HTML
    /// files, a few bad files. The same seed gives the same corpus.
    ///
    /// Examples:
    ///   gwr synth --reports 2000 --out bench/cache/2000
    ///   gwr synth --reports 100 --out /tmp/corpus --seed 7 --from corpus
    #[command(verbatim_doc_comment)]
    Synth(SynthArgs),

    /// Print the data dictionary: what every table, view and column means.
    ///
    /// The same text is in the table data_dictionary, for BI tools.
    ///
    /// Examples:
    ///   gwr schema                        # everything in warehouse.db
    ///   gwr schema v_target_attainment    # one table or view
    ///   gwr schema --db towns.db reports
    #[command(verbatim_doc_comment)]
    Schema(SchemaArgs),

    /// Build the full-text search file beside the warehouse (warehouse-search.db).
    ///
    /// Every paragraph of every report, segmented so that two-character Chinese words are found as
    /// well as longer ones. It is a separate file, so the warehouse stays readable by clients without
    /// FTS5; run it again after a load.
    ///
    /// Examples:
    ///   gwr index
    ///   gwr index --db towns.db --out /tmp/towns-search.db
    #[command(verbatim_doc_comment)]
    Index(IndexArgs),

    /// Find the paragraphs that contain every word given.
    ///
    /// Each with its town, year and position in the report; the search file comes from gwr index.
    ///
    /// Examples:
    ///   gwr search 新质生产力
    ///   gwr search 乡村振兴 共同富裕 --limit 5
    ///   gwr search 安全 --db towns.db
    ///   gwr search 营商环境 --limit 0      # every paragraph
    #[command(verbatim_doc_comment)]
    Search(SearchArgs),

    /// Print the policy terms counted, or count a list of your own instead.
    ///
    /// With no FILE, prints the warehouse's list as TOML (save it, edit it, give it back). With
    /// FILE (the format of data/terms.toml: [[family]] tables of name and terms), the list becomes
    /// the warehouse's and every stored report is counted again from its text, in one transaction;
    /// reports loaded later are counted for it too. --shipped goes back to the list gwr ships.
    ///
    /// Examples:
    ///   gwr terms                              # the current list
    ///   gwr terms > my-terms.toml              # a start for your own
    ///   gwr terms my-terms.toml --db towns.db  # count your terms instead
    ///   gwr terms --shipped --db towns.db      # back to the shipped list
    #[command(verbatim_doc_comment)]
    Terms(TermsArgs),

    /// Print a checksum of what the warehouse holds, by content: the same reports, facts, towns,
    /// files and views give the same checksum whatever the order of loading and the row ids.
    /// With --parts, one line per table and view as well. Used by the benchmark and the tests.
    #[command(hide = true)]
    Checksum(ChecksumArgs),

    /// Write Datasette's metadata (JSON) from the data dictionary.
    ///
    /// Built from the data dictionary: every public table, view and column with its description and
    /// unit; internal tables and the _computed views hidden; the example queries of sql/examples as
    /// canned queries; a canned query `search` on the search file (gwr index) that takes a word.
    /// `make serve` runs it and starts Datasette with it.
    ///
    /// Examples:
    ///   gwr datasette-metadata --out metadata.json
    ///   datasette serve warehouse.db warehouse-search.db -m metadata.json
    #[command(verbatim_doc_comment)]
    DatasetteMetadata(DatasetteArgs),
}

#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ChecksumArgs {
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
    /// Also print each table's and view's rows and checksum.
    #[arg(long)]
    pub parts: bool,
}

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Report files or folders [default: corpus]
    pub paths: Vec<PathBuf>,
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
    /// Read every file in this encoding instead of detecting it.
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
    /// Read and extract every file again, even those whose bytes are unchanged since the last
    /// load (after upgrading gwr, to refresh the facts).
    #[arg(long)]
    pub force: bool,
    /// Remove the reports of files loaded earlier from these folders that are no longer there
    /// (deleted, renamed or moved away). Without it they are kept, and counted.
    #[arg(long)]
    pub prune: bool,
    /// Print time, throughput and peak memory to stderr at the end, with where the writer's time
    /// went and the parts of the refresh of the stored panel, rankings and attainment.
    #[arg(long)]
    pub stats: bool,
    /// Do not print each file's warnings; count them in the summary line instead.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Only this table or view.
    pub object: Option<String>,
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
    /// The search file to write [default: beside the warehouse, NAME-search.db]
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The words to find (all of them, in one paragraph).
    #[arg(required = true)]
    pub words: Vec<String>,
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
    /// The search file [default: beside the warehouse, NAME-search.db]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// At most this many paragraphs (0: all of them).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

#[derive(Debug, clap::Args)]
pub struct TermsArgs {
    /// A term list in the format of data/terms.toml, to count instead of the current one.
    #[arg(conflicts_with = "shipped")]
    pub file: Option<PathBuf>,
    /// Go back to the term list shipped with gwr.
    #[arg(long)]
    pub shipped: bool,
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct DatasetteArgs {
    /// The warehouse file.
    #[arg(long, default_value = "warehouse.db")]
    pub db: PathBuf,
    /// Write the JSON here instead of to stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// The report file.
    pub file: PathBuf,
    /// Print the fate of every number instead of the whole plan: the fact it became (kind, rule,
    /// name) or the reason it became none.
    #[arg(long)]
    pub explain: bool,
    /// Read the file in this encoding instead of detecting it.
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Report files or folders of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print the counts as JSON.
    #[arg(long)]
    pub json: bool,
    /// How many unexplained numbers to list.
    #[arg(long, default_value_t = 20)]
    pub examples: usize,
    /// Read every file in this encoding instead of detecting it.
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
}

#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// How many files to write.
    #[arg(long)]
    pub reports: usize,
    /// The folder to write them to (created if needed).
    #[arg(long)]
    pub out: PathBuf,
    /// The seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The folder of sample reports to vary (outside the repository, give its corpus/ folder).
    #[arg(long, default_value = "corpus")]
    pub from: PathBuf,
    /// Bad files (empty, binary, not a report, placeholder template) per thousand.
    #[arg(long, default_value_t = 5)]
    pub bad_per_mille: u16,
}

/// An encoding as the command line names it (`--encoding gbk`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "utf-16le")]
    Utf16Le,
    #[value(name = "utf-16be")]
    Utf16Be,
    #[value(name = "gb18030", alias = "gbk", alias = "gb2312")]
    Gb18030,
}

impl From<EncodingArg> for crate::read::Encoding {
    fn from(e: EncodingArg) -> Self {
        use crate::read::Encoding;
        match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Utf16Le => Encoding::Utf16Le,
            EncodingArg::Utf16Be => Encoding::Utf16Be,
            EncodingArg::Gb18030 => Encoding::Gb18030,
        }
    }
}
