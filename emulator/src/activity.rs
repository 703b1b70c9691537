//! Generated activity: customers writing in and joining queues, on a timer, on demand, or from `/_emulator`.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde_json::Value;

use crate::data::{self, AGENT_ARN, CUSTOMER_LINES, Message, dts};
use crate::handlers::json_body;
use crate::hostile::hostile;
use crate::queues::{self, QueueEntry};
use crate::routes::{Shared, error};
use crate::{State, lock};

/// The time for a conversation's next message: now, but strictly after its newest message even
/// when the clock is frozen or behind, so that `message_epoch` always increases. Messages keep
/// whole seconds (their `message_dts` cannot show less), so "strictly after" is the next second.
fn next_message_time(now: Timestamp, newest_epoch: Option<i64>) -> Timestamp {
    let now = data::whole_second(now);
    match newest_epoch {
        Some(newest) if newest >= now.as_millisecond() => {
            let next = (newest.div_euclid(1000) + 1) * 1000;
            Timestamp::from_millisecond(next).unwrap_or(now)
        }
        _ => now,
    }
}

fn is_customer(arn: &str) -> bool {
    arn.contains(":participant:customer:")
}

/// A message from the customer of the conversation with `uuid` (a random open one when `None`),
/// saying `body` (a random customer line when `None`). The conversation moves to the front of
/// the list, unread. Returns the conversation's uuid and the message, or `None` when there is no
/// such conversation (or no open one to pick).
pub(crate) fn add_message(
    state: &State,
    uuid: Option<&str>,
    body: Option<&str>,
) -> Option<(String, Message)> {
    let now = state.now();
    let mut conversations = lock(&state.conversations);
    let mut rng = lock(&state.rng);
    let index = match uuid {
        Some(uuid) => conversations
            .iter()
            .position(|c| c.conversation_uuid == uuid)?,
        None => {
            let open: Vec<usize> = (0..conversations.len())
                .filter(|&i| !conversations[i].closed)
                .collect();
            *open.get(rng.usize(..open.len().max(1)))?
        }
    };
    let body = match body {
        Some(body) => body.to_string(),
        None => {
            let line = CUSTOMER_LINES[rng.usize(..CUSTOMER_LINES.len())];
            if state.options.hostile_text {
                hostile(line, &mut rng)
            } else {
                line.to_string()
            }
        }
    };
    let message_uuid = data::uuid(&mut rng);
    drop(rng);

    let mut conversation = conversations.remove(index);
    // The customer writes; a conversation started with other participants falls back to one of them.
    let author = conversation
        .participants
        .iter()
        .position(|p| is_customer(&p.conversation_participant_arn))
        .or_else(|| {
            conversation
                .participants
                .iter()
                .position(|p| p.conversation_participant_arn != AGENT_ARN)
        })
        .unwrap_or(0);
    let at = next_message_time(
        now,
        conversation.messages.iter().map(|m| m.message_epoch).max(),
    );
    let message_dts = conversation.bad_dates.clone().unwrap_or_else(|| dts(at));
    let Some(writer) = conversation.participants.get(author) else {
        conversations.insert(index, conversation);
        return None;
    };
    let message = Message {
        conversation_message_uuid: message_uuid,
        author_conversation_participant_arn: writer.conversation_participant_arn.clone(),
        author_conversation_participant_name: writer.conversation_participant_name.clone(),
        body,
        media_urls: Vec::new(),
        message_dts: message_dts.clone(),
        message_epoch: at.as_millisecond(),
        kind: "message".into(),
        language_iso_code: writer.language_iso_code.clone(),
        transport_statuses: vec![serde_json::json!({"status": "delivered"})],
    };
    for (position, participant) in conversation.participants.iter_mut().enumerate() {
        if position == author {
            participant.last_message_dts = Some(message_dts.clone());
        } else if participant.left_dts.is_none() {
            participant.unread_messages += 1;
        }
    }
    conversation.messages.push(message.clone());
    conversation.unread_messages = true;
    conversation.last_activity = conversation.last_activity.max(at);
    let conversation_uuid = conversation.conversation_uuid.clone();
    conversations.insert(0, conversation);
    Some((conversation_uuid, message))
}

