//! Engagements (proactive chat invitations): a paged list with create, read, update and delete.
//!
//! They are here mostly as "every other operation" of docs/api.md for a generic request
//! command to be tested against: enough rows to take three pages, `_limit`/`_offset` paging with
//! `metadata.result_set` like the conversation list (and the same hostile-server options), and
//! a body-carrying POST and PUT and a DELETE. The SDK's `get_conversation_engagements` lists no
//! paging parameters; paging them is the emulator's assumption that every list may page.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::handlers::{json_body, payload};
use crate::hostile::hostile;
use crate::routes::{Shared, error};
use crate::{State, lock, paging};

/// How many engagements are seeded: at the default `_limit` of 100, pages of 100, 100 and 30.
pub const SEEDED_ENGAGEMENTS: usize = 230;
const FIRST_OID: u64 = 5001;

/// What an engagement is about, and the greeting it opens with.
const KINDS: &[(&str, &str)] = &[
    (
        "Cart idle",
        "Still deciding? I can answer any question about your cart.",
    ),
    ("Checkout help", "Need a hand finishing your order?"),
    (
        "Exit intent",
        "Before you go: can I help you find something?",
    ),
    (
        "Pricing page",
        "Questions about pricing or bulk discounts? Ask away.",
    ),
    (
        "Returning visitor",
        "Welcome back! Anything I can help with today?",
    ),
    (
        "Shipping question",
        "Wondering when it will arrive? I can check shipping times.",
    ),
];
const VISITOR_TYPES: [&str; 3] = ["all", "first time", "returning"];

pub(crate) struct Engagements {
    pub rows: Vec<Value>,
    /// Never reused, so a deleted engagement's oid cannot come back as another one.
    next_oid: u64,
}

/// The seeded engagements, the same for the same seed; `hostile_text` laces names and greetings.
pub(crate) fn seed_engagements(seed: u64, hostile_text: bool) -> Engagements {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x00e6_9a9e);
    let mut hostile_rng = fastrand::Rng::with_seed(seed ^ 0x0bad_e6a9);
    let mut lace = |text: String| {
        if hostile_text {
            hostile(&text, &mut hostile_rng)
        } else {
            text
        }
    };
    let rows = (0..SEEDED_ENGAGEMENTS)
        .map(|index| {
            let (kind, greeting) = KINDS[index % KINDS.len()];
            let seconds = rng.u64(5..180);
            let page = ["/cart", "/checkout", "/pricing", "/catalog"][rng.usize(..4)];
            let departments: &[u64] = [&[101][..], &[102], &[101, 102]][rng.usize(..3)];
            json!({
                "conversation_engagement_oid": FIRST_OID + index as u64,
                "engagement_name": lace(format!("{kind} {:03}", index / KINDS.len() + 1)),
                "active": rng.u8(..10) < 8,
                "customer_greeting": lace(greeting.to_string()),
                "customer_initiated": false,
                "department_oids": departments,
                "time_on_page": seconds,
                "visitor_type": VISITOR_TYPES[rng.usize(..VISITOR_TYPES.len())],
                "equation": {
                    "groups": [{
                        "functions": [
                            {
                                "type": "current page url",
                                "current_page_url_logic": "contains",
                                "current_page_url_value": page
                            },
                            {
                                "type": "customers browsing time",
                                "customers_browsing_time_logic": "is at least",
                                "customers_browsing_time_seconds": seconds
                            }
                        ]
                    }]
                }
            })
        })
        .collect();
    Engagements {
        rows,
        next_oid: FIRST_OID + SEEDED_ENGAGEMENTS as u64,
    }
}

fn oid_of(row: &Value) -> Option<u64> {
    row["conversation_engagement_oid"].as_u64()
}

