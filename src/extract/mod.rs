//! Extraction: the facts of one report (indicators, targets, projects) as plain structs. Nothing
//! here touches the database.
//!
//! [`number`] is the one number reader: indicators and targets both read quantities through it.
//! [`period`] reads the time a figure covers (全年, 1-11月, 上半年...).

pub mod catalog;
pub mod explain;
pub mod indicators;
pub mod layout;
pub mod number;
pub mod period;
pub mod projects;
#[cfg(test)]
mod props;
pub mod targets;

use crate::model::{Indicator, Part, Project, ReportMeta, Section, Span, Target};
use crate::text::clauses::{self, Clause, Stop};
use crate::text::index::Folded;

/// What a report says, fact by fact.
#[derive(Debug, Default)]
pub struct Facts {
    pub indicators: Vec<Indicator>,
    pub targets: Vec<Target>,
    pub projects: Vec<Project>,
}

/// The report as the extractors see it.
pub struct Context<'a> {
    /// The body folded for parsing (full-width → ASCII, traditional → simplified), one character
    /// for one character, so character offsets in it are offsets into the body.
    pub folded: &'a Folded,
    pub sections: &'a [Section],
    pub meta: &'a ReportMeta,
    /// A news item's plan paragraphs (character ranges): read for targets, not indicators.
    pub news_plan: Vec<(usize, usize)>,
    /// The report split into clauses once (every stretch between `,` `:` `;` and sentence ends).
    pub clauses: Vec<Clause>,
    /// The folded text as characters: the clauses are split over them, and the target and
    /// project rules walk them.
    pub(crate) chars: Chars<'a>,
    /// Every quantity of the folded text, read once by the number reader, in order: the
    /// indicators read them all, the targets and projects those of a clause or sentence
    /// ([`Context::quantities_in`]).
    pub quantities: Vec<number::Found>,
    /// Every growth phrase of the folded text, read once, in order ([`Context::growths_in`]).
    pub growths: Vec<number::Growth>,
    /// Where the growth expression matched in the folded text, read as a phrase or not.
    growth_matches: Vec<(usize, usize)>,
}

impl<'a> Context<'a> {
    pub fn new(folded: &'a Folded, sections: &'a [Section], meta: &'a ReportMeta) -> Self {
        // The text is decoded into characters once, for every reader that walks it so.
        let (chars, clauses) = Chars::with_clauses(&folded.text);
        let (growths, growth_matches) = number::growths_and_matches(&folded.text);
        Context {
            folded,
            sections,
            meta,
            news_plan: layout::news_plan_ranges(&folded.text, meta),
            clauses,
            chars,
            quantities: number::quantities(&folded.text),
            growths,
            growth_matches,
        }
    }

    /// What the number reader reads in characters `s..e` given that stretch alone
    /// (`number::quantities(chars.str(s, e))`: byte offsets from the stretch's start, spans from
    /// character `s`), taken from its one reading of the whole text.
    ///
    /// The two readings agree on a stretch between clause stops: the reader looks back from a
    /// number only for a digit, 第, a Chinese numeral or a qualifier word, and forward for a
    /// range, a multiplier, a unit or a qualifier, none of which holds a stop (, : ; 。 ! ? or a
    /// line end), and a reading that went past the stretch's start or end would have to hold one.
    /// The one way it could (spaces and a line end eaten before a range mark: 5\n-8万元) leaves a
    /// quantity across the stretch's edge: such a stretch, and any other a quantity crosses, is read
    /// alone. A test compares the two readings over every clause and sentence of the fixtures.
    pub(crate) fn quantities_in(&self, s: usize, e: usize) -> Vec<number::Found> {
        self.quantities_in_where(s, e, |_| true)
    }

