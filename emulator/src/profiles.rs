//! Agent profiles: the emulator agent's own (read and replaced whole, unknown fields kept) and everyone's.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::data::AGENT_NAME;
use crate::handlers::{json_body, payload};
use crate::queues::AGENT_STATUSES;
use crate::routes::{Shared, error};
use crate::{State, lock};

/// The emulator agent's user id, as `auth` reports it.
pub const AGENT_USER_ID: u64 = 1001;

pub(crate) struct Agent {
    pub user_id: u64,
    pub name: &'static str,
    pub display_name: &'static str,
    pub default_status: &'static str,
    pub ai: bool,
}

/// Everyone who can chat: the emulator agent first, then the colleagues the queues list, then a
/// virtual agent, so clients meet an `ai: true` profile.
pub(crate) const AGENTS: &[Agent] = &[
    Agent {
        user_id: AGENT_USER_ID,
        name: AGENT_NAME,
        display_name: "Emulator",
        default_status: "available",
        ai: false,
    },
    Agent {
        user_id: 1002,
        name: "Morgan (Support)",
        display_name: "Morgan",
        default_status: "busy",
        ai: false,
    },
    Agent {
        user_id: 1003,
        name: "Riley (Support)",
        display_name: "Riley",
        default_status: "available",
        ai: false,
    },
    Agent {
        user_id: 1004,
        name: "Casey (Support)",
        display_name: "Casey",
        default_status: "unavailable",
        ai: false,
    },
    Agent {
        user_id: 1005,
        name: "Jordan (Sales)",
        display_name: "Jordan",
        default_status: "available",
        ai: false,
    },
    Agent {
        user_id: 1006,
        name: "Ultra Assistant (AI)",
        display_name: "Ultra Assistant",
        default_status: "available",
        ai: true,
    },
];

/// A seeded ConversationAgentProfile; the AI fields are filled in only for a virtual agent.
fn profile(agent: &Agent) -> Value {
    let ai = |value: Value| if agent.ai { value } else { Value::Null };
    json!({
        "user_id": agent.user_id,
        "name": agent.name,
        "display_name": agent.display_name,
        "default_status": agent.default_status,
        "default_language_iso_code": "en",
        "chat_limit": if agent.ai { 25 } else { 3 },
        "profile_image_url": (agent.user_id == 1002 || agent.ai)
            .then(|| format!("https://media.example.com/agents/{}.png", agent.user_id)),
        "profile_image_upload_key": null,
        "ai": agent.ai,
        "ai_persona": ai("Friendly, concise and upbeat; never pushy.".into()),
        "ai_chat_instructions": ai("Greet the visitor by name when known. Hand over to a person for refunds.".into()),
        "ai_sms_instructions": ai("Keep replies under 300 characters.".into()),
        "ai_voice_instructions": null,
        "ai_ticket_instructions": null,
        "ai_voice_personality": ai("Eve".into()),
        "ai_capabilities": ai(json!({
            "access_storefront_and_item": true,
            "lookup_order_information": true,
            "lookup_subscription_information": true,
            "open_support_ticket": true,
            "cancel_subscription": false,
            "delay_subscription": false,
            "generate_coupon": false
        }))
    })
}

/// The emulator agent's profile as first seeded.
pub(crate) fn seed_profile() -> Map<String, Value> {
    match profile(&AGENTS[0]) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The stored profile; `user_id` is always the emulator agent's, whatever an update sent.
pub(crate) fn stored(state: &State) -> Value {
    let mut map = lock(&state.agent_profile).clone();
    map.insert("user_id".into(), AGENT_USER_ID.into());
    Value::Object(map)
}

/// `GET /conversation/agent/profile`.
pub(crate) async fn get_profile(Extract(state): Extract<Shared>) -> Response {
    Json(payload(&state, "agent_profile", stored(&state))).into_response()
}

fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

/// Checks the fields the emulator understands; every other field is kept as it came.
fn check(profile: &Map<String, Value>) -> Result<(), Response> {
    match profile.get("default_status") {
        None | Some(Value::Null) => {}
        Some(Value::String(status)) if AGENT_STATUSES.contains(&status.as_str()) => {}
        Some(_) => {
            return Err(bad_request(
                "default_status must be available, busy or unavailable.",
            ));
        }
    }
    match profile.get("chat_limit") {
        None | Some(Value::Null) => Ok(()),
        Some(limit) if limit.is_u64() => Ok(()),
        Some(_) => Err(bad_request("chat_limit must be a non-negative integer.")),
    }
}

/// `PUT /conversation/agent/profile` with a whole ConversationAgentProfile: it replaces the
/// stored one (a field left out is gone, as with any whole-object update).
pub(crate) async fn put_profile(
    Extract(state): Extract<Shared>,
    body: Bytes,
) -> Result<Response, Response> {
    let profile = match json_body(&body)? {
        Some(Value::Object(map)) => map,
        None => return Err(bad_request("A ConversationAgentProfile body is required.")),
        Some(_) => {
            return Err(bad_request(
                "The body must be a ConversationAgentProfile JSON object.",
            ));
        }
    };
    check(&profile)?;
    *lock(&state.agent_profile) = profile;
    Ok(Json(payload(&state, "agent_profile", stored(&state))).into_response())
}

/// `GET /conversation/agent/profiles`: every agent with `user_id` filled in, the emulator
/// agent's as stored.
pub(crate) async fn get_profiles(Extract(state): Extract<Shared>) -> Response {
    let profiles: Vec<Value> = std::iter::once(stored(&state))
        .chain(AGENTS[1..].iter().map(profile))
        .collect();
    Json(payload(&state, "agent_profiles", profiles.into())).into_response()
}
