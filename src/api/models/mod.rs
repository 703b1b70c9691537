//! Wire types: each API object kept as it came, read through typed accessors for the fields ucconv uses.
//!
//! UltraCart may send any field as `null`, add fields, grow enums and send numbers of any size
//! (docs/api.md, "Reading answers"). So an object is stored as its JSON map and read through
//! accessors that answer `None` for anything missing or of an unexpected type, instead of failing
//! the whole response. Field names are spelled here and nowhere else.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub(crate) fn lenient_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A JSON object from the API.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Object(pub Map<String, Value>);

impl Object {
    pub fn str(&self, key: &str) -> Option<&str> {
        self.0.get(key)?.as_str()
    }

    /// A string field that is present and not blank.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.str(key).filter(|s| !s.trim().is_empty())
    }

    /// Accepts `true`/`false`, and the strings `"true"`/`"false"` some proxies produce.
    pub fn bool(&self, key: &str) -> Option<bool> {
        lenient_bool(self.0.get(key)?)
    }

    /// Accepts JSON integers and integer strings.
    pub fn int(&self, key: &str) -> Option<i64> {
        match self.0.get(key)? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn object(&self, key: &str) -> Option<Object> {
        match self.0.get(key)? {
            Value::Object(map) => Some(Object(map.clone())),
            _ => None,
        }
    }

    /// The objects of an array field; non-object items are skipped.
    pub fn objects(&self, key: &str) -> Vec<Object> {
        match self.0.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| item.as_object().map(|m| Object(m.clone())))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn strings(&self, key: &str) -> Vec<String> {
        match self.0.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

macro_rules! wire_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Object);

        impl std::ops::Deref for $name {
            type Target = Object;
            fn deref(&self) -> &Object {
                &self.0
            }
        }

        impl From<Object> for $name {
            fn from(object: Object) -> $name {
                $name(object)
            }
        }
    };
}

mod desk;
mod queue;
pub(crate) mod shapes;
pub use desk::{
    AgentProfile, CannedMessage, Department, PROFILE_CHAT_LIMIT, PROFILE_DEFAULT_STATUS,
    PROFILE_DISPLAY_NAME, PROFILE_LANGUAGE, WebchatContext,
};
pub use queue::{QUEUE_AGENTS, QUEUE_ENTRIES, QUEUE_NAME, QueueAgent, QueueEntry, QueueStatus};

wire_type!(
    /// ConversationSummary, one row of `list`.
    Summary
);
wire_type!(
    /// Conversation, what `get` shows: the summary's fields plus `messages`.
    Conversation
);
wire_type!(ConversationParticipant);
wire_type!(ConversationMessage);
wire_type!(
    /// ConversationAgentAuth: who the agent is and how to open its websocket.
    AgentAuth
);
wire_type!(
    /// What `start` answers: `{conversation_arn, conversation_uuid}` or a whole Conversation.
    StartedConversation
);

