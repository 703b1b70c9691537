//! Tab-separated lines for scripts: no header, one record a line, every control character escaped.
//!
//! The escapes, reversible because a backslash is escaped too: `\\` backslash, `\t` tab, `\n` line
//! feed, `\r` carriage return, and `\xHH` for the character U+00HH when it is any other control
//! character (C0, DEL, C1). Nothing else is changed, so a field never carries an escape sequence
//! to a terminal and never breaks the line or the columns.

use std::fmt::Write;

/// Escapes one field.
pub(crate) fn field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Joins escaped fields with tabs and ends the line.
pub(crate) fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join("\t");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inverse of [`field`], to prove the escapes lose nothing.
    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('x') => {
                    let hex: String = chars.by_ref().take(2).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        out
    }

    #[test]
    fn escapes_separators() {
        assert_eq!(line(&["a\tb", "c\nd", "e\\f"]), "a\\tb\tc\\nd\te\\\\f\n");
    }

    #[test]
    fn tsv_escapes_every_control_character_reversibly() {
        let hostile =
            "osc\u{1b}]52;c;aGk=\u{7} del\u{7f} c1\u{9b}2J nul\u{0} bs\u{8} \\x1b literal";
        let escaped = field(hostile);
        assert!(!escaped.chars().any(|c| c.is_control()), "{escaped:?}");
        assert!(
            escaped.contains("\\x1b]52") && escaped.contains("\\x9b"),
            "{escaped}"
        );
        assert_eq!(unescape(&escaped), hostile);
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(unescape(&field(&text)), text, "{c:?}");
        }
    }
}
