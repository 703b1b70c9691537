//! The six endpoints of docs/api.md §3: list, get, join, leave, start and agent auth, in either shape.
//!
//! `start` with a `conversation_webchat_queue_uuid` is the agent's take, in `handlers_agent`.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::{Timestamp, ToSpan};
use serde_json::{Value, json};

use crate::data::{self, AGENT_ARN, AGENT_NAME, Conversation, MERCHANT_ID, Participant, dts};
use crate::handlers_agent;
use crate::paging;
use crate::routes::{Shared, error};
use crate::{Shape, State, lock};

pub(crate) fn envelope(state: &State, key: &str, value: Value) -> Value {
    match state.options.shape {
        Shape::Original => value,
        Shape::Current => {
            let mut wrapped = json!({
                "error": null,
                "metadata": {"payload_name": key},
                "success": true,
                "warning": null
            });
            wrapped[key] = value;
            wrapped
        }
    }
}

/// The answer of an operation newer than the original API: the current shape's envelope, or in
/// the original shape just `{key: value}` (there is no bare form to fall back to).
pub(crate) fn payload(state: &State, key: &str, value: Value) -> Value {
    match state.options.shape {
        Shape::Original => json!({ key: value }),
        Shape::Current => envelope(state, key, value),
    }
}

pub(crate) fn parse_number(
    query: &HashMap<String, String>,
    name: &str,
) -> Result<Option<usize>, Response> {
    query
        .get(name)
        .map(|text| {
            text.parse::<usize>().map_err(|_| {
                error(
                    StatusCode::BAD_REQUEST,
                    &format!("Parameter {name} must be a non-negative integer."),
                )
            })
        })
        .transpose()
}

pub(crate) async fn list(
    Extract(state): Extract<Shared>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    let (limit, offset) = paging::limit_offset(&query)?;
    // The original API predates these filters and ignores them, as servers ignore unknown parameters.
    let current = state.options.shape == Shape::Current;
    let medium = query.get("medium").filter(|_| current);
    let before = match query.get("before").filter(|_| current) {
        Some(text) => Some(parse_time(text).ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "Parameter before must be an ISO-8601 date/time.",
            )
        })?),
        None => None,
    };

    let conversations = lock(&state.conversations);
    let matching: Vec<&Conversation> = conversations
        .iter()
        .filter(|c| medium.is_none_or(|m| &c.medium == m))
        .filter(|c| before.is_none_or(|b| c.last_activity < b))
        .collect();
    let (rows, result_set) = paging::page(&state, matching.len(), limit, offset);
    let page: Vec<Value> = matching[rows]
        .iter()
        .map(|c| c.summary(state.options.shape))
        .collect();
    Ok(Json(json!({
        "conversations": page,
        "error": null,
        "metadata": {
            "payload_name": "conversations",
            "result_set": result_set
        },
        "success": true,
        "warning": null
    }))
    .into_response())
}

/// Accepts what UltraCart sends: RFC 3339 with an offset, or a bare date/time taken as UTC.
pub(crate) fn parse_time(text: &str) -> Option<Timestamp> {
    text.parse::<Timestamp>().ok().or_else(|| {
        text.parse::<jiff::civil::DateTime>()
            .ok()
            .and_then(|dt| dt.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
            .map(|zoned| zoned.timestamp())
    })
}

/// The stored conversation with this uuid, or the 404 the API answers.
pub(crate) fn find<'a>(
    conversations: &'a mut [Conversation],
    uuid: &str,
) -> Result<&'a mut Conversation, Response> {
    conversations
        .iter_mut()
        .find(|c| c.conversation_uuid == uuid)
        .ok_or_else(|| {
            error(
                StatusCode::NOT_FOUND,
                &format!("Conversation {uuid} was not found."),
            )
        })
}

pub(crate) async fn get(
    Extract(state): Extract<Shared>,
    Path(uuid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    let message_limit =
        parse_number(&query, "limit")?.filter(|_| state.options.shape == Shape::Current);
    let mut conversations = lock(&state.conversations);
    let conversation = find(&mut conversations, &uuid)?;
    let value = conversation.full(state.options.shape, message_limit);
    Ok(Json(envelope(&state, "conversation", value)).into_response())
}

/// join and leave answer with no body in the original API and a bare success envelope in the current one.
pub(crate) fn done(state: &State) -> Response {
    match state.options.shape {
        Shape::Original => StatusCode::NO_CONTENT.into_response(),
        Shape::Current => Json(json!({"success": true, "metadata": {}})).into_response(),
    }
}

pub(crate) fn json_body(body: &Bytes) -> Result<Option<Value>, Response> {
    if body.is_empty() {
        return Ok(None);
    }
    serde_json::from_slice(body).map(Some).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            &format!("Malformed JSON body: {e}"),
        )
    })
}

pub(crate) async fn join(
    Extract(state): Extract<Shared>,
    Path(uuid): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    let request = json_body(&body)?;
    let language = match request
        .as_ref()
        .map(|r| &r["participant_language_iso_code"])
    {
        None | Some(Value::Null) => "en".to_string(),
        Some(Value::String(code)) => code.clone(),
        Some(_) => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "participant_language_iso_code must be a string.",
            ));
        }
    };
    let now = state.now();
    let participant_uuid = data::uuid(&mut lock(&state.rng));
    let mut conversations = lock(&state.conversations);
    let conversation = find(&mut conversations, &uuid)?;
    match conversation
        .participants
        .iter_mut()
        .find(|p| p.conversation_participant_arn == AGENT_ARN)
    {
        Some(agent) => {
            agent.status = "joined".into();
            agent.left_dts = None;
            agent.joined_dts = dts(now);
            agent.language_iso_code = language;
        }
        None => {
            let mut agent =
                Participant::joined(participant_uuid, AGENT_ARN.into(), AGENT_NAME.into(), now);
            agent.language_iso_code = language;
            conversation.participants.push(agent);
        }
    }
    Ok(done(&state))
}