/// The fields a summary and a whole conversation share.
pub trait SummaryFields: std::ops::Deref<Target = Object> {
    fn uuid(&self) -> Option<&str> {
        self.text("conversation_uuid")
    }
    fn medium(&self) -> Option<&str> {
        self.text("medium")
    }
    fn start_dts(&self) -> Option<&str> {
        self.text("start_dts")
    }
    fn last_message_dts(&self) -> Option<&str> {
        self.text("last_message_dts")
    }
    fn last_message_body(&self) -> Option<&str> {
        self.str("last_conversation_message_body")
    }
    fn last_author_name(&self) -> Option<&str> {
        self.text("last_conversation_participant_name")
    }
    fn last_author_arn(&self) -> Option<&str> {
        self.text("last_conversation_participant_arn")
    }
    /// When the customer's oldest unanswered message was sent, if one is waiting.
    fn unanswered_since(&self) -> Option<&str> {
        self.text("customer_first_message_unresponded_to_dts")
    }
    fn message_count(&self) -> Option<i64> {
        self.int("message_count")
    }
    fn unread(&self) -> Option<bool> {
        self.bool("unread_messages")
    }
    fn closed(&self) -> Option<bool> {
        self.bool("closed")
    }
    fn participants(&self) -> Vec<ConversationParticipant> {
        self.objects("participants")
            .into_iter()
            .map(ConversationParticipant)
            .collect()
    }
    /// The last message's time, else the start: what "when" means in a list.
    fn last_activity(&self) -> Option<&str> {
        self.last_message_dts().or_else(|| self.start_dts())
    }
    /// The customer the conversation is with (see [`ConversationParticipant::is_customer`]), else
    /// the first participant with a phone number or email, else the first one.
    fn customer(&self) -> Option<ConversationParticipant> {
        let participants = self.participants();
        let position = participants
            .iter()
            .position(ConversationParticipant::is_customer)
            .or_else(|| {
                participants
                    .iter()
                    .position(|p| p.sms_phone_number().is_some() || p.email().is_some())
            })
            .unwrap_or(0);
        participants.into_iter().nth(position)
    }
    /// Whether the last message came from someone other than the customer (an agent, a bot).
    fn last_message_from_staff(&self) -> bool {
        match (self.last_author_arn(), self.customer()) {
            (Some(author), Some(customer)) => customer.arn() != Some(author),
            _ => false,
        }
    }
}

impl SummaryFields for Summary {}
impl SummaryFields for Conversation {}

impl Conversation {
    pub fn messages(&self) -> Vec<ConversationMessage> {
        self.objects("messages")
            .into_iter()
            .map(ConversationMessage)
            .collect()
    }
}

impl ConversationParticipant {
    pub fn name(&self) -> Option<&str> {
        self.text("conversation_participant_name")
    }
    pub fn arn(&self) -> Option<&str> {
        self.text("conversation_participant_arn")
    }
    pub fn status(&self) -> Option<&str> {
        self.text("status")
    }
    pub fn joined_dts(&self) -> Option<&str> {
        self.text("joined_dts")
    }
    pub fn left_dts(&self) -> Option<&str> {
        self.text("left_dts")
    }
    pub fn email(&self) -> Option<&str> {
        self.text("email")
    }
    pub fn sms_phone_number(&self) -> Option<&str> {
        self.text("sms_phone_number")
    }
    /// Assumed: UltraCart's participant ARNs name the kind of participant
    /// (`arn:ultracart:conversation:MERCHANT:participant:customer:ID` against `…:agent:ID`), as the
    /// SDK's examples do. The one place that reads it.
    pub fn is_customer(&self) -> bool {
        self.arn()
            .is_some_and(|arn| arn.contains(":participant:customer:"))
    }
    /// A name to show: the name, else the phone number or email, else the ARN.
    pub fn label(&self) -> Option<&str> {
        self.name()
            .or_else(|| self.sms_phone_number())
            .or_else(|| self.email())
    }
}

impl ConversationMessage {
    pub fn uuid(&self) -> Option<&str> {
        self.text("conversation_message_uuid")
    }
    /// Milliseconds since the epoch.
    pub fn epoch(&self) -> Option<i64> {
        self.int("message_epoch")
    }
    pub fn author_name(&self) -> Option<&str> {
        self.text("author_conversation_participant_name")
    }
    pub fn author_arn(&self) -> Option<&str> {
        self.text("author_conversation_participant_arn")
    }
    pub fn body(&self) -> Option<&str> {
        self.str("body")
    }
    pub fn media_urls(&self) -> Vec<String> {
        self.strings("media_urls")
    }
    pub fn message_dts(&self) -> Option<&str> {
        self.text("message_dts")
    }
    /// `message`, `notice`, `engagement prompt`, `tool call`, or whatever else the API sends.
    pub fn kind(&self) -> Option<&str> {
        self.text("type")
    }
}

impl AgentAuth {
    pub fn participant_arn(&self) -> Option<&str> {
        self.text("conversation_participant_arn")
    }
    pub fn participant_name(&self) -> Option<&str> {
        self.text("conversation_participant_name")
    }
    pub fn websocket_url(&self) -> Option<&str> {
        self.text("websocket_url")
    }
    pub fn jwt(&self) -> Option<&str> {
        self.text("jwt")
    }

