//! How `list` looks: one row per conversation summary as a table, TSV, JSON or JSON Lines, streamed
//! page by page; and the lines of the conversation picker.

use std::io::Write;
use std::rc::Rc;

use jiff::Timestamp;

use super::fields::{Fields, Selected};
use super::jq::Jq;
use super::json::{self, ArrayWriter};
use super::table::{Column, Table};
use super::{OutputFormat, Palette, View, number_text, table, time, tsv};
use crate::api::models::{Summary, SummaryFields};
use crate::api::wire::SummaryRow;
use crate::error::Result;

/// The list table. Below [`WIDE_AT`] columns the ID is the shortest prefix that tells the page's
/// conversations apart (every command takes one); MEDIUM, MSGS and UNREAD go, in that order, before
/// the last message gets under 30 columns.
const COLUMNS: [Column; 7] = [
    Column::new("ID", 36).min(8),
    Column::new("WHEN", 14).min(6),
    Column::new("FROM", 24).min(8),
    Column::new("LAST MESSAGE", table::MAX_CELL).flex(30),
    Column::new("MSGS", 5).right().drop(2),
    Column::new("UNREAD", 6).drop(3),
    Column::new("MEDIUM", 10).drop(1),
];
/// From this terminal width on, whole UUIDs fit beside a readable last message.
const WIDE_AT: usize = 140;
/// The shortest short id shown.
pub(crate) const MIN_PREFIX: usize = 8;

/// The shortest prefix length that tells all `uuids` apart, at least [`MIN_PREFIX`].
pub(crate) fn unique_prefix_len(uuids: &[&str]) -> usize {
    let mut sorted: Vec<&str> = uuids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let common = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    sorted
        .windows(2)
        .map(|pair| common(pair[0], pair[1]) + 1)
        .max()
        .unwrap_or(0)
        .max(MIN_PREFIX)
}

/// Who the conversation is with: the customer, else the last author.
fn counterpart(summary: &Summary) -> String {
    summary
        .customer()
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

/// How long the customer has waited for an answer, when they are waiting.
fn waiting(s: &Summary, now: Timestamp) -> Option<String> {
    let since = time::parse(s.unanswered_since()?)?;
    Some(format!("waiting {}", time::age(since, now)))
}

/// The last message, with its author in front when it was not the customer.
fn last_message(s: &Summary) -> String {
    let body = table::truncate(s.last_message_body().unwrap_or_default(), table::MAX_CELL);
    match s.last_author_name() {
        Some(author) if s.last_message_from_staff() => {
            format!("{}: {body}", table::truncate(author, 24))
        }
        _ => body,
    }
}

fn summary_cells(s: &Summary, id_len: usize, now: Timestamp) -> Vec<String> {
    let id: String = s.uuid().unwrap_or("-").chars().take(id_len).collect();
    vec![
        table::truncate(&id, 36),
        waiting(s, now).unwrap_or_else(|| time::relative_text(s.last_activity(), now)),
        table::truncate(&counterpart(s), 24),
        last_message(s),
        number_text(s.message_count()),
        if s.unread() == Some(true) { "yes" } else { "" }.to_string(),
        table::truncate(s.medium().unwrap_or("-"), 10),
    ]
}

/// The table for a listing, fitted to the first page: later pages keep its widths, so they line up.
#[derive(Clone, Debug)]
pub(crate) struct SummaryTable {
    table: Table,
    id_len: usize,
}

impl SummaryTable {
    pub(crate) fn fit(summaries: &[&Summary], view: &View) -> SummaryTable {
        let id_len = if view.wide || view.width >= WIDE_AT {
            36
        } else {
            let uuids: Vec<&str> = summaries.iter().filter_map(|s| s.uuid()).collect();
            unique_prefix_len(&uuids)
        };
        let mut columns = COLUMNS;
        if id_len >= 36 {
            columns[0].header = "UUID";
        }
        let cells: Vec<Vec<String>> = summaries
            .iter()
            .map(|s| summary_cells(s, id_len, view.now))
            .collect();
        SummaryTable {
            table: Table::fit(&columns, &cells, view.width),
            id_len,
        }
    }

    /// Table lines: unread rows bold, closed ones dim, customers waiting for an answer highlighted.
    fn lines(&self, summaries: &[&Summary], header: bool, view: &View) -> String {
        let palette = Palette::new(view.color);
        let mut out = String::new();
        if header {
            out.push_str(&format!(
                "{}\n",
                palette.heading.apply_to(self.table.header())
            ));
        }
        for summary in summaries {
            let line = self
                .table
                .line(&summary_cells(summary, self.id_len, view.now));
            let styled = if waiting(summary, view.now).is_some() {
                palette.alert.apply_to(line).to_string()
            } else if summary.unread() == Some(true) {
                palette.strong.apply_to(line).to_string()
            } else if summary.closed() == Some(true) {
                palette.faint.apply_to(line).to_string()
            } else {
                line
            };
            out.push_str(&styled);
            out.push('\n');
        }
        out
    }
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
        table: Option<SummaryTable>,
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
    /// `--fields`: TSV and JSON Lines stream; a table or a JSON array waits for the last page.
    Fields {
        out: W,
        fields: Rc<Fields>,
        view: View,
        kept: Vec<Selected>,
    },
}

impl<W: Write> ListWriter<W> {
    pub fn new(out: W, view: &View) -> Self {
        if let Some(fields) = view.fields.clone() {
            return ListWriter(Writer::Fields {
                out,
                fields,
                view: view.clone(),
                kept: Vec::new(),
            });
        }
        ListWriter(match (view.format, view.jq.clone()) {
            (OutputFormat::Table, _) => Writer::Table {
                out,
                table: None,
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
            Writer::Table { out, table, view } => {
                if page.is_empty() {
                    return Ok(());
                }
                let summaries = page
                    .iter()
                    .map(SummaryRow::read)
                    .collect::<Result<Vec<_>>>()?;
                let first = table.is_none();
                let table = table.get_or_insert_with(|| SummaryTable::fit(&summaries, view));
                out.write_all(table.lines(&summaries, first, view).as_bytes())?;
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
            Writer::Fields {
                out,
                fields,
                view,
                kept,
            } => {
                for row in page {
                    let selected = fields.select(row)?;
                    match (view.format, &view.jq) {
                        (OutputFormat::Tsv, _) => out.write_all(selected.tsv().as_bytes())?,
                        (OutputFormat::Jsonl, Some(jq)) => jq.run(&selected, out)?,
                        (OutputFormat::Jsonl, None) => json::write_line(out, &selected)?,
                        _ => kept.push(selected),
                    }
                }
                out.flush()?;
            }
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
            Writer::Fields {
                mut out,
                fields,
                view,
                kept,
            } => {
                match view.format {
                    OutputFormat::Table if !kept.is_empty() => {
                        out.write_all(fields.table(&kept, view.width).as_bytes())?
                    }
                    OutputFormat::Json => super::write_array(&mut out, &kept, &view)?,
                    _ => {}
                }
                out.flush()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_tell_the_page_apart() {
        let cases: &[(&[&str], usize)] = &[
            (&[], MIN_PREFIX),
            (&["7e5ba615-5208", "721efaec-79ce"], MIN_PREFIX),
            (&["7e5ba615-5208", "7e5ba615-5299"], 12),
            (&["abcdefghij", "abcdefghij"], MIN_PREFIX),
        ];
        for (uuids, expected) in cases {
            assert_eq!(unique_prefix_len(uuids), *expected, "{uuids:?}");
        }
    }
}