    /// [`Context::quantities_in`], only the quantities `keep` accepts (a test of the quantity
    /// alone, not of where it stands): the others are not copied.
    pub(crate) fn quantities_in_where(
        &self,
        s: usize,
        e: usize,
        keep: impl Fn(&crate::model::Quantity) -> bool,
    ) -> Vec<number::Found> {
        let (bs, be) = (self.chars.byte(s), self.chars.byte(e));
        // Quantities do not overlap, so their ends rise: the first that ends after the start.
        let from = self.quantities.partition_point(|f| f.end <= bs);
        let inside = self.quantities[from..].iter().take_while(|f| f.start < be);
        if inside.clone().any(|f| f.start < bs || f.end > be) {
            let mut alone = number::quantities(&self.folded.text[bs..be]);
            alone.retain(|f| keep(&f.quantity));
            return alone;
        }
        inside
            .filter(|f| keep(&f.quantity))
            .map(|f| {
                let mut q = f.clone();
                q.start -= bs;
                q.end -= bs;
                q.quantity.span = Span::new(f.quantity.span.start - s, f.quantity.span.end - s);
                q
            })
            .collect()
    }

    /// The growth phrases read in characters `s..e` given that stretch alone
    /// (`number::growths(chars.str(s, e))`, byte offsets from the stretch's start), taken from the
    /// one reading of the whole text, as [`Context::quantities_in`] takes quantities. The
    /// expression finds phrases left to right and looks at nothing before a match, and its reader
    /// only for a digit just before it: a stretch reads alike alone unless one of the expression's
    /// matches crosses its edge (a note in brackets may hold a comma: 较去年同期(按可比价,下同)),
    /// and such a stretch is read alone.
    pub(crate) fn growths_in(&self, s: usize, e: usize) -> Vec<number::Growth> {
        let (bs, be) = (self.chars.byte(s), self.chars.byte(e));
        let from = self.growth_matches.partition_point(|&(_, end)| end <= bs);
        let crossing = self.growth_matches[from..]
            .iter()
            .take_while(|&&(start, _)| start < be)
            .any(|&(start, end)| start < bs || end > be);
        if crossing {
            return number::growths(&self.folded.text[bs..be]);
        }
        let from = self.growths.partition_point(|g| g.start < bs);
        self.growths[from..]
            .iter()
            .take_while(|g| g.start < be)
            .map(|g| number::Growth { start: g.start - bs, end: g.end - bs, ..g.clone() })
            .collect()
    }

    /// Whether character `pos` stands in the plan: a news item's plan paragraph when the layout
    /// found any (a news item's headings do not divide review from plan), else the plan part of
    /// the section tree.
    pub fn in_plan(&self, pos: usize) -> bool {
        if self.news_plan.is_empty() {
            self.part_at(pos) == Some(Part::Plan)
        } else {
            self.in_news_plan(pos)
        }
    }

    /// Whether character `pos` stands in a news item's plan paragraph.
    pub fn in_news_plan(&self, pos: usize) -> bool {
        self.news_plan.iter().any(|&(s, e)| s <= pos && pos < e)
    }

    /// The innermost section containing character `pos`, by index into `sections`.
    pub fn section_at(&self, pos: usize) -> Option<usize> {
        // Sections come in document order and nest, so every section containing `pos` is the last
        // one starting at or before it, or one of its ancestors: a binary search and a walk up,
        // where extractors ask this for many positions of a report.
        let last = self.sections.partition_point(|s| s.span.start <= pos).checked_sub(1)?;
        let mut k = Some(last);
        while let Some(i) = k {
            let s = &self.sections[i];
            if s.span.start <= pos && pos < s.span.end {
                return Some(i);
            }
            k = s.parent;
        }
        None
    }

    /// The part of the report at character `pos`.
    pub fn part_at(&self, pos: usize) -> Option<Part> {
        self.section_at(pos).map(|i| self.sections[i].part)
    }
}

/// The report as characters, with the byte offset of each (and of the end), so that a run of
/// characters is a slice of the text rather than a new String.
pub(crate) struct Chars<'a> {
    text: &'a str,
    chars: Vec<char>,
    /// The byte offset of each character, and of the end, in four bytes: a report comes from a
    /// file of at most 64 MiB (`files::MAX_FILE_BYTES`), under 4 GiB however it decodes. (Eight
    /// bytes a character were a sixth of the peak memory of a 16 MB report.)
    bytes: Vec<u32>,
}

