//! Reading the server's answers: nesting bounded, envelopes unwrapped, `"success": false` caught,
//! and each payload kept as the server's own text, so `--json` copies it out unchanged (numbers
//! included: parsing `1e400` and writing it back would give `1e+400`).

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use super::models::{Object, ResultSet, Summary, SummaryFields, lenient_bool};
use crate::error::{Error, Result};

/// The deepest nesting accepted in an answer. UltraCart's deepest objects (a webchat context's
/// cart) are about ten levels; a hostile answer nested thousands deep would otherwise exhaust the
/// stack of whatever reads it next (`--jq`).
pub const MAX_DEPTH: usize = 64;

/// Walks JSON text a byte at a time and says which bytes belong to strings, so brackets, commas
/// and white space inside a string are never taken for structure.
#[derive(Default)]
pub(crate) struct StringTracker {
    in_string: bool,
    escaped: bool,
}

impl StringTracker {
    /// Whether `byte`, the next byte of the text, is part of a string (its quotes included).
    pub(crate) fn in_string(&mut self, byte: u8) -> bool {
        if self.in_string {
            match byte {
                _ if self.escaped => self.escaped = false,
                b'\\' => self.escaped = true,
                b'"' => self.in_string = false,
                _ => {}
            }
            return true;
        }
        self.in_string = byte == b'"';
        self.in_string
    }
}

