//! Bytes to text. The encoding is detected from the bytes (BOM, then UTF-8 validity, then
//! GB18030), never from the file name; `--encoding` forces one.

use crate::error::{Reason, Refusal};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }
    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Gb18030 => encoding_rs::GB18030,
        }
    }
}

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Byte sequences that were not valid in the encoding and were replaced by U+FFFD.
    pub replaced: usize,
}

/// Share of control bytes (other than tab, CR, LF) above which a file is taken for binary.
const BINARY_CONTROL_SHARE: f64 = 0.05;

pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, Refusal> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Refusal::new(
            Reason::Empty,
            "the file is empty or holds only white space: nothing to load; check that the page was saved completely",
        ));
    }
    let (encoding, body, counted) = match forced {
        Some(e) => (e, strip_bom(bytes, e), None),
        None => sniff(bytes),
    };
    if encoding != Encoding::Utf16Le && encoding != Encoding::Utf16Be && looks_binary(body) {
        return Err(Refusal::new(
            Reason::Binary,
            "the file looks binary (many control bytes), not text or HTML; if it is a PDF or \
             Word document, save it as text first",
        ));
    }
    // A text decoded to count its malformed sequences is not decoded again.
    let codec = encoding.codec();
    let (replaced, text): (usize, Cow<str>) = match counted {
        Some(Counted { errors, text: Some(text) }) => (errors, Cow::Owned(text)),
        Some(Counted { errors, text: None }) => (errors, codec.decode_without_bom_handling(body).0),
        None if codec == encoding_rs::UTF_8 => {
            (utf8_errors(body, usize::MAX), codec.decode_without_bom_handling(body).0)
        }
        None => {
            let (text, errors) = decode_counting(codec, body);
            (errors, Cow::Owned(text))
        }
    };
    if replaced > 0 && is_unreadable(&text) {
        let hint = match forced {
            Some(e) => format!("it was read as {} because --encoding said so; try another encoding", e.as_str()),
            None => "if you know its encoding, give it with --encoding".to_string(),
        };
        return Err(Refusal::new(
            Reason::Undecodable,
            format!("most of the text is not valid in any encoding the loader knows (UTF-8, UTF-16, GB18030): {hint}"),
        ));
    }
    // NUL, other control characters and zero-width marks carry no text; dropping them here keeps
    // every later offset pointing at characters a person can see.
    // Most texts have neither: they are kept as decoded.
    let text = if holds_cr_or_invisible(&text) {
        let text: String = text.chars().filter(|&c| !is_invisible(c)).collect();
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    };
    if text.trim().is_empty() {
        return Err(Refusal::new(
            Reason::Empty,
            "the file holds no visible text, only control characters or white space; check that the page was saved completely",
        ));
    }
    Ok(Decoded { text, encoding, replaced })
}

/// Whether a text holds a CR or a character [`is_invisible`] drops: what
/// `text.contains(|c| c == '\r' || is_invisible(c))` says, found in the bytes by vectorised passes
/// instead of decoding every character: control bytes (one pass the compiler vectorises, with no
/// early exit), the C1 controls and the soft hyphen (after the rare lead byte C2), and the four
/// zero-width marks and the BOM (each a byte string of its own).
fn holds_cr_or_invisible(text: &str) -> bool {
    let b = text.as_bytes();
    let control = b.iter().fold(false, |seen, &x| seen | ((x < 0x20 && x != b'\n' && x != b'\t') || x == 0x7F));
    control
        || memchr::memchr_iter(0xC2, b).any(|i| matches!(b.get(i + 1), Some(0x80..=0x9F | 0xAD)))
        || ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"]
            .iter()
            .any(|mark| memchr::memmem::find(b, mark.as_bytes()).is_some())
}

fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Share of replacement characters among the visible ones above which a text is unreadable.
const UNREADABLE_SHARE: f64 = 0.2;

fn is_unreadable(text: &str) -> bool {
    let (mut bad, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        bad += usize::from(c == '\u{FFFD}');
    }
    bad as f64 > all as f64 * UNREADABLE_SHARE
}

