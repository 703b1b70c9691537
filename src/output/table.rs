//! gh-style tables that fit the terminal, and aligned key/value blocks, sized in display columns.
//!
//! Every table in ucconv goes through [`Table::fit`]: columns take their natural width up to a cap;
//! when the row is too wide for the terminal, optional columns are dropped, in their order, before
//! the flexible column (the text people read, such as a last message) shrinks below its minimum;
//! then the widest columns give way. So no row ever wraps, at 40 columns or at 200, and no row is
//! padded past its text. Rendering is ours too: comfy-table measured widths in 16 bits (a
//! 65,536-column cell panicked) and cost most of the table's time, for padding we do anyway.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::text;

const GAP: usize = 2;
/// No cell is wider than this, whatever the terminal.
pub(crate) const MAX_CELL: usize = 1_000;
/// The longest value a key/value block shows whole.
const MAX_VALUE: usize = 10_000;

/// How one column behaves when the terminal is narrow.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    pub(crate) header: &'static str,
    /// Never wider than this.
    pub(crate) max: usize,
    /// Never narrower than this while shown (the flexible column: the width below which other
    /// columns are dropped first).
    pub(crate) min: usize,
    /// Takes whatever width is left.
    pub(crate) flex: bool,
    /// Dropped, lowest first, before the flexible column shrinks below its minimum.
    pub(crate) drop: Option<u8>,
    pub(crate) right: bool,
}

impl Column {
    pub(crate) const fn new(header: &'static str, max: usize) -> Column {
        Column {
            header,
            max,
            min: 1,
            flex: false,
            drop: None,
            right: false,
        }
    }

    pub(crate) const fn flex(mut self, min: usize) -> Column {
        self.flex = true;
        self.min = min;
        self
    }

    pub(crate) const fn min(mut self, min: usize) -> Column {
        self.min = min;
        self
    }

    pub(crate) const fn drop(mut self, order: u8) -> Column {
        self.drop = Some(order);
        self
    }

    pub(crate) const fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// The widest cell of each column, header included, capped at [`MAX_CELL`].
fn natural(columns: &[Column], rows: &[Vec<String>]) -> Vec<usize> {
    (0..columns.len())
        .map(|c| {
            rows.iter()
                .filter_map(|row| row.get(c))
                .map(|cell| width(cell))
                .chain([width(columns[c].header)])
                .max()
                .unwrap_or(0)
                .min(MAX_CELL)
        })
        .collect()
}

/// Widths for the columns at `total` terminal columns: `None` for a dropped column.
pub(crate) fn fit(columns: &[Column], natural: &[usize], total: usize) -> Vec<Option<usize>> {
    let mut widths: Vec<Option<usize>> = columns
        .iter()
        .zip(natural)
        .map(|(column, &n)| Some(n.min(column.max).max(1)))
        .collect();
    let used = |widths: &[Option<usize>], skip_flex: bool| {
        let shown: Vec<usize> = widths
            .iter()
            .zip(columns)
            .filter(|(w, c)| w.is_some() && !(skip_flex && c.flex))
            .map(|(w, _)| w.unwrap_or(0))
            .collect();
        let count = widths.iter().filter(|w| w.is_some()).count();
        shown.iter().sum::<usize>() + GAP * count.saturating_sub(1)
    };
    let flex = columns.iter().position(|c| c.flex);
    let room_for_flex = |widths: &[Option<usize>]| total.saturating_sub(used(widths, true));
    // Drop optional columns while the flexible one would be squeezed below its minimum.
    let mut droppable: Vec<usize> = (0..columns.len())
        .filter(|&c| columns[c].drop.is_some())
        .collect();
    droppable.sort_by_key(|&c| columns[c].drop);
    for c in droppable {
        let squeezed = match flex {
            Some(f) => room_for_flex(&widths) < columns[f].min.min(natural[f]),
            None => used(&widths, false) > total,
        };
        if !squeezed {
            break;
        }
        widths[c] = None;
    }
    // Then the widest fixed columns give way, down to their minimum.
    loop {
        let over = match flex {
            Some(f) => columns[f]
                .min
                .min(natural[f])
                .saturating_sub(room_for_flex(&widths)),
            None => used(&widths, false).saturating_sub(total),
        };
        if over == 0 {
            break;
        }
        let widest = (0..columns.len())
            .filter(|&c| !columns[c].flex)
            .filter_map(|c| Some((c, widths[c]?)))
            .filter(|&(c, w)| w > columns[c].min)
            .max_by_key(|&(_, w)| w);
        let Some((c, w)) = widest else { break };
        widths[c] = Some(w - 1);
    }
    if let Some(f) = flex {
        widths[f] = Some(natural[f].min(room_for_flex(&widths)).max(1));
    }
    widths
}

/// A table laid out for one terminal width; lines come out cut and padded to it.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    columns: Vec<Column>,
    widths: Vec<Option<usize>>,
}

impl Table {
    /// Measures `rows` (usually the first page) and fits the columns to `total` columns.
    pub(crate) fn fit(columns: &[Column], rows: &[Vec<String>], total: usize) -> Table {
        let widths = fit(columns, &natural(columns, rows), total);
        Table {
            columns: columns.to_vec(),
            widths,
        }
    }

    /// The header line.
    pub(crate) fn header(&self) -> String {
        let cells: Vec<String> = self.columns.iter().map(|c| c.header.to_string()).collect();
        self.line(&cells)
    }