/// Fails when `body` nests arrays and objects deeper than [`MAX_DEPTH`]. One pass over the bytes.
pub fn check_depth(body: &[u8]) -> Result<()> {
    let mut strings = StringTracker::default();
    let mut depth = 0usize;
    for &byte in body {
        if strings.in_string(byte) {
            continue;
        }
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::bad_response(format!(
                        "the server's answer is nested more than {MAX_DEPTH} levels deep"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// One JSON object as the server sent it, parsed into `T` the first time a view reads a field.
#[derive(Clone, Debug)]
pub struct Document<T> {
    raw: Box<RawValue>,
    parsed: OnceCell<T>,
}

impl<T: From<Object>> Document<T> {
    pub(crate) fn from_raw(raw: Box<RawValue>) -> Document<T> {
        Document {
            raw,
            parsed: OnceCell::new(),
        }
    }

    /// For tests and generated values: the object's JSON becomes the "server's text".
    pub fn from_object(object: Object) -> Document<T> {
        let raw =
            serde_json::value::to_raw_value(&object).unwrap_or_else(|_| RawValue::NULL.to_owned());
        Document::from_raw(raw)
    }

    /// The parsed object. An object that cannot be read (an invalid escape, say) is an error:
    /// showing it blank, or filtering it out, would silently change the data.
    pub fn read(&self) -> Result<&T> {
        if let Some(parsed) = self.parsed.get() {
            return Ok(parsed);
        }
        let object: Object = serde_json::from_str(self.raw.get()).map_err(|error| {
            Error::bad_response(format!(
                "an object in the server's answer cannot be read: {error}"
            ))
        })?;
        Ok(self.parsed.get_or_init(|| T::from(object)))
    }
}

impl<T: From<Object>> Document<T> {
    /// The server's own text for this object.
    pub(crate) fn text(&self) -> &str {
        self.raw.get()
    }

    /// The same text, read as another wire type.
    pub(crate) fn cast<U: From<Object>>(&self) -> Document<U> {
        Document::from_raw(self.raw.clone())
    }

    /// The objects of an array field, each kept as the server's text.
    pub(crate) fn list<U: From<Object>>(&self, key: &str) -> Result<Vec<Document<U>>> {
        objects_in(self.raw.get(), key)
    }

    /// The same object with `fields` added in front, those it does not have already; the rest
    /// stays the server's text.
    pub(crate) fn with_fields(&self, fields: &[(&str, Value)]) -> Result<Document<T>> {
        let object = self.read_untyped()?;
        let mut text = String::from("{");
        for (key, value) in fields
            .iter()
            .filter(|(key, _)| !object.0.contains_key(*key))
        {
            let key = serde_json::to_string(key).map_err(encode_error)?;
            let value = serde_json::to_string(value).map_err(encode_error)?;
            text.push_str(&format!("{key}:{value},"));
        }
        let rest = self.raw.get().trim_start().strip_prefix('{').unwrap_or("}");
        if rest.trim_start().starts_with('}') && text.ends_with(',') {
            text.pop();
        }
        text.push_str(rest);
        let raw = RawValue::from_string(text).map_err(encode_error)?;
        Ok(Document::from_raw(raw))
    }

    fn read_untyped(&self) -> Result<Object> {
        serde_json::from_str(self.raw.get()).map_err(|error| {
            Error::bad_response(format!(
                "an object in the server's answer cannot be read: {error}"
            ))
        })
    }
}

fn encode_error(error: serde_json::Error) -> Error {
    Error::bad_response(format!("cannot rebuild an object of the server's: {error}"))
}

/// The items of an array, each of which must be an object: dropping one that is not would change
/// the data without a word.
fn objects<U: From<Object>>(items: Vec<Box<RawValue>>, key: &str) -> Result<Vec<Document<U>>> {
    items
        .into_iter()
        .map(|item| match item.get().starts_with('{') {
            true => Ok(Document::from_raw(item)),
            false => Err(Error::bad_response(format!(
                "the server's `{key}` holds something that is not an object"
            ))),
        })
        .collect()
}

/// The objects in the array field `key` of the JSON object `raw`; a missing or null field is
/// none, and items that are not objects are skipped.
fn objects_in<U: From<Object>>(raw: &str, key: &str) -> Result<Vec<Document<U>>> {
    let fields: BTreeMap<String, Box<RawValue>> = serde_json::from_str(raw).map_err(not_json)?;
    let Some(field) = fields.get(key) else {
        return Ok(Vec::new());
    };
    if field.get() == "null" {
        return Ok(Vec::new());
    }
    let items: Vec<Box<RawValue>> = serde_json::from_str(field.get())
        .map_err(|_| Error::bad_response(format!("the server's `{key}` field is not an array")))?;
    objects(items, key)
}

impl<T> Serialize for Document<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

/// One row of `list`: a ConversationSummary.
pub type SummaryRow = Document<Summary>;

impl SummaryRow {
    /// The uuid, read without building the whole object (paging checks every row for repeats).
    pub fn uuid(&self) -> Option<String> {
        #[derive(Deserialize)]
        struct Id {
            conversation_uuid: Option<Value>,
        }
        if let Some(summary) = self.parsed.get() {
            return summary.uuid().map(str::to_string);
        }
        match serde_json::from_str::<Id>(self.raw.get())
            .ok()?
            .conversation_uuid
        {
            Some(Value::String(uuid)) if !uuid.trim().is_empty() => Some(uuid),
            _ => None,
        }
    }
}

/// One page of `GET /conversation/conversations`.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub rows: Vec<SummaryRow>,
    pub result_set: ResultSet,
}

/// The top-level fields of an answer, each still the server's text.
pub struct Root {
    fields: BTreeMap<String, Box<RawValue>>,
    /// The whole body, for the original API's bare answers.
    text: String,
}

fn not_json(error: serde_json::Error) -> Error {
    Error::bad_response(format!("the server's response is not valid JSON: {error}"))
}

/// What the first byte says the body is, for an error that names it.
fn kind_of(body: &[u8]) -> &'static str {
    match body.trim_ascii_start().first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'-' | b'0'..=b'9') => "a number",
        _ => "something else",
    }
}

