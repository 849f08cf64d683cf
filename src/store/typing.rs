//! The SQLite 3.25 typing form of a view, produced from the plain SQL under `sql/` (build.rs
//! includes this file, so the installed views and the tests use the one rewrite).
//!
//! BI tools read a view column's declared type, but SQLite before 3.42 (Metabase's bundled 3.25,
//! the stock 3.40 shell) declares one only for a column read straight from a table, not for an
//! expression, even a CAST. It does declare one for a scalar subquery, taken from its last
//! SELECT's column. So a view file writes a computed column plainly,
//!   `CAST(expr AS INTEGER) AS name`
//! and the installed view holds
//!   `(SELECT CAST(expr AS INTEGER) UNION ALL SELECT as_integer FROM view_column_types WHERE 0) AS name`
//! where view_column_types (migration V5) is an empty table with the typed columns as_integer,
//! as_real and as_text: the value is expr's (the first row), the declared type is the second arm's,
//! which is taken from the CAST itself, so the two cannot disagree. A subquery per column keeps the
//! view a plain SELECT that queries on it can flatten.

/// The types a view column may be cast to, with the column of view_column_types declaring each.
const TYPES: [(&str, &str); 3] = [("INTEGER", "as_integer"), ("REAL", "as_real"), ("TEXT", "as_text")];

/// Rewrites every `CAST(expr AS T) AS name` of a view (T one of INTEGER, REAL, TEXT) into its
/// typing form; every other part of the text, comments included, is kept as written.
pub fn typed(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 1024);
    let mut rest = sql;
    while let Some(at) = find_cast(rest) {
        out.push_str(&rest[..at]);
        let cast = &rest[at..];
        match closing_paren(cast).and_then(|end| column_type(&cast[..=end]).map(|arm| (end, arm))) {
            Some((end, arm)) if is_followed_by_alias(&cast[end + 1..]) => {
                out.push_str(&format!(
                    "(SELECT {} UNION ALL SELECT {arm} FROM view_column_types WHERE 0)",
                    &cast[..=end]
                ));
                rest = &cast[end + 1..];
            }
            _ => {
                out.push_str("CAST(");
                rest = &cast["CAST(".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of the next `CAST(` that starts a word, outside comments and string literals.
fn find_cast(sql: &str) -> Option<usize> {
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => i = skip_string(bytes, i),
            b'-' if bytes.get(i + 1) == Some(&b'-') => i = skip_line(bytes, i),
            b'C' if sql[i..].starts_with("CAST(")
                && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) =>
            {
                return Some(i)
            }
            _ => i += 1,
        }
    }
    None
}

/// The offset of the parenthesis closing the one opened by `CAST(` at the start of `cast`.
fn closing_paren(cast: &str) -> Option<usize> {
    let bytes = cast.as_bytes();
    let mut depth = 0usize;
    let mut i = "CAST".len();
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => {
                i = skip_string(bytes, i);
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = skip_line(bytes, i);
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The column of view_column_types that declares the type `CAST(... AS T)` casts to.
fn column_type(cast: &str) -> Option<&'static str> {
    let inner = cast.strip_suffix(')')?.trim_end();
    TYPES.iter().find_map(|(t, arm)| {
        let before = inner.strip_suffix(t)?;
        before.ends_with(char::is_whitespace).then_some(()).and(before.trim_end().strip_suffix("AS")).map(|_| *arm)
    })
}

/// Whether a select-list alias (`AS name`) comes next.
fn is_followed_by_alias(after: &str) -> bool {
    let after = after.trim_start();
    after.strip_prefix("AS").is_some_and(|r| r.starts_with(char::is_whitespace))
}

fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    i
}

fn skip_line(bytes: &[u8], start: usize) -> usize {
    bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| start + p + 1)
}

#[cfg(test)]
mod tests {
    use super::typed;

    #[test]
    fn a_cast_with_an_alias_takes_the_arm_of_its_own_type() {
        let got = typed("SELECT CAST(coalesce(n, 0) AS INTEGER) AS count, CAST(2.5 AS REAL) AS r FROM t");
        assert_eq!(
            got,
            "SELECT (SELECT CAST(coalesce(n, 0) AS INTEGER) UNION ALL SELECT as_integer FROM view_column_types \
             WHERE 0) AS count, (SELECT CAST(2.5 AS REAL) UNION ALL SELECT as_real FROM view_column_types WHERE 0) \
             AS r FROM t"
        );
    }

    #[test]
    fn nested_parentheses_strings_and_line_breaks_stay_inside_the_cast() {
        let sql = "CAST(CASE WHEN y IS NOT NULL\n    THEN printf('%04d-01-01)', y) END AS TEXT) AS y_start";
        let got = typed(sql);
        assert!(got.starts_with("(SELECT CAST(CASE WHEN y IS NOT NULL\n"), "{got}");
        assert!(
            got.ends_with("END AS TEXT) UNION ALL SELECT as_text FROM view_column_types WHERE 0) AS y_start"),
            "{got}"
        );
    }

    #[test]
    fn casts_without_an_alias_in_comments_or_of_other_types_are_left_alone() {
        for sql in [
            "SELECT CAST(x AS TEXT) || 'a' AS s",
            "-- CAST(x AS TEXT) AS s\nSELECT 1",
            "SELECT CAST(x AS NUMERIC) AS n",
            "SELECT 'CAST(x AS TEXT) AS s'",
            "SELECT BROADCAST(x AS TEXT) AS s",
        ] {
            assert_eq!(typed(sql), sql);
        }
    }
}
