//! What `follow` keeps between polls, as pure logic: a bounded memory of what was already shown,
//! the change test for conversations, the cursor a restarted follow resumes from, and the event
//! each change becomes.

use std::collections::{HashSet, VecDeque};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::models::Object;
use crate::api::wire::Document;
use crate::error::{Error, Result};

/// How many ids the memory holds: far more than one poll brings, and memory stays flat however
/// long `follow` runs.
pub(crate) const REMEMBERED: usize = 10_000;

/// The most recent ids seen, at most `capacity`, oldest forgotten first.
#[derive(Debug)]
pub(crate) struct Recent {
    set: HashSet<String>,
    order: VecDeque<String>,
    capacity: usize,
}

impl Recent {
    pub(crate) fn new(capacity: usize) -> Recent {
        Recent {
            set: HashSet::new(),
            order: VecDeque::new(),
            capacity,
        }
    }

    /// Remembers `id`; `true` when it was not remembered already.
    pub(crate) fn insert(&mut self, id: &str) -> bool {
        if self.set.contains(id) {
            return false;
        }
        if self.order.len() == self.capacity
            && let Some(oldest) = self.order.pop_front()
        {
            self.set.remove(&oldest);
        }
        self.set.insert(id.to_string());
        self.order.push_back(id.to_string());
        true
    }
}

/// Where a follow got to: the time of the newest event shown and the ids shown at that time (a
/// poll from that time on may bring them again). Written atomically after every event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Cursor {
    /// Epoch milliseconds of the newest event shown.
    pub(crate) at: i64,
    pub(crate) seen: Vec<String>,
}

impl Cursor {
    /// Moves the cursor to an event at `at` with `id`; events older than the cursor do not move it.
    pub(crate) fn advance(&mut self, at: i64, id: &str) {
        if at > self.at {
            self.at = at;
            self.seen.clear();
        }
        if at == self.at && !self.seen.iter().any(|s| s == id) {
            self.seen.push(id.to_string());
        }
    }

    /// Whether an event at `at` with `id` comes after the cursor: newer, or as new and not shown.
    pub(crate) fn is_after(&self, at: i64, id: &str) -> bool {
        at > self.at || (at == self.at && !self.seen.iter().any(|s| s == id))
    }

    pub(crate) fn load(path: &Path) -> Result<Option<Cursor>> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map(Some).map_err(|_| {
                Error::usage(format!(
                    "{} is not a cursor file written by `ucconv follow`",
                    path.display()
                ))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(Error::usage(format!(
                "cannot read the cursor file {}: {error}",
                path.display()
            ))),
        }
    }

    /// Replaces the file whole (a temp file beside it, then a rename), so a follow stopped at any
    /// moment leaves the old cursor or the new one, never half of one.
    pub(crate) fn save(&self, path: &Path) -> Result<()> {
        let failed = |error: std::io::Error| {
            Error::usage(format!(
                "cannot write the cursor file {}: {error}",
                path.display()
            ))
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
        let text = serde_json::to_vec(self).map_err(|e| failed(std::io::Error::other(e)))?;
        std::io::Write::write_all(&mut temp, &text).map_err(failed)?;
        temp.persist(path).map_err(|e| failed(e.error))?;
        Ok(())
    }
}

/// The API object an event carries.
pub(crate) enum EventObject {
    Message,
    Participant,
    Summary,
    QueueEntry,
    QueueStatus,
}

/// Every kind of event `follow` prints, with the object it carries (for `ucconv schema follow`).
pub(crate) const EVENT_KINDS: &[(&str, EventObject)] = &[
    ("message", EventObject::Message),
    ("participant_joined", EventObject::Participant),
    ("participant_left", EventObject::Participant),
    ("conversation", EventObject::Summary),
    ("queue_waiting", EventObject::QueueEntry),
    ("queue", EventObject::QueueStatus),
];

/// One thing that happened, as `follow` prints it: `{"event", "at", "conversation_uuid", …the
/// API object's fields}` in JSON.
#[derive(Debug)]
pub(crate) struct Event {
    pub(crate) kind: &'static str,
    /// Epoch milliseconds, for ordering and the cursor.
    pub(crate) at: i64,
    pub(crate) conversation_uuid: Option<String>,
    /// What identifies this event for de-duplication (a message uuid, an entry uuid…).
    pub(crate) id: String,
    pub(crate) object: Document<Object>,
    /// The line (or lines) people see, fitted to the terminal.
    pub(crate) text: String,
    /// The same on one line and whole, for TSV.
    pub(crate) summary: String,
}

impl Event {
    /// When it happened, in RFC 3339.
    pub(crate) fn at_text(&self) -> String {
        jiff::Timestamp::from_millisecond(self.at)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    /// The event as one JSON object: its own fields first, then the API object's, verbatim.
    pub(crate) fn json(&self) -> Result<Document<Object>> {
        let at = self.at_text();
        let mut fields: Vec<(&str, Value)> = vec![("event", self.kind.into()), ("at", at.into())];
        if let Some(uuid) = &self.conversation_uuid {
            fields.push(("conversation_uuid", uuid.as_str().into()));
        }
        self.object.with_fields(&fields)
    }
}

/// Whether a conversation changed since the last poll: its last message or its count moved.
pub(crate) fn signature(last_message_dts: Option<&str>, count: Option<i64>) -> String {
    format!(
        "{}#{}",
        last_message_dts.unwrap_or_default(),
        count.unwrap_or(-1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_remembers_a_bounded_window() {
        let mut recent = Recent::new(3);
        let steps = [
            ("a", true),
            ("b", true),
            ("a", false),
            ("c", true),
            ("d", true),
            ("a", true),
            ("d", false),
        ];
        for (id, new) in steps {
            assert_eq!(recent.insert(id), new, "{id}");
        }
        assert!(recent.order.len() <= 3 && recent.set.len() == recent.order.len());
    }

    #[test]
    fn the_cursor_resumes_without_repeats_or_gaps() {
        let mut cursor = Cursor::default();
        for (at, id) in [(10, "m1"), (20, "m2"), (20, "m3"), (15, "old")] {
            cursor.advance(at, id);
        }
        assert_eq!(
            cursor,
            Cursor {
                at: 20,
                seen: vec!["m2".into(), "m3".into()]
            }
        );
        let cases = [
            (19, "x", false),
            (20, "m2", false),
            (20, "m4", true),
            (21, "m2", true),
        ];
        for (at, id, after) in cases {
            assert_eq!(cursor.is_after(at, id), after, "{at} {id}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cursor.json");
        assert_eq!(Cursor::load(&path).unwrap(), None);
        cursor.save(&path).unwrap();
        assert_eq!(Cursor::load(&path).unwrap(), Some(cursor));
    }

    #[test]
    fn events_lead_with_their_own_fields() {
        let object: Document<Object> =
            Document::from_object(serde_json::from_str(r#"{"body":"hi","n":1}"#).unwrap());
        let event = Event {
            kind: "message",
            at: 1_767_225_600_000,
            conversation_uuid: Some("u".into()),
            id: "m".into(),
            object,
            text: String::new(),
            summary: String::new(),
        };
        let json = serde_json::to_string(&event.json().unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"event":"message","at":"2026-01-01T00:00:00Z","conversation_uuid":"u","body":"hi","n":1}"#
        );
    }
}