impl Root {
    /// Parses a 2xx body that must be a JSON object, the root of every answer ucconv reads. It
    /// takes the body by value so a bare answer becomes its payload without a copy.
    pub fn parse(body: impl Into<Vec<u8>>) -> Result<Root> {
        let body: Vec<u8> = body.into();
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::bad_response("the server sent an empty response"));
        }
        check_depth(&body)?;
        let text = String::from_utf8(body)
            .map_err(|_| Error::bad_response("the server's response is not UTF-8 text"))?;
        if text.trim_start().as_bytes().first() != Some(&b'{') {
            // Valid JSON of another kind gets named; anything else is reported as not JSON.
            serde_json::from_str::<&RawValue>(&text).map_err(not_json)?;
            return Err(Error::bad_response(format!(
                "expected a JSON object from the server, got {}",
                kind_of(text.as_bytes())
            )));
        }
        let fields: BTreeMap<String, Box<RawValue>> =
            serde_json::from_str(&text).map_err(not_json)?;
        Ok(Root { fields, text })
    }

    fn field(&self, key: &str) -> Option<Value> {
        serde_json::from_str(self.fields.get(key)?.get()).ok()
    }

    /// A top-level whole number, when there is one.
    pub(crate) fn number(&self, key: &str) -> Option<u64> {
        self.field(key)?.as_u64()
    }

    /// A 2xx answer saying `"success": false` is still a failure.
    pub fn check_success(&self, status: u16) -> Result<()> {
        check_reported(self.field("success"), self.field("error"), status)
    }

    /// The name of the answer's array payload: `metadata.payload_name` when it names an array,
    /// else the only top-level array that is not part of the envelope.
    pub(crate) fn array_payload(&self) -> Option<String> {
        let is_array = |key: &str| {
            self.fields
                .get(key)
                .is_some_and(|raw| raw.get().starts_with('['))
        };
        let named = self
            .field("metadata")
            .and_then(|m| m.get("payload_name")?.as_str().map(str::to_string))
            .filter(|name| is_array(name));
        named.or_else(|| {
            let mut arrays = self
                .fields
                .keys()
                .filter(|key| !["metadata", "error", "warning"].contains(&key.as_str()))
                .filter(|key| is_array(key));
            let first = arrays.next()?.clone();
            arrays.next().is_none().then_some(first)
        })
    }

    /// `metadata.result_set` of a paged answer.
    pub(crate) fn result_set(&self) -> ResultSet {
        match self.field("metadata") {
            Some(Value::Object(metadata)) => Object(metadata)
                .object("result_set")
                .map(|set| ResultSet::from_object(&set))
                .unwrap_or_default(),
            _ => ResultSet::default(),
        }
    }

    /// The whole answer as one object, envelope and all (`ucconv api` prints what came).
    pub(crate) fn whole<T: From<Object>>(self) -> Result<Document<T>> {
        whole(self.text)
    }

    /// The objects of the array payload `key` (`{key: [...], success, ...}`).
    pub(crate) fn list<U: From<Object>>(&self, key: &str) -> Result<Vec<Document<U>>> {
        objects_in(&self.text, key)
    }

    /// The current API's payload (`{key: {...}, success, ...}`), or the whole object when there is
    /// no such key: the original API's bare answer.
    pub fn payload<T: From<Object>>(self, key: &str) -> Result<Document<T>> {
        let mut fields = self.fields;
        match fields.remove(key) {
            // An envelope (it says whether it succeeded) without its payload is not a bare answer.
            None if fields.contains_key("success") => Err(Error::bad_response(format!(
                "the server's answer has no `{key}`"
            ))),
            None => whole(self.text),
            Some(raw) if raw.get().starts_with('{') => Ok(Document::from_raw(raw)),
            Some(_) => Err(Error::bad_response(format!(
                "the server's response has no usable `{key}` object"
            ))),
        }
    }
}

fn whole<T: From<Object>>(text: String) -> Result<Document<T>> {
    Ok(Document::from_raw(
        RawValue::from_string(text).map_err(not_json)?,
    ))
}

fn error_text(error: &Value) -> Option<String> {
    let error = error.as_object()?;
    ["user_message", "developer_message"]
        .into_iter()
        .find_map(|key| error.get(key)?.as_str().filter(|s| !s.trim().is_empty()))
        .map(str::to_string)
}

/// The human message of an ErrorResponse body, best field first; `None` for anything else.
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    check_depth(body).ok()?;
    #[derive(Deserialize)]
    struct ErrorResponse {
        error: Option<Value>,
    }
    let parsed: ErrorResponse = serde_json::from_slice(body).ok()?;
    error_text(parsed.error.as_ref()?)
}

fn check_reported(success: Option<Value>, error: Option<Value>, status: u16) -> Result<()> {
    if success.as_ref().and_then(lenient_bool) == Some(false) {
        let message = error
            .as_ref()
            .and_then(error_text)
            .unwrap_or_else(|| "the API reported a failure".into());
        return Err(Error::api(status, message));
    }
    Ok(())
}

