//! The agent's live-loop endpoints of docs/api.md §3–4: queue statuses, the agent's status, messages since, markread, take.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::data::{self, AGENT_ARN, AGENT_NAME, Conversation, Message, Participant, dts};
use crate::handlers::{conversation_arn, done, envelope, find, json_body, parse_number, started};
use crate::queues::AGENT_STATUSES;
use crate::routes::{Shared, error};
use crate::{Shape, State, lock};

/// `messages/{since}`'s `limit` when none is given, and the most it may ask for (assumed: the
/// SDK documents neither).
const MESSAGES_DEFAULT_LIMIT: usize = 100;
const MESSAGES_MAX_LIMIT: usize = 1000;

/// `GET …/queues/statuses`. The operation is newer than the original API, so both shapes wrap it.
pub(crate) async fn queue_statuses(Extract(state): Extract<Shared>) -> Response {
    let statuses: Vec<Value> = lock(&state.queues).iter().map(|q| q.status()).collect();
    Json(json!({
        "queue_statuses": statuses,
        "error": null,
        "metadata": {"payload_name": "queue_statuses"},
        "success": true,
        "warning": null
    }))
    .into_response()
}

fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

/// An optional string field of a request body: absent and `null` are the same.
fn optional_text<'a>(request: &'a Value, key: &str) -> Result<Option<&'a str>, Response> {
    match request.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(bad_request(&format!("{key} must be a string."))),
    }
}

/// `PUT …/queues/{queue_name}/status`: the emulator agent's status in that queue.
pub(crate) async fn update_status(
    Extract(state): Extract<Shared>,
    Path(queue_name): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    let request = json_body(&body)?.unwrap_or(Value::Null);
    let status = request
        .get("agent_status")
        .and_then(Value::as_str)
        .filter(|status| AGENT_STATUSES.contains(status))
        .ok_or_else(|| bad_request("agent_status must be available, busy or unavailable."))?;
    let custom = match (
        optional_text(&request, "custom_status_uuid")?,
        optional_text(&request, "custom_status_name")?,
    ) {
        (Some(uuid), Some(name)) => Some((uuid.to_string(), name.to_string())),
        (None, None) => None,
        _ => {
            return Err(bad_request(
                "custom_status_uuid and custom_status_name go together: give both or neither.",
            ));
        }
    };
    let mut queues = lock(&state.queues);
    let queue = queues
        .iter_mut()
        .find(|q| q.name == queue_name)
        .ok_or_else(|| {
            error(
                StatusCode::NOT_FOUND,
                &format!("Queue {queue_name} was not found."),
            )
        })?;
    let agent = queue.emulator_agent();
    agent.status = status.to_string();
    agent.custom_status = custom;
    Ok(done(&state))
}

/// `GET …/{uuid}/messages/{since}?limit=N`.
pub(crate) async fn messages(
    Extract(state): Extract<Shared>,
    Path((uuid, since)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    let since = since
        .parse::<u64>()
        .ok()
        .and_then(|since| i64::try_from(since).ok())
        .ok_or_else(|| bad_request("since must be a non-negative integer (epoch milliseconds)."))?;
    let limit = parse_number(&query, "limit")?.unwrap_or(MESSAGES_DEFAULT_LIMIT);
    if !(1..=MESSAGES_MAX_LIMIT).contains(&limit) {
        return Err(bad_request(&format!(
            "Parameter limit must be between 1 and {MESSAGES_MAX_LIMIT}."
        )));
    }
    let mut conversations = lock(&state.conversations);
    let conversation = find(&mut conversations, &uuid)?;
    let messages = conversation.messages_since(since, limit, state.options.shape);
    let body = match state.options.shape {
        Shape::Original => json!({"conversation_messages": messages}),
        Shape::Current => envelope(&state, "conversation_messages", messages),
    };
    Ok(Json(body).into_response())
}

/// `PUT …/{uuid}/markread`: nothing in the conversation is unread any more.
pub(crate) async fn markread(
    Extract(state): Extract<Shared>,
    Path(uuid): Path<String>,
) -> Result<Response, Response> {
    let mut conversations = lock(&state.conversations);
    let conversation = find(&mut conversations, &uuid)?;
    conversation.unread_messages = false;
    for participant in &mut conversation.participants {
        participant.unread_messages = 0;
    }
    drop(conversations);
    Ok(done(&state))
}

/// `start` with `conversation_webchat_queue_uuid`: the waiting customer becomes a conversation
/// with the emulator agent, opening with their question; any `arns` join too.
pub(crate) fn take(
    state: &State,
    request: &Value,
    entry_uuid: &str,
    arns: Vec<String>,
) -> Result<Response, Response> {
    let now = state.now();
    let entry = lock(&state.queues)
        .iter_mut()
        .find_map(|q| q.take(entry_uuid, now))
        .ok_or_else(|| {
            error(
                StatusCode::NOT_FOUND,
                &format!("Queue entry {entry_uuid} was not found."),
            )
        })?;
    let mut rng = lock(&state.rng);
    let conversation_uuid = data::uuid(&mut rng);
    let mut customer = Participant::joined(
        data::uuid(&mut rng),
        entry.conversation_participant_arn.clone(),
        entry.conversation_participant_name.clone(),
        entry.joined,
    );
    customer.email = Some(entry.email.clone());
    customer.language_iso_code = entry.participant_language_iso_code.clone();
    customer.last_message_dts = Some(entry.join_dts.clone());
    let mut agent = Participant::joined(
        data::uuid(&mut rng),
        AGENT_ARN.into(),
        AGENT_NAME.into(),
        now,
    );
    agent.unread_messages = 1;
    let known = [
        customer.conversation_participant_arn.clone(),
        AGENT_ARN.into(),
    ];
    let others: Vec<Participant> = arns
        .into_iter()
        .filter(|arn| !known.contains(arn))
        .map(|arn| {
            let name = arn.rsplit(':').next().unwrap_or(&arn).to_string();
            Participant::joined(data::uuid(&mut rng), arn, name, now)
        })
        .collect();
    let question = Message {
        conversation_message_uuid: data::uuid(&mut rng),
        author_conversation_participant_arn: entry.conversation_participant_arn.clone(),
        author_conversation_participant_name: entry.conversation_participant_name.clone(),
        body: entry.question.clone(),
        media_urls: Vec::new(),
        message_dts: dts(entry.joined),
        message_epoch: entry.joined.as_millisecond(),
        kind: "message".into(),
        language_iso_code: entry.participant_language_iso_code.clone(),
        transport_statuses: vec![json!({"status": "delivered"})],
    };
    drop(rng);
    let conversation = Conversation {
        conversation_arn: conversation_arn(request, &conversation_uuid),
        conversation_uuid,
        start_dts: entry.joined,
        closed: false,
        visible: true,
        unread_messages: true,
        medium: "websocket".into(),
        sentiment: "NEUTRAL",
        base_language_iso_code: entry.participant_language_iso_code.clone(),
        participants: [customer, agent].into_iter().chain(others).collect(),
        messages: vec![question],
        last_activity: entry.joined,
        bad_dates: None,
    };
    Ok(started(state, conversation))
}
