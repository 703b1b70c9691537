//! How `list` looks: one row per conversation summary as a table, TSV, JSON or JSON Lines, streamed
//! page by page; and the lines of the conversation picker.

use std::io::Write;
use std::rc::Rc;

use jiff::Timestamp;

use super::jq::Jq;
use super::json::ArrayWriter;
use super::{OutputFormat, Palette, View, from_json_error, number_text, table, time, tsv};
use crate::api::models::ConversationSummary;
use crate::error::Result;

const FROM_WIDTH: usize = 24;

/// Who the conversation is with: the first participant (the one who opened it), else the last author.
fn counterpart(summary: &ConversationSummary) -> String {
    summary
        .objects("participants")
        .first()
        .and_then(|p| {
            p.text("conversation_participant_name")
                .or_else(|| p.text("sms_phone_number"))
                .or_else(|| p.text("email"))
                .map(str::to_string)
        })
        .or_else(|| {
            summary
                .text("last_conversation_participant_name")
                .map(str::to_string)
        })
        .unwrap_or_else(|| "-".into())
}

fn last_activity(summary: &ConversationSummary) -> Option<&str> {
    summary
        .text("last_message_dts")
        .or_else(|| summary.text("start_dts"))
}

pub fn summary_tsv(summary: &ConversationSummary) -> String {
    let flag = |key| summary.bool(key).map_or(String::new(), |b| b.to_string());
    tsv::line(&[
        summary.uuid().unwrap_or_default().to_string(),
        time::rfc3339_text(last_activity(summary)),
        counterpart(summary),
        summary
            .str("last_conversation_message_body")
            .unwrap_or_default()
            .to_string(),
        summary
            .int("message_count")
            .map_or(String::new(), |n| n.to_string()),
        flag("unread_messages"),
        summary.str("medium").unwrap_or_default().to_string(),
        flag("closed"),
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

fn summary_cells(s: &ConversationSummary, now: Timestamp) -> Vec<String> {
    vec![
        s.uuid().unwrap_or_else(|| "-".into()),
        time::relative_text(last_activity(s), now),
        table::truncate(&counterpart(s), FROM_WIDTH),
        s.str("last_conversation_message_body")
            .unwrap_or_default()
            .to_string(),
        number_text(s.int("message_count")),
        if s.bool("unread_messages") == Some(true) {
            "yes"
        } else {
            ""
        }
        .to_string(),
        s.str("medium").unwrap_or("-").to_string(),
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
    summaries: &[ConversationSummary],
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
            let summary = &summaries[index - skip];
            if summary.bool("unread_messages") == Some(true) {
                palette.strong.apply_to(line).to_string()
            } else if summary.bool("closed") == Some(true) {
                palette.faint.apply_to(line).to_string()
            } else {
                line
            }
        })
        .collect()
}

/// One line per conversation for the picker: unread marker, when, who, last message.
pub fn picker_items(summaries: &[ConversationSummary], view: &View) -> Vec<String> {
    summaries
        .iter()
        .map(|s| {
            let marker = if s.bool("unread_messages") == Some(true) {
                "●"
            } else {
                " "
            };
            let when = time::relative_text(last_activity(s), view.now);
            let who = table::truncate(&counterpart(s), 20);
            let line = format!(
                "{marker} {when:>8}  {who:<20}  {}",
                s.str("last_conversation_message_body").unwrap_or_default()
            );
            table::truncate(&line, view.width.saturating_sub(4).max(30))
        })
        .collect()
}

/// Writes `list` output page by page, as each page arrives: every format streams. The table
/// takes its column widths from the first page and keeps them, so later pages line up.
pub enum ListWriter<W: Write> {
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
        items: Vec<ConversationSummary>,
    },
    /// JSON Lines: one object a line, each through `--jq` when given (streams either way).
    Jsonl(W, Option<Rc<Jq>>),
}

impl<W: Write> ListWriter<W> {
    pub fn new(out: W, view: &View) -> Self {
        match (view.format, view.jq.clone()) {
            (OutputFormat::Table, _) => ListWriter::Table {
                out,
                widths: None,
                view: view.clone(),
            },
            (OutputFormat::Tsv, _) => ListWriter::Tsv(out),
            (OutputFormat::Json, None) => ListWriter::Json(ArrayWriter::new(out, view.pretty)),
            (OutputFormat::Json, Some(jq)) => ListWriter::JsonJq {
                out,
                jq,
                items: Vec::new(),
            },
            (OutputFormat::Jsonl, jq) => ListWriter::Jsonl(out, jq),
        }
    }

    pub fn write_page(&mut self, page: &[ConversationSummary]) -> Result<()> {
        match self {
            ListWriter::Table { out, widths, view } => {
                if page.is_empty() {
                    return Ok(());
                }
                let first = widths.is_none();
                let pinned = widths.get_or_insert_with(|| {
                    let cells: Vec<Vec<String>> =
                        page.iter().map(|s| summary_cells(s, view.now)).collect();
                    summary_widths(&cells, view.width)
                });
                out.write_all(table::join(&summary_lines(page, pinned, first, view)).as_bytes())?;
                out.flush()?;
            }
            ListWriter::Tsv(out) => {
                for summary in page {
                    out.write_all(summary_tsv(summary).as_bytes())?;
                }
                out.flush()?;
            }
            ListWriter::Json(array) => {
                for summary in page {
                    array.push(summary)?;
                }
                array.flush()?;
            }
            ListWriter::JsonJq { items, .. } => items.extend_from_slice(page),
            ListWriter::Jsonl(out, jq) => {
                for summary in page {
                    match jq {
                        Some(jq) => jq.run(summary, out)?,
                        None => {
                            serde_json::to_writer(&mut *out, summary).map_err(from_json_error)?;
                            out.write_all(b"\n")?;
                        }
                    }
                }
                out.flush()?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self {
            ListWriter::Table { mut out, .. }
            | ListWriter::Tsv(mut out)
            | ListWriter::Jsonl(mut out, _) => out.flush()?,
            ListWriter::JsonJq { mut out, jq, items } => jq.run(&items, &mut out)?,
            ListWriter::Json(array) => array.finish()?,
        }
        Ok(())
    }
}
