//! The tools that change things, offered only with `--allow-writes`. Nothing asks: the MCP
//! client's approval of the call is the confirmation `leave --yes` stands for.

use serde_json::{Value, json};

use super::inputs::{
    ConversationInput, JoinInput, ProfileSetInput, StartInput, StatusInput, TakeInput,
};
use super::{conversation, object};
use crate::api::client::{ApiClient, StartRequest};
use crate::api::live::StatusUpdate;
use crate::api::models::{
    PROFILE_CHAT_LIMIT, PROFILE_DEFAULT_STATUS, PROFILE_DISPLAY_NAME, PROFILE_LANGUAGE,
};
use crate::commands;
use crate::context::Context;
use crate::error::{Error, Result};

/// What `join`, `leave` and `mark-read` print with `--json`.
fn outcome(uuid: &str, action: &str) -> Value {
    json!({"conversation_uuid": uuid, "action": action, "ok": true})
}

pub(super) async fn join(input: JoinInput, ctx: &Context, client: &ApiClient) -> Result<Value> {
    let language = input.language.as_deref().map(str::trim);
    if let Some(code) = language
        && !(2..=8).contains(&code.len())
    {
        return Err(Error::usage(format!(
            "language {code:?} is not a language code such as en or es"
        )));
    }
    let uuid = conversation(input.conversation, "join", ctx, client).await?;
    client.join_conversation(&uuid, language).await?;
    Ok(outcome(&uuid, "join"))
}

pub(super) async fn leave(
    input: ConversationInput,
    ctx: &Context,
    client: &ApiClient,
) -> Result<Value> {
    let uuid = conversation(input, "leave", ctx, client).await?;
    client.leave_conversation(&uuid).await?;
    Ok(outcome(&uuid, "leave"))
}

pub(super) async fn mark_read(
    input: ConversationInput,
    ctx: &Context,
    client: &ApiClient,
) -> Result<Value> {
    let uuid = conversation(input, "mark-read", ctx, client).await?;
    client.mark_read(&uuid).await?;
    Ok(outcome(&uuid, "mark-read"))
}

pub(super) async fn start(input: StartInput, client: &ApiClient) -> Result<Value> {
    let blank = |s: &String| s.trim().is_empty();
    if input.participants.is_empty() || input.participants.iter().any(blank) {
        return Err(Error::usage(
            "participants needs one or more participant ARNs",
        ));
    }
    let request = StartRequest {
        add_conversation_participant_arns: input.participants,
        conversation_arn: input.conversation_arn.filter(|s| !blank(s)),
        conversation_webchat_queue_uuid: input.queue.filter(|s| !blank(s)),
    };
    object(&client.start_conversation(&request).await?)
}

pub(super) async fn take(input: TakeInput, ctx: &Context, client: &ApiClient) -> Result<Value> {
    let entry = input.entry.trim().to_string();
    // `choose` picks on a terminal only when no entry is given: never here.
    if entry.is_empty() {
        return Err(Error::usage_with_hint(
            "take needs the entry of a waiting customer",
            "the queue tool with view \"waiting\" lists them",
        ));
    }
    let entry = commands::take::choose(Some(entry), ctx, client).await?;
    let entry = entry.read()?;
    let request = StartRequest {
        add_conversation_participant_arns: entry.arn().map(str::to_string).into_iter().collect(),
        conversation_arn: None,
        conversation_webchat_queue_uuid: entry.uuid().map(str::to_string),
    };
    object(&client.start_conversation(&request).await?)
}

/// As `ucconv status STATE --queue …`: set in each queue named, or in all; `{items}` of what was
/// set where, the objects `status --json` prints.
pub(super) async fn status(input: StatusInput, client: &ApiClient) -> Result<Value> {
    let named: Vec<String> = input
        .queues
        .unwrap_or_default()
        .into_iter()
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty())
        .collect();
    let queues = match (input.all_queues.unwrap_or(false), named.is_empty()) {
        (true, false) => {
            return Err(Error::usage("give queues or all_queues, not both"));
        }
        (true, true) => {
            let mut names = Vec::new();
            for queue in &client.queue_statuses().await? {
                names.extend(queue.read()?.name().map(str::to_string));
            }
            names
        }
        (false, _) => named,
    };
    if queues.is_empty() {
        return Err(Error::usage_with_hint(
            "which queue? name them in queues, or set all_queues",
            "the queue tool lists the queues",
        ));
    }
    if input.custom_status.is_some() != input.custom_status_name.is_some() {
        return Err(Error::usage(
            "custom_status and custom_status_name go together: give both or neither",
        ));
    }
    let state = input.state.wire().to_string();
    let update = StatusUpdate {
        agent_status: state.clone(),
        custom_status_uuid: input.custom_status,
        custom_status_name: input.custom_status_name,
    };
    let mut items = Vec::new();
    for queue in queues {
        client.set_queue_status(&queue, &update).await?;
        items.push(json!({"queue_name": queue, "agent_status": state, "ok": true}));
    }
    Ok(json!({"items": items, "next_cursor": null}))
}

/// As `ucconv profile set`: read the whole profile, change the named fields, send it all back
/// (only when something changed); the saved profile.
pub(super) async fn profile_set(input: ProfileSetInput, client: &ApiClient) -> Result<Value> {
    let wanted: Vec<(&'static str, Value)> = [
        (PROFILE_DISPLAY_NAME, input.display_name.map(Value::from)),
        (
            PROFILE_DEFAULT_STATUS,
            input.default_status.map(|s| Value::from(s.wire())),
        ),
        (PROFILE_LANGUAGE, input.language.map(Value::from)),
        (PROFILE_CHAT_LIMIT, input.chat_limit.map(Value::from)),
    ]
    .into_iter()
    .filter_map(|(field, value)| Some((field, value?)))
    .collect();
    if wanted.is_empty() {
        return Err(Error::usage_with_hint(
            "profile_set needs a field to change",
            "display_name, default_status, language or chat_limit",
        ));
    }
    let current = client.agent_profile().await?;
    let mut profile = current.read()?.0.clone();
    let mut changed = false;
    for (field, value) in wanted {
        if profile.0.get(field) != Some(&value) {
            profile.0.insert(field.to_string(), value);
            changed = true;
        }
    }
    if !changed {
        return object(&current);
    }
    object(&client.update_agent_profile(&profile).await?)
}
