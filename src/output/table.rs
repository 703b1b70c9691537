//! Borderless, gh-style tables and aligned key/value blocks, sized in display columns.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::text;

const GAP: u16 = 2;
/// No cell is wider than this: comfy-table measures in 16 bits (a 65,536-column cell panics), and
/// no terminal shows more anyway.
pub(crate) const MAX_CELL: usize = 1_000;
/// The longest value a key/value block shows whole.
const MAX_VALUE: usize = 10_000;

/// Columns separated by two spaces, no borders, one string a line without trailing spaces.
/// `widths` pins each column's width, so tables printed page by page line up; `right` lists
/// the columns to right-align.
pub(crate) fn render(
    header: Option<&[&str]>,
    rows: Vec<Vec<String>>,
    widths: Option<&[usize]>,
    right: &[usize],
) -> Vec<String> {
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if let Some(header) = header {
        table.set_header(
            header
                .iter()
                .enumerate()
                .map(|(column, h)| pad(h, widths, column, right))
                .collect::<Vec<_>>(),
        );
    }
    for row in rows {
        // Pinned widths are met by padding, not by comfy-table's constraints, which would wrap a
        // cell it measures wider than we do and so break one row into two lines.
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                let cell = if width(cell) > MAX_CELL {
                    truncate(cell, MAX_CELL)
                } else {
                    cell.clone()
                };
                pad(&cell, widths, column, right)
            })
            .collect();
        table.add_row(cells);
    }
    let columns = table.column_count();
    for (index, column) in table.column_iter_mut().enumerate() {
        let gap = if index + 1 == columns { 0 } else { GAP };
        column.set_padding((0, gap));
        if right.contains(&index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

fn pad(cell: &str, widths: Option<&[usize]>, column: usize, right: &[usize]) -> String {
    let Some(&target) = widths.and_then(|w| w.get(column)) else {
        return cell.to_string();
    };
    let target = target.min(MAX_CELL);
    let fill = " ".repeat(target.saturating_sub(width(cell)));
    if right.contains(&column) {
        format!("{fill}{cell}")
    } else {
        format!("{cell}{fill}")
    }
}

/// Lines joined, each ending in a newline.
pub(crate) fn join(lines: &[String]) -> String {
    lines.iter().flat_map(|l| [l.as_str(), "\n"]).collect()
}

/// The widest cell of each column, header included.
pub(crate) fn measure(header: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    (0..header.len())
        .map(|column| {
            rows.iter()
                .filter_map(|row| row.get(column))
                .map(|cell| width(cell).min(MAX_CELL))
                .chain([width(header[column])])
                .max()
                .unwrap_or(0)
        })
        .collect()
}

pub(crate) fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// One line of at most `max` columns, cleaned for the terminal: runs of white space become one
/// space, and a cut ends in `…`.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let flat: String = text::one_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
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
    // "the …" reads worse than "the…".
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `Label   value` lines with the values aligned, each value cleaned for the terminal.
pub(crate) fn key_values(pairs: &[(&str, String)]) -> String {
    let styled: Vec<_> = pairs.iter().map(|(k, v)| (*k, v.clone(), None)).collect();
    key_values_styled(&styled)
}

/// As [`key_values`], with a style for some values, applied after cleaning (cleaning a styled
/// value would strip the escape character and print the rest of the style as text).
pub(crate) fn key_values_styled(pairs: &[(&str, String, Option<&console::Style>)]) -> String {
    let label_width = pairs.iter().map(|(k, _, _)| width(k)).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(key, value, style)| {
            let pad = label_width - width(key);
            // Long values stay whole (a JWT is copied from here), but not without bound.
            let value = if value.len() > MAX_VALUE {
                truncate(value, MAX_VALUE)
            } else {
                text::one_line(value).into_owned()
            };
            let value = match style {
                Some(style) => style.apply_to(value).to_string(),
                None => value,
            };
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
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(truncate("x\u{0}y\u{b}z", 10), "xy z");
    }

    #[test]
    fn a_cell_of_65536_characters_is_capped_not_a_panic() {
        let huge = "x".repeat(70_000);
        let lines = render(
            Some(&["A", "B"]),
            vec![vec![huge.clone(), "1".into()]],
            None,
            &[],
        );
        assert!(width(&lines[1]) <= MAX_CELL + 3, "{}", width(&lines[1]));
        let pinned = measure(&["A"], &[vec![huge]]);
        assert_eq!(pinned, [MAX_CELL]);
    }

    #[test]
    fn tables_align_without_trailing_spaces() {
        let rows = || {
            vec![
                vec!["a".into(), "10".into()],
                vec!["bbb".into(), "2".into()],
            ]
        };
        let text = join(&render(Some(&["NAME", "N"]), rows(), None, &[1]));
        assert_eq!(text, "NAME   N\na     10\nbbb    2\n");
        let pinned = join(&render(None, rows(), Some(&[5, 3]), &[1]));
        assert_eq!(pinned, "a       10\nbbb      2\n");
    }
}
