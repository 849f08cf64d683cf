//! Mutated sample files (byte flips, splices, inserted heading markers, addresses and figures, HTML
//! wrappers) never make gwr panic: in process through the pipeline, and through the real binary's
//! `inspect` and `load`. CI runs a few cases; GWR_FUZZ_CASES=N runs N.

use crate::util::{corpus, root, scalar, WorkDir};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Pieces of text that steer the reader and the extractors: headings, addresses, titles, plan
/// cues, figures, page markup.
const MARKERS: [&str; 16] = [
    "一、",
    "（一）",
    "1.",
    "各位代表：",
    "石桥镇2024年政府工作报告",
    "主要预期目标",
    "增长",
    "12.5亿元",
    "X.X亿元",
    "%",
    "\n",
    "<p>",
    "</div>",
    "<title>",
    "2023年1-6月",
    "\u{FFFD}",
];

fn cases(default: u32) -> u32 {
    std::env::var("GWR_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The sample report texts and a few of the web pages.
fn samples() -> Vec<Vec<u8>> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("tests/fixtures/web"))
        .expect("pages")
        .map(|e| e.expect("entry").path())
        .collect();
    pages.sort();
    files.sort();
    files.extend(pages.into_iter().filter(|p| p.is_file()).take(4));
    files.iter().map(|p| std::fs::read(p).expect("read sample")).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, byte: u8 },
    Splice { from: usize, len: usize, to: usize },
    Insert { at: usize, marker: usize },
    Digits { at: usize, digits: String },
    Truncate { at: usize },
    WrapHtml,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (any::<usize>(), 0usize..4000, any::<usize>()).prop_map(|(from, len, to)| Mutation::Splice { from, len, to }),
        (any::<usize>(), 0..MARKERS.len()).prop_map(|(at, marker)| Mutation::Insert { at, marker }),
        (any::<usize>(), "[0-9.%万亿元-]{1,14}").prop_map(|(at, digits)| Mutation::Digits { at, digits }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        Just(Mutation::WrapHtml),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |at: usize, len: usize| if len == 0 { 0 } else { at % (len + 1) };
    match m {
        Mutation::Flip { at, byte } if !bytes.is_empty() => {
            let i = at % bytes.len();
            bytes[i] ^= byte | 1;
        }
        Mutation::Flip { .. } => {}
        Mutation::Splice { from, len, to } => {
            let start = pos(*from, bytes.len());
            let end = (start + len).min(bytes.len());
            let piece = bytes[start..end].to_vec();
            let at = pos(*to, bytes.len());
            bytes.splice(at..at, piece);
        }
        Mutation::Insert { at, marker } => {
            let at = pos(*at, bytes.len());
            bytes.splice(at..at, MARKERS[*marker].bytes());
        }
        Mutation::Digits { at, digits } => {
            let at = pos(*at, bytes.len());
            bytes.splice(at..at, digits.bytes());
        }
        Mutation::Truncate { at } => {
            let at = pos(*at, bytes.len());
            bytes.truncate(at.max(bytes.len() / 4));
        }
        Mutation::WrapHtml => {
            let mut page =
                "<html><head><meta charset=\"utf-8\"><title>石桥镇2024年政府工作报告</title></head><body><div><p>"
                    .as_bytes()
                    .to_vec();
            page.extend_from_slice(bytes);
            page.extend_from_slice(b"</p></div></body></html>");
            *bytes = page;
        }
    }
}

fn mutated(sample: usize, mutations: &[Mutation]) -> Vec<u8> {
    let all = samples();
    let mut bytes = all[sample % all.len()].clone();
    for m in mutations {
        apply(&mut bytes, m);
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), failure_persistence: None, ..ProptestConfig::default() })]

    /// In process: planning a mutated file never panics (a panic would be caught and turned into an
    /// internal_error refusal, which is what this looks for).
    #[test]
    fn mutated_samples_plan_without_panic(sample in 0usize..64, mutations in prop::collection::vec(mutation(), 1..6)) {
        let bytes = mutated(sample, &mutations);
        let plan = gwr::pipeline::plan_bytes(&bytes, "fuzz.txt", &gwr::pipeline::Options::default());
        let reason = plan.error.as_ref().map(|e| e.reason);
        prop_assert_ne!(reason, Some(gwr::error::Reason::InternalError), "{:?}", plan.error);
    }
}

/// Through the binary: `inspect` on each mutated file and one `load` of them all end with 0 or 1,
/// print no panic, and record no internal_error.
#[test]
fn mutated_samples_inspect_and_load_without_panic() {
    let wd = WorkDir::new();
    let n = cases(8) as usize;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (0usize..64, prop::collection::vec(mutation(), 1..6));
    for i in 0..n {
        let (sample, mutations) = strategy.new_tree(&mut runner).expect("a case").current();
        let name = format!("fuzz/{i:03}.{}", if i % 3 == 0 { "html" } else { "txt" });
        wd.write(&name, mutated(sample, &mutations));
        let run = wd.gwr(&["inspect", &name]);
        assert!(
            run.code() == 0 || run.code() == 1,
            "inspect {name} ({mutations:?}): exit {}\n{}",
            run.code(),
            run.stderr()
        );
        assert!(!run.stderr().contains("panicked"), "{name}: {}", run.stderr());
    }
    let load = wd.gwr(&["load", "fuzz"]);
    assert!(load.code() == 0 || load.code() == 1, "load: exit {}\n{}", load.code(), load.stderr());
    assert!(!load.stderr().contains("panicked"), "{}", load.stderr());
    let internal: i64 =
        scalar(&wd.db("warehouse.db"), "SELECT count(*) FROM load_errors WHERE reason = 'internal_error'");
    assert_eq!(internal, 0);
}
