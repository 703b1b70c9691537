//! `POST /conversation/conversations/search`: a ConversationSearchRequest's filters, order and range.
//!
//! The answer is `{range_begin, range_end, records, total}` with no success/metadata envelope, in
//! either shape (docs/api.md, search). What the SDK leaves open is assumed here, in one
//! place: dates are RFC 3339 and compared with the conversation's last activity (start
//! inclusive, end exclusive), `range_end` is exclusive, a range defaults to 50 rows and spans at
//! most [`MAX_RANGE`].

use axum::Json;
use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::data::Conversation;
use crate::handlers::{json_body, parse_time};
use crate::routes::{Shared, error};
use crate::{State, lock};

/// Rows in a range when the request gives no `range_end`.
const DEFAULT_RANGE: usize = 50;
/// The most rows one range spans; a longer one is cut to this.
pub const MAX_RANGE: usize = 200;
/// The `total` that [`crate::Options::search_ignores_range`] claims, so a client that pages until
/// `range_end >= total` would go on for thousands of pages unless it notices the repeats.
pub const HOSTILE_SEARCH_TOTAL: usize = 1_000_000;

fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

/// The request's fields, checked for type; absent and `null` are the same.
struct Request<'a>(&'a Map<String, Value>);

impl<'a> Request<'a> {
    fn text(&self, key: &str) -> Result<Option<&'a str>, Response> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(bad_request(&format!("{key} must be a string."))),
        }
    }

    fn flag(&self, key: &str) -> Result<Option<bool>, Response> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(_) => Err(bad_request(&format!("{key} must be true or false."))),
        }
    }

    fn index(&self, key: &str) -> Result<Option<usize>, Response> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
                .map(Some)
                .ok_or_else(|| bad_request(&format!("{key} must be a non-negative integer."))),
        }
    }

    fn time(&self, key: &str) -> Result<Option<Timestamp>, Response> {
        self.text(key)?
            .map(|text| {
                parse_time(text).ok_or_else(|| {
                    bad_request(&format!(
                        "{key} must be an RFC 3339 date/time, such as 2026-11-25T14:03:11+00:00."
                    ))
                })
            })
            .transpose()
    }
}

/// Every filter of a ConversationSearchRequest, lower-cased where matching ignores case.
struct Filters {
    text: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    language: Option<String>,
    medium: Option<String>,
    visible: Option<bool>,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
}

/// Phone numbers match on their digits, so `+1 (555) 010-2030` finds `+15550102030`.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

impl Filters {
    fn read(request: &Request) -> Result<Filters, Response> {
        let lower = |key: &str| -> Result<Option<String>, Response> {
            Ok(request.text(key)?.map(str::to_lowercase))
        };
        Ok(Filters {
            text: lower("text_search")?,
            email: lower("email_filter")?,
            phone: request.text("sms_phone_number_filter")?.map(|phone| {
                // A filter with no digits at all can only match as written.
                let only = digits(phone);
                if only.is_empty() {
                    phone.to_string()
                } else {
                    only
                }
            }),
            language: lower("language_filter")?,
            medium: lower("medium_filter")?,
            visible: request.flag("visible_filter")?,
            start: request.time("date_start")?,
            end: request.time("date_end")?,
        })
    }

    fn matches(&self, c: &Conversation) -> bool {
        let has = |haystack: &str, needle: &str| haystack.to_lowercase().contains(needle);
        let text_ok = self.text.as_deref().is_none_or(|needle| {
            c.messages.iter().any(|m| has(&m.body, needle))
                || c.participants
                    .iter()
                    .any(|p| has(&p.conversation_participant_name, needle))
        });
        let email_ok = self.email.as_deref().is_none_or(|needle| {
            c.participants
                .iter()
                .any(|p| p.email.as_deref().is_some_and(|email| has(email, needle)))
        });
        let phone_ok = self.phone.as_deref().is_none_or(|needle| {
            c.participants.iter().any(|p| {
                p.sms_phone_number
                    .as_deref()
                    .is_some_and(|phone| phone.contains(needle) || digits(phone).contains(needle))
            })
        });
        let language_ok = self.language.as_deref().is_none_or(|code| {
            c.base_language_iso_code.to_lowercase() == code
                || c.participants
                    .iter()
                    .any(|p| p.language_iso_code.to_lowercase() == code)
        });
        text_ok
            && email_ok
            && phone_ok
            && language_ok
            && self
                .medium
                .as_deref()
                .is_none_or(|m| c.medium.to_lowercase() == m)
            && self.visible.is_none_or(|v| c.visible == v)
            && self.start.is_none_or(|start| c.last_activity >= start)
            && self.end.is_none_or(|end| c.last_activity < end)
    }
}

/// The body as a JSON object: an empty body is an empty request (every field is optional).
fn request_object(body: &Bytes) -> Result<Map<String, Value>, Response> {
    match json_body(body)? {
        None => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(bad_request(
            "The body must be a ConversationSearchRequest JSON object.",
        )),
    }
}

pub(crate) async fn search(
    Extract(state): Extract<Shared>,
    body: Bytes,
) -> Result<Response, Response> {
    let map = request_object(&body)?;
    let request = Request(&map);
    let filters = Filters::read(&request)?;
    let newest = request.flag("order_by_newest")?;
    let oldest = request.flag("order_by_oldest")?;
    if newest == Some(true) && oldest == Some(true) {
        return Err(bad_request(
            "order_by_newest and order_by_oldest cannot both be true.",
        ));
    }
    let begin = request.index("range_begin")?.unwrap_or(0);
    let end = match request.index("range_end")? {
        Some(end) if end < begin => {
            return Err(bad_request("range_end must not be less than range_begin."));
        }
        Some(end) => end,
        None => begin.saturating_add(DEFAULT_RANGE),
    };
    // A longer range is cut rather than refused, as `_limit` caps are elsewhere in the API.
    let end = end.min(begin.saturating_add(MAX_RANGE));
    Ok(Json(answer(&state, &filters, oldest == Some(true), begin, end)).into_response())
}

fn answer(state: &State, filters: &Filters, oldest_first: bool, begin: usize, end: usize) -> Value {
    let conversations = lock(&state.conversations);
    let mut matching: Vec<&Conversation> = conversations
        .iter()
        .filter(|c| filters.matches(c))
        .collect();
    // Stable, so conversations with the same last activity keep the list's order (reversed for
    // oldest first, a mirror image of newest first).
    matching.sort_by_key(|c| std::cmp::Reverse(c.last_activity));
    if oldest_first {
        matching.reverse();
    }
    let total = matching.len();
    // The hostile server serves the first rows for every range, while echoing the range asked.
    let (rows, total) = if state.options.search_ignores_range {
        (0..(end - begin).min(total), HOSTILE_SEARCH_TOTAL.max(total))
    } else {
        (begin.min(total)..end.min(total), total)
    };
    let records: Vec<Value> = matching[rows]
        .iter()
        .map(|c| c.summary(state.options.shape))
        .collect();
    json!({
        "range_begin": begin,
        "range_end": end,
        "records": records,
        "total": total
    })
}