/// A `list` response (ConversationsResponse), read in one pass: the summaries stay the server's
/// text, and only the small envelope fields are decoded.
pub fn parse_page(body: &[u8], status: u16) -> Result<Page> {
    #[derive(Deserialize)]
    struct Envelope {
        conversations: Option<Vec<Box<RawValue>>>,
        metadata: Option<Value>,
        success: Option<Value>,
        error: Option<Value>,
    }
    if body.trim_ascii_start().first() != Some(&b'{') {
        // Not an object at all: the general parser says what it is instead (empty, an array…).
        Root::parse(body)?;
    }
    check_depth(body)?;
    let envelope: Envelope = serde_json::from_slice(body).map_err(|error| {
        if error.is_data() {
            Error::bad_response("the server's `conversations` field is not an array")
        } else {
            not_json(error)
        }
    })?;
    check_reported(envelope.success, envelope.error, status)?;
    let rows = objects(envelope.conversations.unwrap_or_default(), "conversations")?;
    let result_set = match envelope.metadata {
        Some(Value::Object(metadata)) => Object(metadata)
            .object("result_set")
            .map(|set| ResultSet::from_object(&set))
            .unwrap_or_default(),
        _ => ResultSet::default(),
    };
    Ok(Page { rows, result_set })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::Conversation;

    #[test]
    fn numbers_keep_their_text() {
        let body =
            br#"{"conversation": {"big": 123456789012345678901234567890, "f": 1.50, "e": 1e400}}"#;
        let document: Document<Conversation> =
            Root::parse(body).unwrap().payload("conversation").unwrap();
        assert_eq!(
            serde_json::to_string(&document).unwrap(),
            r#"{"big": 123456789012345678901234567890, "f": 1.50, "e": 1e400}"#
        );
    }

    #[test]
    fn envelopes_unwrap_and_bare_objects_pass() {
        let wrapped = br#"{"conversation": {"conversation_uuid": "u"}, "success": true}"#;
        let inner: Document<Conversation> = Root::parse(wrapped)
            .unwrap()
            .payload("conversation")
            .unwrap();
        assert_eq!(inner.read().unwrap().str("conversation_uuid"), Some("u"));
        let bare: Document<Conversation> = Root::parse(br#"{"conversation_uuid": "u"}"#)
            .unwrap()
            .payload("conversation")
            .unwrap();
        assert_eq!(bare.read().unwrap().str("conversation_uuid"), Some("u"));
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
    fn non_objects_are_bad_responses() {
        for body in [&b""[..], b"  ", b"[]", b"null", b"{\"a\":", b"<html>"] {
            let error = Root::parse(body).err().unwrap();
            assert_eq!(
                error.exit_code(),
                crate::error::exit::BAD_RESPONSE,
                "{body:?}"
            );
        }
    }

    #[test]
    fn fields_are_added_in_front_and_the_rest_kept_verbatim() {
        let page = parse_page(
            br#"{"conversations": [{"n": 1e400, "queue_name": "Q"}, {}]}"#,
            200,
        )
        .unwrap();
        let added = page.rows[0]
            .with_fields(&[("queue_name", "X".into()), ("event", "e".into())])
            .unwrap();
        assert_eq!(
            serde_json::to_string(&added).unwrap(),
            r#"{"event":"e","n": 1e400, "queue_name": "Q"}"#
        );
        let empty = page.rows[1].with_fields(&[("a", 1.into())]).unwrap();
        assert_eq!(serde_json::to_string(&empty).unwrap(), r#"{"a":1}"#);
    }

    #[test]
    fn nesting_is_bounded_and_strings_do_not_count() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(check_depth(deep(MAX_DEPTH).as_bytes()).is_ok());
        assert!(check_depth(deep(MAX_DEPTH + 1).as_bytes()).is_err());
        let quoted = format!("{{\"a\": \"{}\\\"\"}}", "[".repeat(1000));
        assert!(check_depth(quoted.as_bytes()).is_ok());
    }

    #[test]
    fn an_unreadable_row_is_an_error_not_a_blank() {
        // A lone surrogate passes the raw scan but cannot become a string.
        let page = parse_page(br#"{"conversations": [{"a": "\ud800"}]}"#, 200).unwrap();
        assert_eq!(page.rows.len(), 1);
        assert_eq!(
            page.rows[0].read().err().unwrap().exit_code(),
            crate::error::exit::BAD_RESPONSE
        );
    }
}