/// A customer joining the named queue (a random one when `None`), with the given or a random
/// name and question; `None` when there is no such queue.
pub(crate) fn add_waiting(
    state: &State,
    queue_name: Option<&str>,
    name: Option<&str>,
    question: Option<&str>,
) -> Option<QueueEntry> {
    let now = state.now();
    let mut queues = lock(&state.queues);
    let mut rng = lock(&state.rng);
    let index = match queue_name {
        Some(wanted) => queues.iter().position(|q| q.name == wanted)?,
        None if queues.is_empty() => return None,
        None => rng.usize(..queues.len()),
    };
    let (random_name, random_question) = queues::random_customer(&mut rng);
    let lace = |text: String, rng: &mut fastrand::Rng| {
        if state.options.hostile_text {
            hostile(&text, rng)
        } else {
            text
        }
    };
    let name = match name {
        Some(name) => name.to_string(),
        None => lace(random_name, &mut rng),
    };
    let question = match question {
        Some(question) => question.to_string(),
        None => lace(random_question, &mut rng),
    };
    let queue = &mut queues[index];
    let entry = QueueEntry::new(&mut rng, &queue.name, &name, &question, now);
    queue.push_entry(entry.clone());
    Some(entry)
}

/// Every `every`, a customer writes in and another joins a queue, until the runtime stops.
pub(crate) async fn run(state: Arc<State>, every: Duration) {
    // tokio's interval panics on zero; a millisecond is as busy as anyone means.
    let every = every.max(Duration::from_millis(1));
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        add_message(&state, None, None);
        add_waiting(&state, None, None, None);
    }
}

/// The optional string `key` of a control request; anything else there is a 400.
fn text<'a>(request: &'a Value, key: &str) -> Result<Option<&'a str>, Response> {
    match request.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(error(
            StatusCode::BAD_REQUEST,
            &format!("{key} must be a string."),
        )),
    }
}

fn control_request(body: &Bytes) -> Result<Value, Response> {
    let request = json_body(body)?.unwrap_or_else(|| Value::Object(Default::default()));
    if request.is_object() {
        Ok(request)
    } else {
        Err(error(
            StatusCode::BAD_REQUEST,
            "The body must be a JSON object.",
        ))
    }
}

/// `POST /_emulator/message`: the new message, plus the `conversation_uuid` it went to.
pub(crate) async fn control_message(
    Extract(state): Extract<Shared>,
    body: Bytes,
) -> Result<Response, Response> {
    let request = control_request(&body)?;
    let uuid = text(&request, "conversation_uuid")?;
    let (conversation_uuid, message) = add_message(&state, uuid, text(&request, "body")?)
        .ok_or_else(|| match uuid {
            Some(uuid) => error(
                StatusCode::NOT_FOUND,
                &format!("Conversation {uuid} was not found."),
            ),
            None => error(StatusCode::NOT_FOUND, "There is no open conversation."),
        })?;
    let mut value = serde_json::to_value(&message).unwrap_or(Value::Null);
    value["conversation_uuid"] = conversation_uuid.into();
    Ok(Json(value).into_response())
}

/// `POST /_emulator/waiting`: the new queue entry.
pub(crate) async fn control_waiting(
    Extract(state): Extract<Shared>,
    body: Bytes,
) -> Result<Response, Response> {
    let request = control_request(&body)?;
    let queue = text(&request, "queue_name")?;
    let entry = add_waiting(
        &state,
        queue,
        text(&request, "name")?,
        text(&request, "question")?,
    )
    .ok_or_else(|| {
        error(
            StatusCode::NOT_FOUND,
            &format!("Queue {} was not found.", queue.unwrap_or_default()),
        )
    })?;
    Ok(Json(serde_json::to_value(&entry).unwrap_or(Value::Null)).into_response())
}
