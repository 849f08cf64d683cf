//! Positions in a text: characters and bytes, one way and the other. Every span the loader stores
//! counts characters of the stored body; the parsers find things by bytes in the folded text. One
//! index per text answers both ways, and a cursor counts on for readers that walk front to back.

/// A text folded for parsing, with a way back from byte offsets in it to character offsets.
pub struct Folded {
    pub text: String,
    /// `marks[k]` is how many characters start before byte `k * MARK_EVERY`: a byte's character is
    /// counted from the mark before it, over fewer than `MARK_EVERY` bytes. (An entry for every
    /// byte cost four bytes of memory for each byte of a report, the most of any of its indexes.)
    marks: Vec<u32>,
    /// The characters of the whole text.
    chars: u32,
}

/// Bytes between two marks of [`Folded`].
const MARK_EVERY: usize = 64;

/// Whether a byte of UTF-8 starts a character: every byte but a continuation byte (10xxxxxx)
/// does, so characters are found and counted without decoding.
fn starts_a_character(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// The length in bytes of the UTF-8 character a byte opens, 0 for a byte inside a character: the
/// searches that step over a text's characters by their first bytes read it here.
#[inline(always)]
pub fn char_len(first: u8) -> usize {
    usize::from(CHAR_LEN[usize::from(first)])
}

/// [`char_len`] of every byte, looked up rather than computed by branches.
const CHAR_LEN: [u8; 256] = {
    let mut len = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        len[b] = match b {
            0x00..=0x7F => 1,
            0x80..=0xBF => 0,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        b += 1;
    }
    len
};

/// How many characters start in `bytes`.
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from(starts_a_character(b))).sum()
}

/// The marks of a text's bytes (how many characters start before each `MARK_EVERY`-th byte), and
/// its characters.
fn marks_of(bytes: &[u8]) -> (Vec<u32>, u32) {
    let mut marks: Vec<u32> = Vec::with_capacity(bytes.len() / MARK_EVERY + 1);
    let mut chars = 0u32;
    marks.push(0);
    for block in bytes.chunks(MARK_EVERY) {
        // (A report is at most MAX_FILE_BYTES: its characters fit in four bytes.)
        chars += starts(block) as u32;
        if block.len() == MARK_EVERY {
            marks.push(chars);
        }
    }
    (marks, chars)
}

impl Folded {
    pub fn new(body: &str) -> Self {
        Folded::from_folded(crate::text::fold::fold_str(body))
    }

    /// A text the reader has folded already (`RawReport::folded`).
    pub fn from_folded(text: String) -> Self {
        let (marks, chars) = marks_of(text.as_bytes());
        Folded { text, marks, chars }
    }

    /// Character offset of a byte offset in the folded text: the character the byte belongs to
    /// (the characters starting up to it and at it, less one), or the length at the end.
    pub fn char_of(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.chars as usize;
        }
        let through = byte + 1;
        let k = through / MARK_EVERY;
        self.marks[k] as usize + starts(&self.text.as_bytes()[k * MARK_EVERY..through]) - 1
    }

    /// Character length of the text.
    pub fn char_len(&self) -> usize {
        self.chars as usize
    }
}

/// Byte offsets of a text's characters, for slicing it by character offsets many times: the marks
/// of [`Folded`] read the other way, a character found from the mark before it over fewer than
/// `MARK_EVERY` bytes. (An offset for every character cost eight bytes of memory for each, and
/// the time to write them, for the hundred or so slices a report's facts ask.)
pub struct CharBytes {
    marks: Vec<u32>,
    chars: usize,
}

impl CharBytes {
    pub fn new(s: &str) -> Self {
        let (marks, chars) = marks_of(s.as_bytes());
        CharBytes { marks, chars: chars as usize }
    }

