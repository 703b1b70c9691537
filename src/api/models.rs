//! Wire types: each API object kept exactly as it came, with typed accessors for the fields ucconv uses.
//!
//! UltraCart may send any field as `null`, add fields, grow enums and send numbers of any size
//! (WIRE.md §4). So an object is stored as its JSON map (order, unknown fields and number text
//! preserved, which `--json` re-emits untouched) and read through accessors that answer `None`
//! for anything missing or of an unexpected type, instead of failing the whole response.

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

fn lenient_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A JSON object from the API, kept verbatim.
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
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Object);

        impl std::ops::Deref for $name {
            type Target = Object;
            fn deref(&self) -> &Object {
                &self.0
            }
        }
    };
}

/// ConversationSummary, one row of `list`. Kept as the exact JSON text the server sent: `--json`
/// copies it out untouched, and it is parsed into an [`Object`] only when a view reads a field.
/// (`list --all` at 10,000 conversations spends most of its CPU here otherwise.)
#[derive(Clone, Debug)]
pub struct ConversationSummary {
    raw: Box<RawValue>,
    parsed: OnceCell<Object>,
}

impl ConversationSummary {
    pub fn from_raw(raw: Box<RawValue>) -> ConversationSummary {
        ConversationSummary {
            raw,
            parsed: OnceCell::new(),
        }
    }

    pub fn from_object(object: Object) -> ConversationSummary {
        let raw =
            serde_json::value::to_raw_value(&object).unwrap_or_else(|_| RawValue::NULL.to_owned());
        ConversationSummary {
            raw,
            parsed: OnceCell::from(object),
        }
    }

    pub fn object(&self) -> &Object {
        self.parsed
            .get_or_init(|| serde_json::from_str(self.raw.get()).unwrap_or_default())
    }

    /// The uuid, read without building the whole object (paging checks every row for repeats).
    pub fn uuid(&self) -> Option<String> {
        #[derive(Deserialize)]
        struct Id {
            conversation_uuid: Option<Value>,
        }
        match self.parsed.get() {
            Some(object) => object.str("conversation_uuid").map(str::to_string),
            None => match serde_json::from_str::<Id>(self.raw.get())
                .ok()?
                .conversation_uuid
            {
                Some(Value::String(uuid)) => Some(uuid),
                _ => None,
            },
        }
    }
}

impl std::ops::Deref for ConversationSummary {
    type Target = Object;
    fn deref(&self) -> &Object {
        self.object()
    }
}

impl Serialize for ConversationSummary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The server's own text when it is one line; re-encoded when it would break JSON Lines.
        if self.raw.get().contains('\n') {
            self.object().serialize(serializer)
        } else {
            self.raw.serialize(serializer)
        }
    }
}
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

impl Conversation {
    pub fn participants(&self) -> Vec<ConversationParticipant> {
        self.objects("participants")
            .into_iter()
            .map(ConversationParticipant)
            .collect()
    }

    pub fn messages(&self) -> Vec<ConversationMessage> {
        self.objects("messages")
            .into_iter()
            .map(ConversationMessage)
            .collect()
    }
}

impl AgentAuth {
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

/// `metadata.result_set` of a list response (WIRE.md §3). Any field may be missing or null.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultSet {
    pub count: Option<u64>,
    pub limit: Option<u64>,
    pub more: bool,
    pub next_offset: Option<u64>,
    pub offset: Option<u64>,
    /// `None` when the server does not know (it may send null).
    pub total_records: Option<u64>,
}

impl ResultSet {
    fn from_object(object: &Object) -> ResultSet {
        let number = |key| object.int(key).and_then(|n| u64::try_from(n).ok());
        ResultSet {
            count: number("count"),
            limit: number("limit"),
            more: object.bool("more").unwrap_or(false),
            next_offset: number("next_offset"),
            offset: number("offset"),
            total_records: number("total_records"),
        }
    }
}

/// One page of `GET /conversation/conversations`.
#[derive(Clone, Debug, Default)]
pub struct ConversationPage {
    pub conversations: Vec<ConversationSummary>,
    pub result_set: ResultSet,
}

/// Parses a 2xx body into a JSON object, the root of every response ucconv reads.
pub fn parse_object(body: &[u8]) -> Result<Object> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::bad_response("the server sent an empty response"));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(Object(map)),
        Ok(other) => Err(Error::bad_response(format!(
            "expected a JSON object from the server, got {}",
            json_kind(&other)
        ))),
        Err(error) => Err(Error::bad_response(format!(
            "the server's response is not valid JSON: {error}"
        ))),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The human message of an ErrorResponse-style `error` object, best field first.
pub fn error_message(root: &Object) -> Option<String> {
    error_text(root.0.get("error")?)
}

fn error_text(error: &Value) -> Option<String> {
    let error = error.as_object()?;
    ["user_message", "developer_message"]
        .into_iter()
        .find_map(|key| error.get(key)?.as_str().filter(|s| !s.trim().is_empty()))
        .map(str::to_string)
}

/// A 2xx answer saying `"success": false` is still a failure (WIRE.md §5).
pub fn check_success(root: &Object, status: u16) -> Result<()> {
    check_reported(root.0.get("success"), root.0.get("error"), status)
}