impl<'a> Chars<'a> {
    #[cfg(test)]
    pub fn new(text: &'a str) -> Self {
        Self::with_clauses(text).0
    }

    /// The characters of `text` and its clauses ([`clauses::split`] at [`Stop::Clause`]), split
    /// in the same walk.
    pub fn with_clauses(text: &'a str) -> (Self, Vec<Clause>) {
        // A text has at most one character per byte: sized once, filled without growing.
        let mut chars = Vec::with_capacity(text.len());
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut split = Vec::new();
        let mut start = 0;
        let end = u32::try_from(text.len()).expect("a report's text is under 4 GiB");
        for (b, c) in text.char_indices() {
            if clauses::ends(c, Stop::Clause) {
                let i = chars.len();
                split.push(Clause { start, end: i, stop: Some(c) });
                start = i + 1;
            }
            // Every offset is below the end's, which fits.
            bytes.push(b as u32);
            chars.push(c);
        }
        bytes.push(end);
        split.push(Clause { start, end: chars.len(), stop: None });
        (Chars { text, chars, bytes }, split)
    }

    /// The byte offset of character `i` (of the end, for the character count).
    pub fn byte(&self, i: usize) -> usize {
        self.bytes[i] as usize
    }

    /// Characters `s..e` as a slice of the text.
    pub fn str(&self, s: usize, e: usize) -> &'a str {
        &self.text[self.byte(s)..self.byte(e)]
    }
}

impl std::ops::Deref for Chars<'_> {
    type Target = [char];
    fn deref(&self) -> &[char] {
        &self.chars
    }
}

pub fn extract(ctx: &Context) -> Facts {
    debug_assert!(ctx.sections.windows(2).all(|w| w[0].span.start <= w[1].span.start), "sections in document order");
    Facts {
        indicators: indicators::extract(ctx),
        targets: targets::extract_in(ctx, &ctx.chars),
        projects: projects::extract_in(ctx, &ctx.chars),
    }
}

/// A report read for tests as the pipeline reads it: metadata and sections from the real
/// parsers, the review and plan years 2024 and 2025 where the text names none.
#[cfg(test)]
pub(crate) struct TestReport {
    pub folded: Folded,
    pub sections: Vec<Section>,
    pub meta: ReportMeta,
}

#[cfg(test)]
impl TestReport {
    pub fn new(body: &str) -> Self {
        use crate::model::{PageMeta, ReportKind};
        let folded = Folded::new(body);
        let mut meta =
            crate::parse::meta::parse(&folded.text, &PageMeta::default(), ReportKind::GovernmentWorkReport, None);
        meta.review_year = meta.review_year.or(Some(2024));
        meta.plan_year = meta.plan_year.or(Some(2025));
        let sections = crate::parse::sections::parse(&folded, &meta);
        TestReport { folded, sections, meta }
    }

    pub fn context(&self) -> Context<'_> {
        Context::new(&self.folded, &self.sections, &self.meta)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::clauses::Stop;

    proptest::proptest! {
        /// The clauses split in the walk that decodes a text are the text layer's split of its
        /// characters, on texts of stops of every level, characters of one to four bytes and
        /// stops side by side (so that empty clauses and a text ending in a stop occur).
        #[test]
        fn the_clauses_split_with_the_characters_are_the_text_layers(text in "[,:;。!?、\\n…a项é𠀀]{0,24}") {
            let (chars, split) = Chars::with_clauses(&text);
            proptest::prop_assert_eq!(split, clauses::split(text.chars(), Stop::Clause));
            proptest::prop_assert_eq!(&chars[..], &text.chars().collect::<Vec<_>>()[..]);
        }
    }

