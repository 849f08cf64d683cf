//! Bounds on markup before a page is parsed: a tag of more than [`MAX_TAG_BYTES`] keeps only its
//! name. The HTML tokenizer checks each attribute against all earlier ones of its tag, so one tag
//! with a million attributes took minutes; no page's own tag is anywhere near the bound.

use std::borrow::Cow;

/// The most bytes a tag (from `<` to `>`) keeps its attributes in.
pub const MAX_TAG_BYTES: usize = 8 << 10;

/// The page with every overlong tag cut down to its name, in one pass.
pub fn bound_tags(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let lt = i + off;
        let name_start = if bytes.get(lt + 1) == Some(&b'/') { lt + 2 } else { lt + 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let name_end =
            bytes[name_start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |p| name_start + p);
        let Some(gt) = tag_end(bytes, name_end) else { break }; // no tag ends after here
        if gt - lt > MAX_TAG_BYTES {
            let text = out.get_or_insert_with(|| String::with_capacity(html.len()));
            text.push_str(&html[copied..name_end]);
            text.push('>');
            copied = gt + 1;
        }
        i = gt + 1;
    }
    match out {
        Some(mut text) => {
            text.push_str(&html[copied..]);
            Cow::Owned(text)
        }
        None => Cow::Borrowed(html),
    }
}

/// The `>` that ends a tag whose attributes start at `from`: quoted values may hold `>`.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i),
            b'=' => {
                let mut j = i + 1;
                while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                    j += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(j) {
                    let close = bytes[j + 1..].iter().position(|&b| b == q)?;
                    i = j + 1 + close;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_overlong_tags_lose_their_attributes() {
        let page = "<p class=\"a>b\">正文 1<2</p>";
        assert_eq!(bound_tags(page), page);
        let many: String = (0..5000).map(|i| format!(" a{i}=\"v\"")).collect();
        let page = format!("<html><body><div{many}><p>镇政府工作报告</p></div></body></html>");
        assert_eq!(bound_tags(&page), "<html><body><div><p>镇政府工作报告</p></div></body></html>");
    }
}