fn check_reported(success: Option<&Value>, error: Option<&Value>, status: u16) -> Result<()> {
    if success.and_then(lenient_bool) == Some(false) {
        let message = error
            .and_then(error_text)
            .unwrap_or_else(|| "the API reported a failure".into());
        return Err(Error::Api { status, message });
    }
    Ok(())
}

/// Unwraps the current API's envelope (`{key: {...}, success, ...}`), or takes the object as the
/// original API's bare answer when there is no such key.
pub fn unwrap_envelope(root: Object, key: &str) -> Result<Object> {
    match root.0.get(key) {
        None => Ok(root),
        Some(Value::Object(inner)) => Ok(Object(inner.clone())),
        Some(_) => Err(Error::bad_response(format!(
            "the server's response has no usable `{key}` object"
        ))),
    }
}

/// A `list` response (ConversationsResponse), read in one pass: the summaries stay raw JSON text,
/// and only the small envelope fields are decoded.
pub fn parse_page(body: &[u8], status: u16) -> Result<ConversationPage> {
    #[derive(Deserialize)]
    struct Envelope {
        conversations: Option<Box<RawValue>>,
        metadata: Option<Value>,
        success: Option<Value>,
        error: Option<Value>,
    }
    if body.trim_ascii_start().first() != Some(&b'{') {
        // Not an object at all: the general parser says what it is instead (empty, an array…).
        parse_object(body)?;
        return Err(Error::bad_response(
            "expected a JSON object from the server",
        ));
    }
    let envelope: Envelope = serde_json::from_slice(body).map_err(|error| {
        Error::bad_response(format!("the server's response is not valid JSON: {error}"))
    })?;
    check_reported(envelope.success.as_ref(), envelope.error.as_ref(), status)?;

    let conversations = match envelope.conversations {
        None => Vec::new(),
        Some(raw) if raw.get() == "null" => Vec::new(),
        Some(raw) => serde_json::from_str::<Vec<Box<RawValue>>>(raw.get())
            .map_err(|_| Error::bad_response("the server's `conversations` field is not an array"))?
            .into_iter()
            .filter(|item| item.get().starts_with('{'))
            .map(ConversationSummary::from_raw)
            .collect(),
    };
    let result_set = match envelope.metadata {
        Some(Value::Object(metadata)) => Object(metadata)
            .object("result_set")
            .map(|set| ResultSet::from_object(&set))
            .unwrap_or_default(),
        _ => ResultSet::default(),
    };
    Ok(ConversationPage {
        conversations,
        result_set,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_tolerate_nulls_and_wrong_types() {
        let object = parse_object(
            br#"{"a": null, "b": "12", "c": 7, "d": "x", "e": "true", "f": [1, {"g": 2}]}"#,
        )
        .unwrap();
        assert_eq!(object.str("a"), None);
        assert_eq!(object.int("b"), Some(12));
        assert_eq!(object.int("c"), Some(7));
        assert_eq!(object.int("d"), None);
        assert_eq!(object.bool("e"), Some(true));
        assert_eq!(object.objects("f").len(), 1);
        assert_eq!(object.objects("missing").len(), 0);
    }

    #[test]
    fn numbers_keep_their_text() {
        let body = br#"{"big": 123456789012345678901234567890, "f": 1.50}"#;
        let object = parse_object(body).unwrap();
        assert_eq!(
            serde_json::to_string(&object).unwrap(),
            r#"{"big":123456789012345678901234567890,"f":1.50}"#
        );
    }

    #[test]
    fn envelopes_unwrap_and_bare_objects_pass() {
        let wrapped =
            parse_object(br#"{"conversation": {"conversation_uuid": "u"}, "success": true}"#)
                .unwrap();
        let inner = unwrap_envelope(wrapped, "conversation").unwrap();
        assert_eq!(inner.str("conversation_uuid"), Some("u"));
        let bare = parse_object(br#"{"conversation_uuid": "u"}"#).unwrap();
        assert_eq!(
            unwrap_envelope(bare, "conversation")
                .unwrap()
                .str("conversation_uuid"),
            Some("u")
        );
    }

    #[test]
    fn result_set_tolerates_null_total() {
        let body = br#"{"conversations": [], "metadata": {"result_set": {"more": true, "next_offset": 200, "total_records": null}}}"#;
        let page = parse_page(body, 200).unwrap();
        assert!(page.result_set.more);
        assert_eq!(page.result_set.next_offset, Some(200));
        assert_eq!(page.result_set.total_records, None);
    }

    #[test]
    fn jwt_expiry_is_read_from_the_payload() {
        // {"exp":1795653202} in base64url, no padding.
        let auth = AgentAuth(
            parse_object(br#"{"jwt": "eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTU2NTMyMDJ9.c2ln"}"#)
                .unwrap(),
        );
        assert_eq!(
            auth.jwt_expires_at().map(|t| t.as_second()),
            Some(1_795_653_202)
        );
        let broken = AgentAuth(parse_object(br#"{"jwt": "not-a-jwt"}"#).unwrap());
        assert_eq!(broken.jwt_expires_at(), None);
    }

    #[test]
    fn non_objects_are_bad_responses() {
        for body in [&b""[..], b"  ", b"[]", b"null", b"{\"a\":", b"<html>"] {
            let error = parse_object(body).unwrap_err();
            assert_eq!(
                error.exit_code(),
                crate::error::exit::BAD_RESPONSE,
                "{body:?}"
            );
        }
    }
}
