//! Server text made safe for a terminal: no control, bidi-override or zero-width character reaches it.
//!
//! Everything the API sends is untrusted. An escape sequence in a customer's name could set the
//! terminal's title or write the clipboard (OSC 52); a bidi override could make `refund` read as
//! something else; a zero-width space could hide one word inside another. Human views and stderr
//! pass all server text through here; TSV escapes instead (see `tsv.rs`), JSON keeps it whole.

use std::borrow::Cow;

/// Characters that change how neighbouring text is ordered or hide themselves: bidi embeddings,
/// overrides and isolates, zero-width spaces and joiners, the word joiner family and the BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn needs_cleaning(c: char, keep_newlines: bool) -> bool {
    (c.is_control() && !(keep_newlines && c == '\n'))
        || (c.is_whitespace() && c != ' ' && !(keep_newlines && c == '\n'))
        || is_invisible(c)
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_cleaning(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            '\n' if keep_newlines => Some('\n'),
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() || is_invisible(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}

/// Text for a terminal, lines kept: control (C0, DEL, C1), bidi and zero-width characters are
/// dropped, other white space (tabs, `\r`, line separators) becomes a space.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

/// As [`printable`], on one line: line breaks become spaces too.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let cases = [
            ("a\u{1b}[31mred\u{7}\tb\nc", "a[31mred b\nc"),
            ("clip\u{1b}]52;c;aGk=\u{7}board", "clip]52;c;aGk=board"),
            ("c1\u{9b}2J csi", "c12J csi"),
            ("del\u{7f}ete", "delete"),
            ("back\u{8}space", "backspace"),
            ("plain text", "plain text"),
        ];
        for (raw, shown) in cases {
            assert_eq!(printable(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_neutralised() {
        let cases = [
            ("\u{202e}dnufer", "dnufer"),
            ("pay\u{200b}pal", "paypal"),
            ("a\u{2066}b\u{2069}c", "abc"),
            ("\u{feff}bom", "bom"),
            ("日本語 ok", "日本語 ok"),
        ];
        for (raw, shown) in cases {
            assert_eq!(printable(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn one_line_folds_line_breaks() {
        assert_eq!(one_line("a\nb\r\nc\u{2028}d"), "a b  c d");
        assert!(matches!(one_line("fine"), Cow::Borrowed(_)));
    }
}
