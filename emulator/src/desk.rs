//! The help desk's fixtures (docs/api.md): canned messages (and their search), departments, permissions.
//!
//! All of it is fixed data: the real API lets administrators edit these elsewhere, and nothing
//! ucconv does changes them. Lists come in the order the SDK documents ("ordered by short_code",
//! "ordered by name").

use axum::Json;
use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::State;
use crate::data::MERCHANT_ID;
use crate::handlers::{json_body, payload};
use crate::hostile::hostile;
use crate::profiles::AGENTS;
use crate::routes::{Shared, error};

/// (oid, short code, text, department oids); the oids are not in short-code order, so a client
/// that shows them as listed is seen to keep the server's order.
const CANNED: &[(u64, &str, &str, &[u64])] = &[
    (
        11,
        "hello",
        "Hi there! Thanks for contacting Demo Store. How can I help you today?",
        &[101, 102, 103],
    ),
    (
        12,
        "refund",
        "I've issued a refund to your original payment method. It takes 3-5 business days to appear.",
        &[101, 103],
    ),
    (
        13,
        "shipping",
        "Orders ship within 1 business day; standard delivery takes 3-5 business days in the US.",
        &[101, 102],
    ),
    (
        14,
        "hours",
        "Our team is here Monday to Friday, 9am to 6pm Eastern, and Saturdays 10am to 2pm.",
        &[101, 102, 103],
    ),
    (
        15,
        "return",
        "You can start a return within 30 days at https://shop.example.com/returns and we'll email you a prepaid label.",
        &[103],
    ),
    (
        16,
        "thanks",
        "Thanks for chatting with us! Is there anything else I can help with?",
        &[],
    ),
];

/// (oid, name, the user ids of its members); every agent is listed in every department, with
/// `member` saying whether they belong, as a department editor would show them.
const DEPARTMENTS: &[(u64, &str, &[u64])] = &[
    (101, "Support", &[1001, 1002, 1003, 1004, 1006]),
    (102, "Sales", &[1001, 1002, 1005, 1006]),
    (103, "Returns", &[1003, 1004, 1006]),
];

/// The canned messages in short-code order; `hostile_text` laces their text, the same each time.
fn canned_messages(state: &State) -> Vec<Value> {
    let mut rng = fastrand::Rng::with_seed(state.options.seed ^ 0x0bad_ca77);
    let mut all: Vec<Value> = CANNED
        .iter()
        .map(|(oid, short_code, text, departments)| {
            let text = if state.options.hostile_text {
                hostile(text, &mut rng)
            } else {
                text.to_string()
            };
            json!({
                "conversation_canned_message_oid": oid,
                "short_code": short_code,
                "canned_message": text,
                "conversation_department_oids": departments
            })
        })
        .collect();
    all.sort_by(|a, b| a["short_code"].as_str().cmp(&b["short_code"].as_str()));
    all
}

/// `GET /conversation/canned_messages`.
pub(crate) async fn canned(Extract(state): Extract<Shared>) -> Response {
    let all = canned_messages(&state);
    Json(payload(&state, "conversation_canned_messages", all.into())).into_response()
}

fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

/// `POST /conversation/canned_messages/search` with `{"short_code", "max_results"}`: the
/// messages whose short code contains the given one, ignoring case; at most `max_results`.
pub(crate) async fn search_canned(
    Extract(state): Extract<Shared>,
    body: Bytes,
) -> Result<Response, Response> {
    let request = match json_body(&body)? {
        None => Value::Object(Default::default()),
        Some(object @ Value::Object(_)) => object,
        Some(_) => return Err(bad_request("The body must be a JSON object.")),
    };
    let wanted = match &request["short_code"] {
        Value::Null => String::new(),
        Value::String(code) => code.to_lowercase(),
        _ => return Err(bad_request("short_code must be a string.")),
    };
    let max = match &request["max_results"] {
        Value::Null => usize::MAX,
        value => value
            .as_u64()
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            .ok_or_else(|| bad_request("max_results must be a non-negative integer."))?,
    };
    let found: Vec<Value> = canned_messages(&state)
        .into_iter()
        .filter(|m| {
            m["short_code"]
                .as_str()
                .is_some_and(|code| code.to_lowercase().contains(&wanted))
        })
        .take(max)
        .collect();
    Ok(Json(payload(
        &state,
        "conversation_canned_messages",
        found.into(),
    ))
    .into_response())
}

/// `GET /conversation/departments`, by name.
pub(crate) async fn departments(Extract(state): Extract<Shared>) -> Response {
    let mut all: Vec<Value> = DEPARTMENTS
        .iter()
        .map(|(oid, name, members)| {
            let members: Vec<Value> = AGENTS
                .iter()
                .map(|agent| {
                    json!({
                        "user_id": agent.user_id,
                        "name": agent.name,
                        "member": members.contains(&agent.user_id),
                        "ai": agent.ai
                    })
                })
                .collect();
            json!({
                "conversation_department_oid": oid,
                "department_name": name,
                "merchant_id": MERCHANT_ID,
                "members": members,
                "settings": {}
            })
        })
        .collect();
    all.sort_by(|a, b| {
        a["department_name"]
            .as_str()
            .cmp(&b["department_name"].as_str())
    });
    Json(payload(&state, "conversation_departments", all.into())).into_response()
}

/// `GET /conversation/permissions`: what [`crate::Options::edit_settings`] says.
pub(crate) async fn permissions(Extract(state): Extract<Shared>) -> Response {
    let permissions = json!({"edit_settings": state.options.edit_settings});
    Json(payload(&state, "permissions", permissions)).into_response()
}
