//! Names of files as text, without loss: a path that is not UTF-8 keeps every byte and comes back.

use std::path::{Path, PathBuf};

/// A path as text, without loss: bytes that are not UTF-8 are written `\xNN` and a backslash
/// `\\`, so two different names never give one text. Separators are `/`.
#[cfg(unix)]
pub fn lossless(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// A path as text (Windows names are UTF-16 and always convert); separators are `/`.
#[cfg(not(unix))]
pub fn lossless(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The path a [`lossless`] text names.
#[cfg(unix)]
pub fn unescape(text: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        match (b, tail) {
            (b'\\', [b'\\', more @ ..]) => {
                bytes.push(b'\\');
                rest = more;
            }
            (b'\\', [b'x', h, l, more @ ..]) if hex(*h).is_some() && hex(*l).is_some() => {
                bytes.push(hex(*h).unwrap_or(0) * 16 + hex(*l).unwrap_or(0));
                rest = more;
            }
            _ => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
pub fn unescape(text: &str) -> PathBuf {
    PathBuf::from(text)
}

#[cfg(unix)]
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_that_are_not_utf8_stay_apart_and_come_back() {
        let names: [&[u8]; 5] = [b"r\xff.txt", b"r\xfe.txt", b"r\\xff.txt", b"r\\\xff.txt", "镇.txt".as_bytes()];
        let texts: Vec<String> = names.iter().map(|n| lossless(Path::new(std::ffi::OsStr::from_bytes(n)))).collect();
        assert_eq!(texts.iter().collect::<HashSet<_>>().len(), names.len(), "{texts:?}");
        assert_eq!(texts[0], "r\\xff.txt");
        assert_eq!(texts[4], "镇.txt");
        for (n, t) in names.iter().zip(&texts) {
            assert_eq!(unescape(t).as_os_str().as_bytes(), *n);
        }
    }
}
