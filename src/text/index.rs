//! Positions in a text: characters and bytes, one way and the other. Every span the loader stores
//! counts characters of the stored body; the parsers find things by bytes in the folded text. One
//! index per text answers both ways, and a cursor counts on for readers that walk front to back.

/// A text folded for parsing, with a way back from byte offsets in it to character offsets.
pub struct Folded {
    pub text: String,
    /// `char_at[b]` is the character index of byte `b` (one entry past the end as well).
    char_at: Vec<u32>,
}

impl Folded {
    pub fn new(body: &str) -> Self {
        Folded::from_folded(crate::text::fold::fold_str(body))
    }

    /// A text the reader has folded already (`RawReport::folded`).
    pub fn from_folded(text: String) -> Self {
        // Every byte but a continuation byte (10xxxxxx) starts a character: counting those, byte
        // by byte, gives each byte its character without decoding.
        let mut chars = 0u32;
        let mut char_at: Vec<u32> = Vec::with_capacity(text.len() + 1);
        char_at.extend(text.bytes().map(|b| {
            chars += u32::from(b & 0xC0 != 0x80);
            chars - 1
        }));
        char_at.push(chars);
        Folded { text, char_at }
    }

    /// Character offset of a byte offset in the folded text.
    pub fn char_of(&self, byte: usize) -> usize {
        self.char_at[byte.min(self.text.len())] as usize
    }

    /// Character length of the text.
    pub fn char_len(&self) -> usize {
        self.char_at[self.text.len()] as usize
    }
}

/// Byte offsets of every character of a text, for slicing it by character offsets many times.
pub struct CharBytes(Vec<usize>);

impl CharBytes {
    pub fn new(s: &str) -> Self {
        // Every byte but a continuation byte (10xxxxxx) starts a character, as in `Folded`: the
        // starts are picked from the bytes without decoding the characters.
        let mut starts = Vec::with_capacity(s.chars().count() + 1);
        starts.extend(s.bytes().enumerate().filter(|&(_, b)| b & 0xC0 != 0x80).map(|(i, _)| i));
        starts.push(s.len());
        CharBytes(starts)
    }

    /// The characters `start..end` of `s` (the text this index was built from).
    pub fn slice<'a>(&self, s: &'a str, start: usize, end: usize) -> &'a str {
        let last = self.0.len() - 1;
        let (a, b) = (self.0[start.min(last)], self.0[end.min(last)]);
        &s[a..b.max(a)]
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A slice by characters is the text's characters `start..end`, on any text (one to four
        /// bytes a character), ends past the text included.
        #[test]
        fn char_bytes_slice_by_characters(text in "\\PC{0,20}", start in 0usize..24, len in 0usize..24) {
            let index = CharBytes::new(&text);
            let expected: String = text.chars().skip(start).take(len).collect();
            proptest::prop_assert_eq!(index.slice(&text, start, start + len), expected.as_str());
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
