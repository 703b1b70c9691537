//! How `list` looks: one row per conversation summary as a table, TSV, JSON or JSON Lines, streamed
//! page by page; and the lines of the conversation picker.

use std::io::Write;
use std::rc::Rc;

use jiff::Timestamp;

use super::jq::Jq;
use super::json::{self, ArrayWriter};
use super::{OutputFormat, Palette, View, number_text, table, time, tsv};
use crate::api::models::{Summary, SummaryFields};
use crate::api::wire::SummaryRow;
use crate::error::Result;

const FROM_WIDTH: usize = 24;
/// A uuid is 36 characters; anything longer is cut in the table (TSV and JSON keep it whole).
const UUID_WIDTH: usize = 40;

/// Who the conversation is with: the first participant (the one who opened it), else the last author.
fn counterpart(summary: &Summary) -> String {
    summary
        .participants()
        .first()
        .and_then(|p| p.label().map(str::to_string))
        .or_else(|| summary.last_author_name().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

pub(crate) fn summary_tsv(summary: &Summary) -> String {
    let flag = |value: Option<bool>| value.map_or(String::new(), |b| b.to_string());
    tsv::line(&[
        summary.uuid().unwrap_or_default().to_string(),
        time::rfc3339_text(summary.last_activity()),
        counterpart(summary),
        summary.last_message_body().unwrap_or_default().to_string(),
        summary
            .message_count()
            .map_or(String::new(), |n| n.to_string()),
        flag(summary.unread()),
        summary.medium().unwrap_or_default().to_string(),
        flag(summary.closed()),
    ])
}

const HEADER: [&str; 7] = [
    "UUID",
    "WHEN",
    "FROM",
    "LAST MESSAGE",
    "MSGS",
    "UNREAD",
    "MEDIUM",
];
const MESSAGE: usize = 3;
const MSGS: usize = 4;

fn summary_cells(s: &Summary, now: Timestamp) -> Vec<String> {
    vec![
        table::truncate(s.uuid().unwrap_or("-"), UUID_WIDTH),
        time::relative_text(s.last_activity(), now),
        table::truncate(&counterpart(s), FROM_WIDTH),
        table::truncate(s.last_message_body().unwrap_or_default(), table::MAX_CELL),
        number_text(s.message_count()),
        if s.unread() == Some(true) { "yes" } else { "" }.to_string(),
        table::truncate(s.medium().unwrap_or("-"), 20),
    ]
}

/// Column widths from the first page: each column as wide as its widest cell, and the last
/// message taking what is left of the terminal width.
fn summary_widths(rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let mut widths = table::measure(&HEADER, rows);
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|&(c, _)| c != MESSAGE)
        .map(|(_, w)| w + 2)
        .sum();
    widths[MESSAGE] = width.saturating_sub(others + 2).max(12);
    widths
}

/// Table lines for one page: cells cut to the pinned widths, unread rows bold, closed ones dim.
fn summary_lines(
    summaries: &[&Summary],
    widths: &[usize],
    header: bool,
    view: &View,
) -> Vec<String> {
    let palette = Palette::new(view.color);
    let rows: Vec<Vec<String>> = summaries
        .iter()
        .map(|s| {
            summary_cells(s, view.now)
                .iter()
                .zip(widths)
                .map(|(cell, &w)| table::truncate(cell, w))
                .collect()
        })
        .collect();
    let header_row = header.then_some(&HEADER[..]);
    let lines = table::render(header_row, rows, Some(widths), &[MSGS]);
    let skip = usize::from(header);
    lines
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            if index < skip {
                return palette.heading.apply_to(line).to_string();
            }
            let summary = summaries[index - skip];
            if summary.unread() == Some(true) {
                palette.strong.apply_to(line).to_string()
            } else if summary.closed() == Some(true) {
                palette.faint.apply_to(line).to_string()
            } else {
                line
            }
        })
        .collect()
}

/// One line per conversation for the picker: unread marker, when, who, last message.
pub fn picker_items(summaries: &[&Summary], view: &View) -> Vec<String> {
    summaries
        .iter()
        .map(|s| {
            let marker = if s.unread() == Some(true) { "●" } else { " " };
            let when = time::relative_text(s.last_activity(), view.now);
            let who = table::truncate(&counterpart(s), 20);
            let message = table::truncate(s.last_message_body().unwrap_or_default(), 200);
            let line = format!("{marker} {when:>8}  {who:<20}  {message}");
            table::truncate(&line, view.width.saturating_sub(4).max(30))
        })
        .collect()
}

/// Writes `list` output page by page, as each page arrives: every format streams. The table
/// takes its column widths from the first page and keeps them, so later pages line up.
pub struct ListWriter<W: Write>(Writer<W>);

enum Writer<W: Write> {
    Table {
        out: W,
        widths: Option<Vec<usize>>,
        view: View,
    },
    Tsv(W),
    Json(ArrayWriter<W>),
    /// `--jq` sees the whole array, so it must wait for every page.
    JsonJq {
        out: W,
        jq: Rc<Jq>,
        items: Vec<SummaryRow>,
    },
    /// JSON Lines: one object a line, each through `--jq` when given (streams either way).
    Jsonl(W, Option<Rc<Jq>>),
}

impl<W: Write> ListWriter<W> {
    pub fn new(out: W, view: &View) -> Self {
        ListWriter(match (view.format, view.jq.clone()) {
            (OutputFormat::Table, _) => Writer::Table {
                out,
                widths: None,
                view: view.clone(),
            },
            (OutputFormat::Tsv, _) => Writer::Tsv(out),
            (OutputFormat::Json, None) => Writer::Json(ArrayWriter::new(out, view.pretty)),
            (OutputFormat::Json, Some(jq)) => Writer::JsonJq {
                out,
                jq,
                items: Vec::new(),
            },
            (OutputFormat::Jsonl, jq) => Writer::Jsonl(out, jq),
        })
    }

    pub fn write_page(&mut self, page: &[SummaryRow]) -> Result<()> {
        match &mut self.0 {
            Writer::Table { out, widths, view } => {
                if page.is_empty() {
                    return Ok(());
                }
                let summaries = page
                    .iter()
                    .map(SummaryRow::read)
                    .collect::<Result<Vec<_>>>()?;
                let first = widths.is_none();
                let pinned = widths.get_or_insert_with(|| {
                    let cells: Vec<Vec<String>> = summaries
                        .iter()
                        .map(|s| summary_cells(s, view.now))
                        .collect();
                    summary_widths(&cells, view.width)
                });
                let lines = summary_lines(&summaries, pinned, first, view);
                out.write_all(table::join(&lines).as_bytes())?;
                out.flush()?;
            }
            Writer::Tsv(out) => {
                for row in page {
                    out.write_all(summary_tsv(row.read()?).as_bytes())?;
                }
                out.flush()?;
            }
            Writer::Json(array) => {
                for summary in page {
                    array.push(summary)?;
                }
                array.flush()?;
            }
            Writer::JsonJq { items, .. } => items.extend_from_slice(page),
            Writer::Jsonl(out, jq) => {
                for row in page {
                    match jq {
                        Some(jq) => jq.run(row, out)?,
                        None => json::write_line(out, row)?,
                    }
                }
                out.flush()?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self.0 {
            Writer::Table { mut out, .. } | Writer::Tsv(mut out) | Writer::Jsonl(mut out, _) => {
                out.flush()?
            }
            Writer::JsonJq { mut out, jq, items } => jq.run(&items, &mut out)?,
            Writer::Json(array) => array.finish()?,
        }
        Ok(())
    }
}