    /// The characters `start..end` of `s` (the text this index was built from).
    pub fn slice<'a>(&self, s: &'a str, start: usize, end: usize) -> &'a str {
        let (a, b) = (self.byte_of(s, start), self.byte_of(s, end));
        &s[a..b.max(a)]
    }

    /// Where character `c` of `s` starts, or the end of `s` for a character past its last.
    fn byte_of(&self, s: &str, c: usize) -> usize {
        if c >= self.chars {
            return s.len();
        }
        // The characters before a mark's byte start before it: character `c` starts in the block
        // of the last mark that counts no more than `c` (every block holds a start).
        let k = self.marks.partition_point(|&m| m as usize <= c) - 1;
        let from = k * MARK_EVERY;
        // Counted on eight bytes at a time: a word's character starts as the top bit of each of
        // its bytes that is no continuation byte (10xxxxxx), so that a word is passed by a count.
        let bytes = s.as_bytes();
        let mut n = c - self.marks[k] as usize;
        let mut at = from;
        while let Some(word) = bytes.get(at..at + 8) {
            let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            let mut tops = !(w & !(w << 1)) & 0x8080_8080_8080_8080;
            let here = tops.count_ones() as usize;
            if n < here {
                for _ in 0..n {
                    tops &= tops - 1;
                }
                return at + tops.trailing_zeros() as usize / 8;
            }
            n -= here;
            at += 8;
        }
        for (i, &b) in bytes[at..].iter().enumerate() {
            if starts_a_character(b) {
                if n == 0 {
                    return at + i;
                }
                n -= 1;
            }
        }
        s.len()
    }
}

/// Character offsets of bytes of one text, asked front to back. Readers walk a report front to
/// back; counting from the start each time would make reading quadratic in its length, so each
/// answer counts on from the last. The cursor belongs to one walk over one text: no state is
/// shared between calls or texts.
#[derive(Default)]
pub struct Cursor {
    byte: usize,
    chars: usize,
}

impl Cursor {
    pub fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = Cursor::default();
        }
        self.chars += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

/// Whether `s` holds at most `n` characters: what `s.chars().count() <= n` says, without counting
/// the characters of a text whose length in bytes tells already (a character is one to four
/// bytes). For the tests of a line's length that every line of a page or report meets.
pub fn at_most_chars(s: &str, n: usize) -> bool {
    if s.len() <= n {
        return true;
    }
    if s.len() > n.saturating_mul(4) {
        return false;
    }
    s.chars().count() <= n
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn at_most_chars_is_the_count(text in "[a中𠀀é ]{0,24}", n in 0usize..30) {
            proptest::prop_assert_eq!(super::at_most_chars(&text, n), text.chars().count() <= n);
        }
    }

    use super::*;

    proptest::proptest! {
        /// A slice by characters is the text's characters `start..end`, on any text (one to four
        /// bytes a character, across several marks), ends past the text included.
        #[test]
        fn char_bytes_slice_by_characters(text in "\\PC{0,300}", start in 0usize..320, len in 0usize..320) {
            let index = CharBytes::new(&text);
            let expected: String = text.chars().skip(start).take(len).collect();
            proptest::prop_assert_eq!(index.slice(&text, start, start + len), expected.as_str());
        }
    }

    proptest::proptest! {
        /// Every byte's character, on any text (one to four bytes a character, across several
        /// marks), is the character that holds it: the characters starting before it and at it,
        /// less one; past the end, the text's length.
        #[test]
        fn every_byte_maps_to_its_character(text in "\\PC{0,300}", past in 0usize..4) {
            let f = Folded::from_folded(text.clone());
            let mut expected = Vec::with_capacity(text.len());
            for (i, c) in text.chars().enumerate() {
                expected.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
            for (byte, &char) in expected.iter().enumerate() {
                proptest::prop_assert_eq!(f.char_of(byte), char, "byte {}", byte);
            }
            let n = text.chars().count();
            proptest::prop_assert_eq!(f.char_of(text.len() + past), n);
            proptest::prop_assert_eq!(f.char_len(), n);
        }
    }

    #[test]
    fn bytes_map_to_characters() {
        let f = Folded::from_folded("增长5%,a。€".to_string());
        for (char, (byte, _)) in f.text.char_indices().enumerate() {
            assert_eq!(f.char_of(byte), char);
        }
        assert_eq!(f.char_of(f.text.len()), f.char_len());
    }
}
