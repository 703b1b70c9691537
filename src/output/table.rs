//! Borderless, gh-style tables and aligned key/value blocks, sized in display columns.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns separated by two spaces, no borders; `right` lists the columns to right-align.
pub fn render(header: &[&str], rows: Vec<Vec<String>>, right: &[usize]) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for row in rows {
        table.add_row(row);
    }
    let last = header.len().saturating_sub(1);
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if index == last { 0 } else { 2 }));
        if right.contains(&index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// One line of at most `max` columns: line breaks become spaces, and a cut ends in `…`.
pub fn truncate(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if width(&flat) <= max {
        return flat;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `Label   value` lines with the values aligned.
pub fn key_values(pairs: &[(&str, String)]) -> String {
    let label_width = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(key, value)| {
            let pad = label_width - width(key);
            format!("{key}{}  {value}\n", " ".repeat(pad))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("hello world", 20), "hello world");
        assert_eq!(truncate("hello\nworld", 20), "hello world");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(width(&truncate("日本語のテキスト", 7)), 7);
    }

    #[test]
    fn tables_align_without_trailing_spaces() {
        let text = render(
            &["NAME", "N"],
            vec![
                vec!["a".into(), "10".into()],
                vec!["bbb".into(), "2".into()],
            ],
            &[1],
        );
        assert_eq!(text, "NAME   N\na     10\nbbb    2\n");
    }
}