/// Whether the bytes are valid UTF-8: what `std::str::from_utf8(bytes).is_ok()` says, by
/// encoding_rs's validator, which runs in a fraction of the instructions on mostly non-ASCII text.
pub fn is_utf8(bytes: &[u8]) -> bool {
    encoding_rs::Encoding::utf8_valid_up_to(bytes) == bytes.len()
}

/// Whether the bytes open with a byte order mark.
pub fn has_bom(bytes: &[u8]) -> bool {
    [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"].iter().any(|b| bytes.starts_with(b))
}

fn strip_bom(bytes: &[u8], e: Encoding) -> &[u8] {
    let bom: &[u8] = match e {
        Encoding::Utf8 => b"\xEF\xBB\xBF",
        Encoding::Utf16Le => b"\xFF\xFE",
        Encoding::Utf16Be => b"\xFE\xFF",
        Encoding::Gb18030 => b"",
    };
    bytes.strip_prefix(bom).unwrap_or(bytes)
}

/// What telling the encodings apart read already: the malformed sequences of the encoding chosen,
/// and its text when it had to be decoded to count them.
struct Counted {
    errors: usize,
    text: Option<String>,
}

impl Counted {
    fn errors(errors: usize) -> Option<Counted> {
        Some(Counted { errors, text: None })
    }
}

/// The encoding of the bytes and the bytes without their BOM, with what telling the encodings
/// apart counted (and decoded) already.
fn sniff(bytes: &[u8]) -> (Encoding, &[u8], Option<Counted>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (Encoding::Utf8, rest, None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (Encoding::Utf16Le, rest, None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (Encoding::Utf16Be, rest, None);
    }
    if let Some(e) = utf16_without_bom(bytes) {
        return (e, bytes, None);
    }
    if is_utf8(bytes) {
        return (Encoding::Utf8, bytes, Counted::errors(0));
    }
    // Not valid UTF-8: GB18030 (a superset of GBK and GB2312) if it decodes cleanly, else the
    // encoding with fewer bad sequences, so a UTF-8 file with a few damaged bytes stays UTF-8.
    // GB18030 reads most byte pairs as some character, so UTF-8 with damage decodes as GB18030
    // with few errors but as nonsense; UTF-8 wins while its damage is a small share of the text.
    // (UTF-8's bad sequences are counted only as far as each test needs: a GB18030 file has one
    // every character or two, and its count stops past a fiftieth of its non-ASCII bytes.)
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let tolerated = non_ascii / UTF8_DAMAGE_RATIO;
    let utf8_bad = utf8_errors(bytes, tolerated + 1);
    if utf8_bad <= tolerated {
        return (Encoding::Utf8, bytes, Counted::errors(utf8_bad));
    }
    let (gb_text, gb_bad) = decode_counting(encoding_rs::GB18030, bytes);
    // UTF-8 with more damage still wins where GB18030 reads no better: counted as far as that.
    let utf8_bad = if gb_bad < utf8_bad { utf8_bad } else { utf8_errors(bytes, gb_bad + 1) };
    if gb_bad < utf8_bad {
        (Encoding::Gb18030, bytes, Some(Counted { errors: gb_bad, text: Some(gb_text) }))
    } else {
        (Encoding::Utf8, bytes, Counted::errors(utf8_bad))
    }
}

/// Non-ASCII bytes per invalid sequence at or above which a file is taken for damaged UTF-8: in
/// GB18030 text read as UTF-8 nearly every non-ASCII pair is invalid.
const UTF8_DAMAGE_RATIO: usize = 50;

/// UTF-16 without a BOM shows as text with every other byte zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 8 {
        return None;
    }
    let zeros_even = bytes[..n].iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = bytes[1..n].iter().step_by(2).filter(|&&b| b == 0).count();
    let half = n / 2;
    if zeros_odd * 10 > half * 3 && zeros_even * 10 < half {
        Some(Encoding::Utf16Le)
    } else if zeros_even * 10 > half * 3 && zeros_odd * 10 < half {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Malformed sequences of UTF-8, as its decoder counts them, up to `at_most` (the count stops
/// there). The standard library splits bytes at the same malformed sequences as the WHATWG decoder
/// (maximal subparts), one per chunk, without restarting a decoder at each: a GB18030 file sniffed
/// as UTF-8 has one every few bytes.
fn utf8_errors(bytes: &[u8], at_most: usize) -> usize {
    bytes.utf8_chunks().filter(|c| !c.invalid().is_empty()).take(at_most).count()
}

/// The text the codec's decoder gives (each malformed sequence replaced by U+FFFD, as
/// `decode_without_bom_handling` does) and the count of malformed sequences, in one pass.
fn decode_counting(codec: &'static encoding_rs::Encoding, bytes: &[u8]) -> (String, usize) {
    let mut decoder = codec.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(0));
    let mut errors = 0;
    let mut input = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut out, true);
        input = &input[read..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => out.reserve(input.len() * 3 + 16),
            encoding_rs::DecoderResult::Malformed(_, _) => {
                errors += 1;
                out.push('\u{FFFD}');
            }
        }
    }
    (out, errors)
}