    /// The contexts of every report of the sample corpus and the web fixtures, as the pipeline
    /// builds them.
    pub(crate) fn fixture_reports() -> Vec<(String, Folded, ReportMeta)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["corpus", "tests/fixtures/web"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("fixture folder") {
                let path = entry.expect("entry").path();
                if path.is_file() {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        let mut out = Vec::new();
        for path in paths {
            let Ok(file) = crate::read::read_bytes(&std::fs::read(&path).expect("fixture"), None) else { continue };
            for raw in file.reports {
                let folded = Folded::from_folded(raw.folded.clone());
                let meta = crate::parse::meta::parse(&folded.text, &file.page, raw.kind, raw.page_title.as_deref());
                out.push((path.display().to_string(), folded, meta));
            }
        }
        assert!(out.len() > 50, "{} reports", out.len());
        out
    }

    /// A stretch's quantities and growth phrases taken from the one reading of the whole text are
    /// what the readers read in the stretch alone, for every item, clause and sentence (to a
    /// semicolon or a full stop) of every report of the fixtures; so are its sums of money alone.
    #[test]
    fn quantities_and_growths_of_a_stretch_are_those_it_reads_alone() {
        let mut stretches = 0;
        for (name, folded, meta) in fixture_reports() {
            let sections = crate::parse::sections::parse(&folded, &meta);
            let ctx = Context::new(&folded, &sections, &meta);
            // Items (to 、 or …) are the pieces a long clause of targets is read in.
            for level in [Stop::Item, Stop::Clause, Stop::Semicolon, Stop::Sentence] {
                for c in clauses::split(ctx.chars.iter().copied(), level) {
                    let stretch = ctx.chars.str(c.start, c.end);
                    let alone = number::quantities(stretch);
                    assert_eq!(ctx.quantities_in(c.start, c.end), alone, "{name}: {stretch}");
                    let money = |q: &crate::model::Quantity| q.unit.ends_with('元');
                    let alone_money: Vec<_> = alone.into_iter().filter(|f| money(&f.quantity)).collect();
                    assert_eq!(ctx.quantities_in_where(c.start, c.end, money), alone_money, "{name}: {stretch}");
                    assert_eq!(ctx.growths_in(c.start, c.end), number::growths(stretch), "{name}: {stretch}");
                    stretches += 1;
                }
            }
        }
        assert!(stretches > 10_000, "{stretches} stretches");
    }

    /// A range written across a line end (5, a line end, then -8万元) is one quantity of the whole
    /// text and none of either line alone: each line is then read alone.
    #[test]
    fn a_quantity_across_a_stretch_edge_sends_the_stretch_to_the_reader_alone() {
        let report = TestReport::new("全镇完成产值5\n-8万元,同比增长6%。");
        let ctx = report.context();
        assert!(ctx.quantities.iter().any(|f| ctx.folded.text[f.start..f.end].contains('\n')), "{:?}", ctx.quantities);
        for c in clauses::split(ctx.chars.iter().copied(), Stop::Clause) {
            let alone = number::quantities(ctx.chars.str(c.start, c.end));
            assert_eq!(ctx.quantities_in(c.start, c.end), alone);
            let money = |q: &crate::model::Quantity| q.unit.ends_with('元');
            let alone_money: Vec<_> = alone.into_iter().filter(|f| money(&f.quantity)).collect();
            assert_eq!(ctx.quantities_in_where(c.start, c.end, money), alone_money);
        }
    }

    /// A growth phrase whose note in brackets holds a comma is one phrase of the whole text and
    /// not of either clause: each clause is then read alone (the second reads 增长5% on its own).
    #[test]
    fn a_growth_phrase_across_a_clause_edge_sends_the_clause_to_the_reader_alone() {
        let report = TestReport::new("全镇工业产值较去年同期(按可比价,下同)增长5%。");
        let ctx = report.context();
        assert!(ctx.growths.iter().any(|g| ctx.folded.text[g.start..g.end].contains(',')), "{:?}", ctx.growths);
        let clauses = clauses::split(ctx.chars.iter().copied(), Stop::Clause);
        assert!(clauses.iter().any(|c| !number::growths(ctx.chars.str(c.start, c.end)).is_empty()));
        for c in clauses {
            assert_eq!(ctx.growths_in(c.start, c.end), number::growths(ctx.chars.str(c.start, c.end)));
        }
    }
}