    /// The JWT's `exp` claim, read without verifying the signature (only the server can do that).
    pub fn jwt_expires_at(&self) -> Option<jiff::Timestamp> {
        use base64::Engine;
        let payload = self.jwt()?.split('.').nth(1)?;
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::URL_SAFE,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        let claims: Value = serde_json::from_slice(&engine.decode(payload).ok()?).ok()?;
        let exp = claims.get("exp")?;
        let seconds = exp.as_i64().or_else(|| exp.as_f64().map(|f| f as i64))?;
        jiff::Timestamp::from_second(seconds).ok()
    }
}

impl StartedConversation {
    pub fn uuid(&self) -> Option<&str> {
        self.text("conversation_uuid")
    }
}

/// `metadata.result_set` of a list response. Any field may be missing or null.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultSet {
    pub more: bool,
    pub next_offset: Option<u64>,
    /// `None` when the server does not know (it may send null).
    pub total_records: Option<u64>,
    /// A `next_offset` was sent but is no offset (negative, fractional, text): paging cannot go on.
    pub next_offset_invalid: bool,
}

impl ResultSet {
    pub(crate) fn from_object(object: &Object) -> ResultSet {
        let number = |key| object.int(key).and_then(|n| u64::try_from(n).ok());
        let next_offset = number("next_offset");
        let sent = object.0.get("next_offset").is_some_and(|v| !v.is_null());
        ResultSet {
            more: object.bool("more").unwrap_or(false),
            next_offset,
            total_records: number("total_records"),
            next_offset_invalid: sent && next_offset.is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(text: &str) -> Object {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn accessors_tolerate_nulls_and_wrong_types() {
        let object =
            object(r#"{"a": null, "b": "12", "c": 7, "d": "x", "e": "true", "f": [1, {"g": 2}]}"#);
        assert_eq!(object.str("a"), None);
        assert_eq!(object.int("b"), Some(12));
        assert_eq!(object.int("c"), Some(7));
        assert_eq!(object.int("d"), None);
        assert_eq!(object.bool("e"), Some(true));
        assert_eq!(object.objects("f").len(), 1);
        assert_eq!(object.objects("missing").len(), 0);
    }

    #[test]
    fn jwt_expiry_is_read_from_the_payload() {
        // {"exp":1795653202} in base64url, no padding.
        let auth = AgentAuth(object(
            r#"{"jwt": "eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTU2NTMyMDJ9.c2ln"}"#,
        ));
        assert_eq!(
            auth.jwt_expires_at().map(|t| t.as_second()),
            Some(1_795_653_202)
        );
        let broken = AgentAuth(object(r#"{"jwt": "not-a-jwt"}"#));
        assert_eq!(broken.jwt_expires_at(), None);
    }

    #[test]
    fn the_customer_is_found_by_arn_then_contact_then_position() {
        let cases = [
            (
                r#"[{"conversation_participant_arn": "arn:x:participant:agent:1", "conversation_participant_name": "A"}, {"conversation_participant_arn": "arn:x:participant:customer:2", "conversation_participant_name": "C"}]"#,
                "C",
            ),
            (
                r#"[{"conversation_participant_name": "A"}, {"conversation_participant_name": "C", "email": "c@x"}]"#,
                "C",
            ),
            (
                r#"[{"conversation_participant_name": "F"}, {"conversation_participant_name": "G"}]"#,
                "F",
            ),
        ];
        for (participants, expected) in cases {
            let summary = Summary(object(&format!(r#"{{"participants": {participants}}}"#)));
            assert_eq!(
                summary.customer().unwrap().name(),
                Some(expected),
                "{participants}"
            );
        }
        assert!(Summary::default().customer().is_none());
    }

    #[test]
    fn activity_falls_back_to_the_start() {
        let summary = Summary(object(r#"{"start_dts": "s", "last_message_dts": null}"#));
        assert_eq!(summary.last_activity(), Some("s"));
    }
}