pub(crate) async fn leave(
    Extract(state): Extract<Shared>,
    Path(uuid): Path<String>,
) -> Result<Response, Response> {
    let now = state.now();
    let mut conversations = lock(&state.conversations);
    let conversation = find(&mut conversations, &uuid)?;
    let agent = conversation
        .participants
        .iter_mut()
        .find(|p| p.conversation_participant_arn == AGENT_ARN && p.left_dts.is_none())
        .ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "You are not a participant in this conversation.",
            )
        })?;
    agent.status = "left".into();
    agent.left_dts = Some(dts(now));
    Ok(done(&state))
}

pub(crate) async fn start(
    Extract(state): Extract<Shared>,
    body: Bytes,
) -> Result<Response, Response> {
    let request = json_body(&body)?.ok_or_else(|| {
        error(
            StatusCode::BAD_REQUEST,
            "A ConversationStartRequest body is required.",
        )
    })?;
    let arns: Vec<String> = request["add_conversation_participant_arns"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    // Taking a waiting customer brings its own participant; otherwise somebody must be named.
    match &request["conversation_webchat_queue_uuid"] {
        Value::Null => {}
        Value::String(entry) => return handlers_agent::take(&state, &request, entry, arns),
        _ => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "conversation_webchat_queue_uuid must be a string.",
            ));
        }
    }
    if arns.is_empty() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "add_conversation_participant_arns must list at least one participant.",
        ));
    }
    let now = state.now();
    let mut rng = lock(&state.rng);
    let conversation_uuid = data::uuid(&mut rng);
    let participants = std::iter::once((AGENT_ARN.to_string(), AGENT_NAME.to_string()))
        .chain(arns.into_iter().map(|arn| {
            let name = arn.rsplit(':').next().unwrap_or(&arn).to_string();
            (arn, name)
        }))
        .map(|(arn, name)| Participant::joined(data::uuid(&mut rng), arn, name, now))
        .collect();
    drop(rng);
    let conversation = Conversation {
        conversation_arn: conversation_arn(&request, &conversation_uuid),
        conversation_uuid,
        start_dts: now,
        closed: false,
        visible: true,
        unread_messages: false,
        medium: "websocket".into(),
        sentiment: "NEUTRAL",
        base_language_iso_code: "en".into(),
        participants,
        messages: Vec::new(),
        last_activity: now,
        bad_dates: None,
    };
    Ok(started(&state, conversation))
}

/// The arn the start request asks for, or one made from the new conversation's uuid.
pub(crate) fn conversation_arn(request: &Value, conversation_uuid: &str) -> String {
    request["conversation_arn"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| {
            format!("arn:ultracart:conversation:{MERCHANT_ID}:conversation:{conversation_uuid}")
        })
}

/// Stores a new conversation first in the list and answers as `start` does in each shape.
pub(crate) fn started(state: &State, conversation: Conversation) -> Response {
    let body = match state.options.shape {
        Shape::Original => json!({
            "conversation_arn": conversation.conversation_arn,
            "conversation_uuid": conversation.conversation_uuid
        }),
        Shape::Current => json!({
            "conversation": conversation.full(Shape::Current, None),
            "error": null,
            "metadata": {},
            "success": true,
            "warning": null
        }),
    };
    lock(&state.conversations).insert(0, conversation);
    Json(body).into_response()
}

/// A JWT shaped like UltraCart's (header.payload.signature); the signature is not real.
fn fake_jwt(now: Timestamp) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let expires = now + 1.hour();
    let payload = json!({
        "sub": AGENT_ARN,
        "merchant_id": MERCHANT_ID,
        "iat": now.as_second(),
        "exp": expires.as_second()
    });
    let payload = URL_SAFE_NO_PAD.encode(payload.to_string());
    let signature = URL_SAFE_NO_PAD.encode(b"emulator-signature-not-verifiable");
    format!("{header}.{payload}.{signature}")
}

pub(crate) async fn auth(Extract(state): Extract<Shared>) -> Response {
    let jwt = fake_jwt(state.now());
    let websocket_url = format!("ws://{}/conversation/websocket", state.addr);
    let body = match state.options.shape {
        Shape::Original => json!({
            "conversation_participant_arn": AGENT_ARN,
            "jwt": jwt,
            "websocket_url": websocket_url
        }),
        Shape::Current => json!({
            "agent_auth": {
                "conversation_participant_arn": AGENT_ARN,
                "conversation_participant_name": AGENT_NAME,
                "jwt": jwt,
                "websocket_url": websocket_url,
                "merchant_id": MERCHANT_ID,
                "user_id": 1001,
                "group_ids": [7, 12],
                "chat_admin": false,
                "chat_user": true
            },
            "error": null,
            "metadata": {},
            "success": true,
            "warning": null
        }),
    };
    Json(body).into_response()
}

/// New conversations from customers, newest first, as if they had just written in.
pub(crate) fn add_conversations(state: &State, count: usize) {
    let now = state.now();
    let seed = lock(&state.rng).u64(..);
    let fresh = data::seed_conversations(count, seed, now + 1.hour(), state.options.hostile_text);
    lock(&state.conversations).splice(0..0, fresh);
}
