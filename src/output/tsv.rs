//! Tab-separated lines for scripts: no header, one record a line, tabs and newlines escaped.

/// Escapes what would break a TSV line: backslash, tab, newline, carriage return.
pub fn field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Joins escaped fields with tabs and ends the line.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
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
    #[test]
    fn escapes_separators() {
        assert_eq!(
            super::line(&["a\tb", "c\nd", "e\\f"]),
            "a\\tb\tc\\nd\te\\\\f\n"
        );
    }
}