/// Openings of binary formats people save by mistake: PDF, ZIP (DOCX), PNG, GIF, JPEG, DOC.
const BINARY_MAGIC: [&[u8]; 6] = [b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xFF\xD8\xFF", b"\xD0\xCF\x11\xE0"];

/// Fewest control bytes that can make a file binary: a few stray NULs are damage, not binary.
const BINARY_MIN_CONTROL: usize = 16;

fn looks_binary(bytes: &[u8]) -> bool {
    if BINARY_MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B)).count();
    control >= BINARY_MIN_CONTROL && control as f64 > sample.len() as f64 * BINARY_CONTROL_SHARE
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte search says what the character test says, on visible texts holding at most one
        /// of the characters it looks for or of their neighbours in the code chart (each is so
        /// tried alone), among characters sharing their bytes.
        #[test]
        fn invisible_marks_found_by_bytes(text in "[a中“”，·\\u{a0}]{0,6}[\\x00-\\x1f\\x7f\\u{80}-\\u{ae}\\u{200a}-\\u{2010}\\u{205f}-\\u{2061}\\u{fefe}-\\u{ff00}]?[a中“”，]{0,6}") {
            let by_chars = text.contains(|c: char| c == '\r' || is_invisible(c));
            prop_assert_eq!(holds_cr_or_invisible(&text), by_chars);
        }
    }

    /// Malformed sequences as the codec's decoder reports them, one call at a time.
    fn decoder_errors(codec: &'static encoding_rs::Encoding, bytes: &[u8]) -> usize {
        let mut decoder = codec.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(bytes.len() * 3 + 16);
        let (mut errors, mut input) = (0, bytes);
        loop {
            out.clear();
            let (result, read) = decoder.decode_to_string_without_replacement(input, &mut out, true);
            input = &input[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => return errors,
                encoding_rs::DecoderResult::OutputFull => out.reserve(input.len() * 3 + 16),
                encoding_rs::DecoderResult::Malformed(_, _) => errors += 1,
            }
        }
    }

    #[test]
    fn utf8_errors_counted_as_the_decoder_does() {
        let (gb, _, _) = encoding_rs::GB18030.encode("湖镇镇政府工作报告,规上工业产值74.23亿元");
        let cases: [&[u8]; 8] = [
            &gb,
            b"\xE4\xB8",
            b"ok\xF0\x9F\x98",
            b"\xED\xA0\x80x",
            b"\xC0\xAF\xC1",
            b"\xF4\x90\x80\x80",
            b"\xE4\xB8\xE4\xB8\xAD\xFF",
            "镇长".as_bytes(),
        ];
        for bytes in cases {
            assert_eq!(utf8_errors(bytes, usize::MAX), decoder_errors(encoding_rs::UTF_8, bytes), "{bytes:?}");
        }
    }

    proptest! {
        #[test]
        fn utf8_error_count_matches_the_decoder_on_any_bytes(
            bytes in proptest::collection::vec(prop_oneof![any::<u8>(), 0x80u8..0xC0, 0xE0u8..0xF5], 0..64)
        ) {
            prop_assert_eq!(utf8_errors(&bytes, usize::MAX), decoder_errors(encoding_rs::UTF_8, &bytes));
        }

        /// The sniff counts UTF-8's bad sequences only as far as it must, and decides as it did
        /// with all of them counted: the same encoding and the same count of replaced sequences.
        #[test]
        fn the_sniff_decides_as_with_every_bad_sequence_counted(
            pieces in proptest::collection::vec(prop_oneof![
                4 => "[镇乡村规划项目完成亿元]{1,40}".prop_map(|t| t.into_bytes()),
                3 => "[镇乡村规划项目完成亿元]{1,40}".prop_map(|t| encoding_rs::GB18030.encode(&t).0.into_owned()),
                2 => "[a-z0-9,.]{1,8}".prop_map(|t| t.into_bytes()),
                // (No NUL: text with NULs is told apart as UTF-16 before these counts.)
                1 => (1u8..).prop_map(|b| vec![b]),
            ], 0..12)
        ) {
            let bytes = pieces.concat();
            prop_assume!(!bytes.starts_with(b"\xEF\xBB\xBF"));
            let (encoding, _, counted) = sniff(&bytes);
            // The rule as written before the counts were cut short.
            let utf8_bad = decoder_errors(encoding_rs::UTF_8, &bytes);
            let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
            let gb_bad = decoder_errors(encoding_rs::GB18030, &bytes);
            let expected = if utf8_bad * UTF8_DAMAGE_RATIO <= non_ascii || gb_bad >= utf8_bad {
                (Encoding::Utf8, utf8_bad)
            } else {
                (Encoding::Gb18030, gb_bad)
            };
            prop_assert_eq!((encoding, counted.map(|c| c.errors)), (expected.0, Some(expected.1)));
        }
    }

    proptest! {
        /// One pass decodes as the codec's decoder with replacement does and counts its
        /// malformed sequences, in every encoding the loader reads.
        #[test]
        fn decoding_while_counting_is_the_decoders_text(
            bytes in proptest::collection::vec(prop_oneof![any::<u8>(), 0x81u8..0xFF, 0x30u8..0x3A, 0xE0u8..0xF5], 0..64)
        ) {
            for codec in [encoding_rs::GB18030, encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE] {
                let (text, errors) = decode_counting(codec, &bytes);
                let (expected, had_errors) = codec.decode_without_bom_handling(&bytes);
                prop_assert_eq!(&text, &expected);
                prop_assert_eq!(errors > 0, had_errors);
                prop_assert_eq!(errors, decoder_errors(codec, &bytes));
            }
        }
    }

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode("\u{feff}镇长\r\n报告".as_bytes(), None).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, "镇长\n报告");
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("湖镇镇政府工作报告,规上工业产值74.23亿元");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, "湖镇镇政府工作报告,规上工业产值74.23亿元");
    }

    #[test]
    fn utf16le_without_bom_is_detected() {
        let bytes: Vec<u8> = "工作报告 2024 年".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, "工作报告 2024 年");
    }

    #[test]
    fn nul_bytes_are_dropped_and_binary_refused() {
        assert_eq!(decode(b"ab\0cd", None).unwrap().text, "abcd");
        let bin: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        assert_eq!(decode(&bin, None).unwrap_err().reason, Reason::Binary);
        assert_eq!(decode(b"  \n ", None).unwrap_err().reason, Reason::Empty);
    }

    #[test]
    fn damaged_utf8_stays_utf8_with_the_bad_bytes_replaced() {
        let sentence = "规上工业产值达到74.23亿元,同比增长23.75%。";
        let mut bytes = sentence.repeat(20).into_bytes();
        bytes.insert(sentence.len(), 0xFF);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.replaced, 1);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 1);
    }

    #[test]
    fn zero_width_marks_are_dropped() {
        assert_eq!(decode("74\u{200B}.23亿\u{FEFF}元".as_bytes(), None).unwrap().text, "74.23亿元");
    }

    #[test]
    fn bytes_valid_in_no_encoding_are_unreadable() {
        let mut bytes = "报告".as_bytes().to_vec();
        bytes.extend([0xFF; 200]);
        assert_eq!(decode(&bytes, None).unwrap_err().reason, Reason::Undecodable);
    }
}