/// The SDK lists engagements "ordered by name"; the oid breaks ties so the order is total.
fn by_name(a: &Value, b: &Value) -> std::cmp::Ordering {
    let name = |row: &Value| {
        row["engagement_name"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    name(a).cmp(&name(b)).then(oid_of(a).cmp(&oid_of(b)))
}

/// `GET /conversation/engagements?_limit&_offset`, paged like the conversation list.
pub(crate) async fn list(
    Extract(state): Extract<Shared>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Response> {
    let (limit, offset) = paging::limit_offset(&query)?;
    let mut rows = lock(&state.engagements).rows.clone();
    rows.sort_by(by_name);
    let (served, result_set) = paging::page(&state, rows.len(), limit, offset);
    Ok(Json(json!({
        "conversation_engagements": rows[served].to_vec(),
        "error": null,
        "metadata": {"payload_name": "conversation_engagements", "result_set": result_set},
        "success": true,
        "warning": null
    }))
    .into_response())
}

fn parse_oid(text: &str) -> Result<u64, Response> {
    text.parse().map_err(|_| {
        error(
            StatusCode::BAD_REQUEST,
            "conversation_engagement_oid must be a non-negative integer.",
        )
    })
}

fn not_found(oid: u64) -> Response {
    error(
        StatusCode::NOT_FOUND,
        &format!("Engagement {oid} was not found."),
    )
}

/// A request body that must be a JSON object: an engagement.
fn engagement_body(body: &Bytes) -> Result<Map<String, Value>, Response> {
    match json_body(body)? {
        Some(Value::Object(map)) => Ok(map),
        None => Err(error(
            StatusCode::BAD_REQUEST,
            "A ConversationEngagement body is required.",
        )),
        Some(_) => Err(error(
            StatusCode::BAD_REQUEST,
            "The body must be a ConversationEngagement JSON object.",
        )),
    }
}

fn answer(state: &State, engagement: Value) -> Response {
    Json(payload(state, "conversation_engagement", engagement)).into_response()
}

/// `POST /conversation/engagements`: stores the body as a new engagement under a new oid (an
/// oid in the body is the server's to assign, so it is replaced).
pub(crate) async fn create(
    Extract(state): Extract<Shared>,
    body: Bytes,
) -> Result<Response, Response> {
    let mut engagement = engagement_body(&body)?;
    let mut engagements = lock(&state.engagements);
    let oid = engagements.next_oid;
    engagements.next_oid += 1;
    engagement.insert("conversation_engagement_oid".into(), oid.into());
    let engagement = Value::Object(engagement);
    engagements.rows.push(engagement.clone());
    drop(engagements);
    Ok(answer(&state, engagement))
}

/// `GET /conversation/engagements/{oid}`.
pub(crate) async fn get(
    Extract(state): Extract<Shared>,
    Path(oid): Path<String>,
) -> Result<Response, Response> {
    let oid = parse_oid(&oid)?;
    let found = lock(&state.engagements)
        .rows
        .iter()
        .find(|row| oid_of(row) == Some(oid))
        .cloned()
        .ok_or_else(|| not_found(oid))?;
    Ok(answer(&state, found))
}

/// `PUT /conversation/engagements/{oid}` with a whole engagement: replaces it, keeping its oid.
pub(crate) async fn update(
    Extract(state): Extract<Shared>,
    Path(oid): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    let oid = parse_oid(&oid)?;
    let mut engagement = engagement_body(&body)?;
    engagement.insert("conversation_engagement_oid".into(), oid.into());
    let engagement = Value::Object(engagement);
    let mut engagements = lock(&state.engagements);
    let row = engagements
        .rows
        .iter_mut()
        .find(|row| oid_of(row) == Some(oid))
        .ok_or_else(|| not_found(oid))?;
    *row = engagement.clone();
    drop(engagements);
    Ok(answer(&state, engagement))
}

/// `DELETE /conversation/engagements/{oid}`.
pub(crate) async fn delete(
    Extract(state): Extract<Shared>,
    Path(oid): Path<String>,
) -> Result<Response, Response> {
    let oid = parse_oid(&oid)?;
    let mut engagements = lock(&state.engagements);
    let index = engagements
        .rows
        .iter()
        .position(|row| oid_of(row) == Some(oid))
        .ok_or_else(|| not_found(oid))?;
    engagements.rows.remove(index);
    drop(engagements);
    Ok(
        Json(json!({"error": null, "metadata": {}, "success": true, "warning": null}))
            .into_response(),
    )
}
