//! How `get` looks: the conversation's header, its participants, and the transcript with joins and
//! leaves in their place; or one TSV line per message; or the Conversation object as JSON.

use std::io::Write;

use jiff::Timestamp;

use super::{OutputFormat, Palette, View, number_text, table, time, tsv};
use crate::api::models::Conversation;
use crate::error::Result;

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "-".into(),
    }
}

/// A participant joining or leaving, placed in the transcript at its time.
struct Event {
    at: Timestamp,
    text: String,
}

fn participant_events(conversation: &Conversation) -> Vec<Event> {
    let mut events: Vec<Event> = conversation
        .participants()
        .iter()
        .flat_map(|p| {
            let name = p
                .text("conversation_participant_name")
                .or_else(|| p.text("conversation_participant_arn"))
                .unwrap_or("someone");
            [("joined_dts", "joined"), ("left_dts", "left")]
                .into_iter()
                .filter_map(|(key, verb)| {
                    let at = p.text(key).and_then(time::parse)?;
                    Some(Event {
                        at,
                        text: format!("{} {verb}", table::printable(name)),
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    events.sort_by_key(|e| e.at);
    events
}

/// `get` for people: header, participants table, then the transcript with bodies wrapped to the
/// width and joins and leaves in their place.
pub fn detail_text(conversation: &Conversation, view: &View) -> String {
    let palette = Palette::new(view.color);
    let started = conversation.text("start_dts");
    let started = match started.and_then(time::parse) {
        Some(at) => format!("{} ({})", time::local(at), time::relative(at, view.now)),
        None => started.unwrap_or("-").to_string(),
    };
    let flag = |key: &str| {
        let text = yes_no(conversation.bool(key));
        if conversation.bool(key) == Some(true) {
            palette.alert.apply_to(text).to_string()
        } else {
            text
        }
    };
    let messages = conversation.messages();
    let mut out = table::key_values(&[
        (
            "Conversation",
            conversation.str("conversation_uuid").unwrap_or("-").into(),
        ),
        ("Medium", conversation.str("medium").unwrap_or("-").into()),
        ("Started", started),
        ("Closed", flag("closed")),
        ("Unread", flag("unread_messages")),
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
                table::truncate(p.text("conversation_participant_name").unwrap_or("-"), 40),
                table::truncate(p.text("status").unwrap_or("-"), 20),
                table::truncate(&time::local_text(p.text("joined_dts")), 30),
                table::truncate(&time::local_text(p.text("left_dts")), 30),
            ]
        })
        .collect();
    if !participants.is_empty() {
        out.push_str(&format!("\n{}\n", palette.heading.apply_to("Participants")));
        let header = ["NAME", "STATUS", "JOINED", "LEFT"];
        out.push_str(&table::join(&table::render(
            Some(&header),
            participants,
            None,
            &[],
        )));
    }

    out.push_str(&format!("\n{}\n", palette.heading.apply_to("Transcript")));
    if messages.is_empty() {
        out.push_str("(no messages)\n");
    }
    let mut events = participant_events(conversation).into_iter().peekable();
    let write_event = |out: &mut String, event: Event| {
        let line = format!("{}  · {}", time::local(event.at), event.text);
        out.push_str(&format!("{}\n", palette.faint.apply_to(line)));
    };
    let body_width = view.width.saturating_sub(4).max(20);
    for message in &messages {
        let sent = message.text("message_dts");
        if let Some(at) = sent.and_then(time::parse) {
            while let Some(event) = events.next_if(|e| e.at <= at) {
                write_event(&mut out, event);
            }
        }
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
            "{}  {}{kind}\n",
            time::local_text(sent),
            palette.strong.apply_to(table::printable(author))
        ));
        let body = table::printable(message.str("body").unwrap_or_default());
        for line in textwrap::wrap(&body, body_width) {
            out.push_str(&format!("    {line}\n"));
        }
        for url in message.strings("media_urls") {
            out.push_str(&format!("    media: {}\n", table::printable(&url)));
        }
    }
    for event in events {
        write_event(&mut out, event);
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
pub fn write_detail<W: Write>(out: &mut W, conversation: &Conversation, view: &View) -> Result<()> {
    match view.format {
        OutputFormat::Table => out.write_all(detail_text(conversation, view).as_bytes())?,
        OutputFormat::Tsv => out.write_all(detail_tsv(conversation).as_bytes())?,
        OutputFormat::Json | OutputFormat::Jsonl => view.write_json(out, conversation)?,
    }
    out.flush()?;
    Ok(())
}
