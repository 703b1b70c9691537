//! How conversations look: the `list` rows in every format, and the `get` header, participants and transcript.

use std::io::Write;

use jiff::Timestamp;

use super::json::{self, ArrayWriter};
use super::{OutputFormat, from_json_error, table, time, tsv};
use crate::api::models::{Conversation, ConversationSummary};
use crate::error::Result;

/// Settings every view needs, decided once by the command from the context.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub format: OutputFormat,
    /// Pretty JSON (on a terminal) or one compact value a line (in a pipe).
    pub pretty: bool,
    pub width: usize,
    pub now: Timestamp,
}

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

fn number_text(value: Option<i64>) -> String {
    value.map_or_else(|| "-".into(), |n| n.to_string())
}

/// TSV columns: uuid, last activity (RFC 3339), from, last message, messages, unread, medium, closed.
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

/// The `list` table, with the last message cut so each row fits the width.
pub fn summary_table(summaries: &[ConversationSummary], width: usize, now: Timestamp) -> String {
    let header = [
        "UUID",
        "WHEN",
        "FROM",
        "LAST MESSAGE",
        "MSGS",
        "UNREAD",
        "MEDIUM",
    ];
    let cells: Vec<[String; 7]> = summaries
        .iter()
        .map(|s| {
            [
                s.uuid().unwrap_or("-").to_string(),
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
        })
        .collect();
    const MESSAGE: usize = 3;
    let widest = |column: usize| {
        cells
            .iter()
            .map(|row| table::width(&row[column]))
            .chain([table::width(header[column])])
            .max()
            .unwrap_or(0)
    };
    let others: usize = (0..header.len())
        .filter(|&c| c != MESSAGE)
        .map(|c| widest(c) + 2)
        .sum();
    let message_width = width.saturating_sub(others).max(12);
    let rows = cells
        .into_iter()
        .map(|mut row| {
            row[MESSAGE] = table::truncate(&row[MESSAGE], message_width);
            row.to_vec()
        })
        .collect();
    table::render(&header, rows, &[4])
}

/// Writes `list` output page by page. JSON, JSONL and TSV stream as pages arrive; the table waits
/// for all rows so its columns line up.
pub enum ListWriter<W: Write> {
    Table {
        out: W,
        rows: Vec<ConversationSummary>,
        view: View,
    },
    Tsv(W),
    Json(ArrayWriter<W>),
    Jsonl(W),
}

impl<W: Write> ListWriter<W> {
    pub fn new(out: W, view: View) -> Self {
        match view.format {
            OutputFormat::Table => ListWriter::Table {
                out,
                rows: Vec::new(),
                view,
            },
            OutputFormat::Tsv => ListWriter::Tsv(out),
            OutputFormat::Json => ListWriter::Json(ArrayWriter::new(out, view.pretty)),
            OutputFormat::Jsonl => ListWriter::Jsonl(out),
        }
    }

    pub fn write_page(&mut self, page: &[ConversationSummary]) -> Result<()> {
        match self {
            ListWriter::Table { rows, .. } => rows.extend_from_slice(page),
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
            ListWriter::Jsonl(out) => {
                for summary in page {
                    serde_json::to_writer(&mut *out, summary).map_err(from_json_error)?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self {
            ListWriter::Table {
                mut out,
                rows,
                view,
            } => {
                if !rows.is_empty() {
                    out.write_all(summary_table(&rows, view.width, view.now).as_bytes())?;
                }
                out.flush()?;
            }
            ListWriter::Tsv(mut out) | ListWriter::Jsonl(mut out) => out.flush()?,
            ListWriter::Json(array) => array.finish()?,
        }
        Ok(())
    }
}

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "-".into(),
    }
}

/// `get` for people: header, participants table, transcript with bodies wrapped to the width.
pub fn detail_text(conversation: &Conversation, width: usize, now: Timestamp) -> String {
    let started = conversation.text("start_dts");
    let started = match started.and_then(time::parse) {
        Some(at) => format!("{} ({})", time::local(at), time::relative(at, now)),
        None => started.unwrap_or("-").to_string(),
    };
    let messages = conversation.messages();
    let mut out = table::key_values(&[
        (
            "Conversation",
            conversation.str("conversation_uuid").unwrap_or("-").into(),
        ),
        ("Medium", conversation.str("medium").unwrap_or("-").into()),
        ("Started", started),
        ("Closed", yes_no(conversation.bool("closed"))),
        ("Unread", yes_no(conversation.bool("unread_messages"))),
        (
            "Messages",
            number_text(
                conversation
                    .int("message_count")
                    .or(Some(messages.len() as i64)),
            ),
        ),
    ]);

    let participants: Vec<Vec<String>> = conversation
        .participants()
        .iter()
        .map(|p| {
            vec![
                p.text("conversation_participant_name")
                    .unwrap_or("-")
                    .into(),
                p.text("status").unwrap_or("-").into(),
                time::local_text(p.text("joined_dts")),
                time::local_text(p.text("left_dts")),
            ]
        })
        .collect();
    if !participants.is_empty() {
        out.push_str("\nParticipants\n");
        out.push_str(&table::render(
            &["NAME", "STATUS", "JOINED", "LEFT"],
            participants,
            &[],
        ));
    }

    out.push_str("\nTranscript\n");
    if messages.is_empty() {
        out.push_str("(no messages)\n");
    }
    let body_width = width.saturating_sub(4).max(20);
    for message in &messages {
        let author = message
            .text("author_conversation_participant_name")
            .or_else(|| message.text("author_conversation_participant_arn"))
            .unwrap_or("unknown");
        let kind = message
            .text("type")
            .filter(|t| *t != "message")
            .map(|t| format!("  [{t}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}  {author}{kind}\n",
            time::local_text(message.text("message_dts"))
        ));
        for line in textwrap::wrap(message.str("body").unwrap_or_default(), body_width) {
            out.push_str(&format!("    {line}\n"));
        }
        for url in message.strings("media_urls") {
            out.push_str(&format!("    media: {url}\n"));
        }
    }
    out
}

/// `get` as TSV: one line per message: time (RFC 3339), author, type, body, media URLs (space-separated).
pub fn detail_tsv(conversation: &Conversation) -> String {
    conversation
        .messages()
        .iter()
        .map(|m| {
            tsv::line(&[
                time::rfc3339_text(m.text("message_dts")),
                m.str("author_conversation_participant_name")
                    .unwrap_or_default()
                    .to_string(),
                m.str("type").unwrap_or_default().to_string(),
                m.str("body").unwrap_or_default().to_string(),
                m.strings("media_urls").join(" "),
            ])
        })
        .collect()
}

/// `get` in the chosen format.
pub fn write_detail<W: Write>(out: &mut W, conversation: &Conversation, view: View) -> Result<()> {
    match view.format {
        OutputFormat::Table => {
            out.write_all(detail_text(conversation, view.width, view.now).as_bytes())?
        }
        OutputFormat::Tsv => out.write_all(detail_tsv(conversation).as_bytes())?,
        OutputFormat::Json => json::write_value(out, conversation, view.pretty)?,
        OutputFormat::Jsonl => json::write_value(out, conversation, false)?,
    }
    out.flush()?;
    Ok(())
}