    /// One row: each shown cell cut to its width and padded, two spaces apart, no trailing space.
    pub(crate) fn line(&self, cells: &[String]) -> String {
        let mut out = String::new();
        let shown = self
            .columns
            .iter()
            .zip(&self.widths)
            .zip(cells)
            .filter_map(|((column, width), cell)| Some((column, (*width)?, cell)));
        for (index, (column, width, cell)) in shown.enumerate() {
            if index > 0 {
                out.push_str("  ");
            }
            let cell = truncate(cell, width);
            let fill = " ".repeat(width.saturating_sub(self::width(&cell)));
            if column.right {
                out.push_str(&fill);
                out.push_str(&cell);
            } else {
                out.push_str(&cell);
                out.push_str(&fill);
            }
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// Header and rows, each line ending in a newline.
    pub(crate) fn render(&self, rows: &[Vec<String>]) -> String {
        let mut out = self.header();
        out.push('\n');
        for row in rows {
            out.push_str(&self.line(row));
            out.push('\n');
        }
        out
    }
}

pub(crate) fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// One line of at most `max` columns, cleaned for the terminal: runs of white space become one
/// space, and a cut ends in `…`.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let clean = text::one_line(text);
    let needs_folding = clean.contains("  ") || clean.starts_with(' ') || clean.ends_with(' ');
    let flat: String = if needs_folding {
        clean.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        clean.into_owned()
    };
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
    if max > 0 {
        out.push('…');
    }
    out
}

/// `Label   value` lines with the values aligned, each value cleaned for the terminal. A value
/// that does not fit beside its label within `width` goes on the next line, indented, and is
/// never cut there (a uuid or a token is copied from here).
pub(crate) fn key_values(pairs: &[(&str, String)], width: usize) -> String {
    let styled: Vec<_> = pairs.iter().map(|(k, v)| (*k, v.clone(), None)).collect();
    key_values_styled(&styled, width)
}

/// As [`key_values`], with a style for some values, applied after cleaning (cleaning a styled
/// value would strip the escape character and print the rest of the style as text).
pub(crate) fn key_values_styled(
    pairs: &[(&str, String, Option<&console::Style>)],
    total: usize,
) -> String {
    let label_width = pairs.iter().map(|(k, _, _)| width(k)).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(key, value, style)| {
            // Long values stay whole, but not without bound.
            let value = if value.len() > MAX_VALUE {
                truncate(value, MAX_VALUE)
            } else {
                text::one_line(value).into_owned()
            };
            let beside = label_width + GAP + width(&value) <= total;
            let value = match style {
                Some(style) => style.apply_to(value).to_string(),
                None => value,
            };
            if beside {
                let pad = label_width - width(key);
                format!("{key}{}  {value}\n", " ".repeat(pad))
            } else {
                format!("{key}\n  {value}\n")
            }
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
        assert_eq!(truncate("x\u{0}y\u{b}z", 10), "xy z");
    }

    fn columns() -> [Column; 4] {
        [
            Column::new("ID", 36).min(8),
            Column::new("FROM", 24).min(6),
            Column::new("MESSAGE", MAX_CELL).flex(30),
            Column::new("MEDIUM", 10).drop(1),
        ]
    }

    #[test]
    fn fitting_table() {
        let natural = [36, 20, 200, 9];
        let cases: &[(usize, [Option<usize>; 4])] = &[
            // Wide: everything at its natural width, the message capped by what is left.
            (300, [Some(36), Some(20), Some(200), Some(9)]),
            (120, [Some(36), Some(20), Some(49), Some(9)]),
            // MEDIUM goes before the message drops under 30.
            (95, [Some(36), Some(20), Some(35), None]),
            // Then the widest fixed columns shrink.
            (70, [Some(18), Some(18), Some(30), None]),
            (40, [Some(8), Some(6), Some(22), None]),
        ];
        for (total, expected) in cases {
            let widths = fit(&columns(), &natural, *total);
            assert_eq!(&widths[..], &expected[..], "at {total}");
            let used: usize = widths.iter().flatten().sum::<usize>()
                + GAP * (widths.iter().flatten().count() - 1);
            assert!(used <= *total, "{used} > {total}");
        }
    }

    #[test]
    fn a_short_message_is_not_padded_to_the_terminal() {
        let widths = fit(&columns(), &[36, 10, 12, 6], 200);
        assert_eq!(widths[2], Some(12));
    }

    #[test]
    fn rows_never_pass_the_width_and_have_no_trailing_space() {
        let rows = vec![vec![
            "x".repeat(70_000),
            "Nora".into(),
            "a message ".repeat(30),
            "websocket".into(),
        ]];
        for total in [40, 80, 120, 200] {
            let table = Table::fit(&columns(), &rows, total);
            for line in [table.header(), table.line(&rows[0])] {
                assert!(width(&line) <= total, "{total}: {line}");
                assert_eq!(line.trim_end(), line);
            }
        }
    }

    #[test]
    fn right_aligned_columns_pad_on_the_left() {
        let cols = [Column::new("NAME", 10), Column::new("N", 5).right()];
        let rows = vec![
            vec!["a".into(), "10".into()],
            vec!["bbb".into(), "2".into()],
        ];
        let table = Table::fit(&cols, &rows, 80);
        assert_eq!(table.render(&rows), "NAME   N\na     10\nbbb    2\n");
    }
}
