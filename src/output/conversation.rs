//! How `get` looks: the conversation's header, its participants, and the transcript with joins and
//! leaves in their place; or one TSV line per message; or the Conversation object as JSON.

use jiff::Timestamp;

use super::table::{Column, Table};
use super::{Palette, Render, View, number_text, table, text, time, tsv};
use crate::api::models::{Conversation, ConversationMessage, SummaryFields};
use crate::api::wire::Document;
use crate::error::Result;

const PARTICIPANTS: [Column; 4] = [
    Column::new("NAME", 40).flex(12),
    Column::new("STATUS", 20).min(6),
    Column::new("JOINED", 16).min(10),
    Column::new("LEFT", 16).min(10),
];

/// The most of one message body the human view shows; the rest is a line saying how to get it.
/// (A 50 MB body would otherwise be wrapped, measured and copied several times over.)
const MAX_BODY_SHOWN: usize = 20_000;

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
            let name = table::truncate(p.name().or_else(|| p.arn()).unwrap_or("someone"), 60);
            [(p.joined_dts(), "joined"), (p.left_dts(), "left")]
                .into_iter()
                .filter_map(|(at, verb)| {
                    let at = at.and_then(time::parse)?;
                    Some(Event {
                        at,
                        text: format!("{name} {verb}"),
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
pub(crate) fn detail_text(conversation: &Conversation, view: &View) -> String {
    let palette = Palette::new(view.color);
    let started = match conversation.start_dts().and_then(time::parse) {
        Some(at) => format!("{} ({})", time::local(at), time::relative(at, view.now)),
        None => time::local_text(conversation.start_dts()),
    };
    let flag = |value: Option<bool>| {
        let style = (value == Some(true)).then_some(&palette.alert);
        (yes_no(value), style)
    };
    let messages = conversation.messages();
    let count = number_text(conversation.message_count().or(Some(messages.len() as i64)));
    let (closed, closed_style) = flag(conversation.closed());
    let (unread, unread_style) = flag(conversation.unread());
    let mut out = table::key_values_styled(
        &[
            (
                "Conversation",
                conversation.uuid().unwrap_or("-").into(),
                None,
            ),
            ("Medium", conversation.medium().unwrap_or("-").into(), None),
            ("Started", started, None),
            ("Closed", closed, closed_style),
            ("Unread", unread, unread_style),
            ("Messages", count, None),
        ],
        view.width,
    );

    let participants: Vec<Vec<String>> = conversation
        .participants()
        .iter()
        .map(|p| {
            vec![
                table::truncate(p.name().unwrap_or("-"), 40),
                table::truncate(p.status().unwrap_or("-"), 20),
                table::truncate(&time::local_text(p.joined_dts()), 30),
                table::truncate(&time::local_text(p.left_dts()), 30),
            ]
        })
        .collect();
    if !participants.is_empty() {
        out.push_str(&format!("\n{}\n", palette.heading.apply_to("Participants")));
        let table = Table::fit(&PARTICIPANTS, &participants, view.width);
        out.push_str(&table.render(&participants));
    }

    out.push_str(&format!("\n{}\n", palette.heading.apply_to("Transcript")));
    let hidden = conversation
        .message_count()
        .and_then(|count| usize::try_from(count).ok())
        .map_or(0, |count| count.saturating_sub(messages.len()));
    if hidden > 0 {
        let uuid: String = conversation
            .uuid()
            .unwrap_or("ID")
            .chars()
            .take(8)
            .collect();
        let note = format!(
            "({hidden} earlier {} not shown: `ucconv get {uuid}` shows them all)",
            if hidden == 1 { "message" } else { "messages" }
        );
        let note = table::truncate(&note, view.width);
        out.push_str(&format!("{}\n", palette.faint.apply_to(note)));
    } else if messages.is_empty() {
        out.push_str("(no messages)\n");
    }
    let mut events = participant_events(conversation).into_iter().peekable();
    let write_event = |out: &mut String, event: Event| {
        let line = format!("{}  · {}", time::local(event.at), event.text);
        let line = table::truncate(&line, view.width);
        out.push_str(&format!("{}\n", palette.faint.apply_to(line)));
    };
    for message in &messages {
        if let Some(at) = message.message_dts().and_then(time::parse) {
            while let Some(event) = events.next_if(|e| e.at <= at) {
                write_event(&mut out, event);
            }
        }
        out.push_str(&message_text(message, view));
    }
    for event in events {
        write_event(&mut out, event);
    }
    out
}

/// One message for people: time, author and type, then the body wrapped to the width, long bodies
/// cut, media URLs whole (they are copied from here).
pub(crate) fn message_text(message: &ConversationMessage, view: &View) -> String {
    let palette = Palette::new(view.color);
    let mut out = String::new();
    let author = message
        .author_name()
        .or_else(|| message.author_arn())
        .unwrap_or("unknown");
    let kind = message
        .kind()
        .filter(|t| *t != "message")
        .map(|t| format!("  [{}]", table::truncate(t, 30)))
        .unwrap_or_default();
    let when = time::local_text(message.message_dts());
    let room = view
        .width
        .saturating_sub(table::width(&when) + 2 + table::width(&kind));
    let author = table::truncate(author, room.clamp(8, 60));
    out.push_str(&format!(
        "{when}  {}{kind}\n",
        palette.strong.apply_to(author)
    ));
    let body = message.body().unwrap_or_default();
    let (shown, hidden) = match body.char_indices().nth(MAX_BODY_SHOWN) {
        Some((cut, _)) => (&body[..cut], body[cut..].chars().count()),
        None => (body, 0),
    };
    let body_width = view.width.saturating_sub(4).max(20);
    for line in textwrap::wrap(&text::printable(shown), body_width) {
        out.push_str(&format!("    {line}\n"));
    }
    if hidden > 0 {
        let note = format!("    … {hidden} more characters (--json shows the whole message)");
        let note = table::truncate(&note, view.width);
        out.push_str(&format!("{}\n", palette.faint.apply_to(note)));
    }
    for url in message.media_urls() {
        out.push_str(&format!("    media: {}\n", table::truncate(&url, 2_000)));
    }
    out
}

/// One message as a TSV line: time (RFC 3339), author, type, body, media URLs (space-separated).
pub(crate) fn message_tsv(m: &ConversationMessage) -> String {
    tsv::line(&[
        time::rfc3339_text(m.message_dts()),
        m.author_name().unwrap_or_default().to_string(),
        m.kind().unwrap_or_default().to_string(),
        m.body().unwrap_or_default().to_string(),
        m.media_urls().join(" "),
    ])
}

/// Messages on their own (`messages`): the transcript for people, a TSV line each, or the
/// ConversationMessage objects.
#[derive(schemars::JsonSchema)]
#[schemars(transparent)]
pub(crate) struct Transcript(pub(crate) Vec<Document<ConversationMessage>>);

impl serde::Serialize for Transcript {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Render for Transcript {
    fn human(&self, view: &View) -> Result<String> {
        if self.0.is_empty() {
            return Ok("(no messages)\n".into());
        }
        self.0
            .iter()
            .map(|m| Ok(message_text(m.read()?, view)))
            .collect()
    }

    fn tsv(&self) -> Result<String> {
        self.0.iter().map(|m| Ok(message_tsv(m.read()?))).collect()
    }

    fn records(&self) -> Result<Option<Vec<Box<serde_json::value::RawValue>>>> {
        super::records_of(&self.0)
    }
}

/// `get` as TSV: one line per message: time (RFC 3339), author, type, body, media URLs (space-separated).
pub(crate) fn detail_tsv(conversation: &Conversation) -> String {
    conversation.messages().iter().map(message_tsv).collect()
}

impl Render for Document<Conversation> {
    fn human(&self, view: &View) -> Result<String> {
        Ok(detail_text(self.read()?, view))
    }

    fn tsv(&self) -> Result<String> {
        Ok(detail_tsv(self.read()?))
    }
}
