//! The router, and the gate every request passes first: record it, apply a fault, check credentials.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde_json::json;

use crate::handlers::{self, auth, join, leave, list, start};
use crate::handlers_agent::{markread, messages, queue_statuses, update_status};
use crate::{API_VERSION, RecordedRequest, State, activity, context, desk, engagements, faults};
use crate::{lock, profiles, search};

pub(crate) type Shared = Arc<State>;

/// How many requests the log keeps; past it, the oldest half is dropped.
const REQUEST_LOG_LIMIT: usize = 100_000;

pub(crate) fn router(state: Shared) -> Router {
    let conversations = "/rest/v2/conversation/conversations";
    let root = "/rest/v2/conversation";
    // Routed outside the gate: a demo script's controls are neither recorded, faulted nor
    // authenticated, so they never disturb what a test asserts about the client's requests.
    let control = Router::new()
        .route("/_emulator/message", post(activity::control_message))
        .route("/_emulator/waiting", post(activity::control_waiting))
        .with_state(state.clone());
    Router::new()
        .route(conversations, get(list).put(start))
        .route(&format!("{conversations}/{{uuid}}"), get(handlers::get))
        .route(&format!("{conversations}/{{uuid}}/join"), put(join))
        .route(&format!("{conversations}/{{uuid}}/leave"), delete(leave))
        .route(&format!("{conversations}/{{uuid}}/markread"), put(markread))
        .route(
            &format!("{conversations}/{{uuid}}/messages/{{since}}"),
            get(messages),
        )
        .route(
            &format!("{conversations}/queues/statuses"),
            get(queue_statuses),
        )
        .route(
            &format!("{conversations}/queues/{{queue_name}}/status"),
            put(update_status),
        )
        .route(&format!("{conversations}/search"), post(search::search))
        .route(
            &format!("{conversations}/{{uuid}}/context"),
            put(context::context),
        )
        .route("/rest/v2/conversation/agent/auth", put(auth))
        .route(
            &format!("{root}/agent/profile"),
            get(profiles::get_profile).put(profiles::put_profile),
        )
        .route(
            &format!("{root}/agent/profiles"),
            get(profiles::get_profiles),
        )
        .route(&format!("{root}/canned_messages"), get(desk::canned))
        .route(
            &format!("{root}/canned_messages/search"),
            post(desk::search_canned),
        )
        .route(&format!("{root}/departments"), get(desk::departments))
        .route(&format!("{root}/permissions"), get(desk::permissions))
        .route(
            &format!("{root}/engagements"),
            get(engagements::list).post(engagements::create),
        )
        .route(
            &format!("{root}/engagements/{{oid}}"),
            get(engagements::get)
                .put(engagements::update)
                .delete(engagements::delete),
        )
        .fallback(|| async { error(StatusCode::NOT_FOUND, "No such endpoint.") })
        .layer(middleware::from_fn_with_state(state.clone(), gate))
        .with_state(state)
        .merge(control)
}

/// Decodes one query-string component (`+` is a space there).
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// An UltraCart ErrorResponse, with the `UC-REST-ERROR` header the real API adds.
pub(crate) fn error(status: StatusCode, user_message: &str) -> Response {
    let body = json!({
        "error": {
            "user_message": user_message,
            "developer_message": user_message,
            "error_code": null,
            "more_info": null,
            "object_id": null
        },
        "metadata": {},
        "success": false
    });
    let mut response = (status, Json(body)).into_response();
    if let Ok(value) = user_message.parse() {
        response.headers_mut().insert("UC-REST-ERROR", value);
    }
    response
}

fn record(state: &State, request: RecordedRequest) {
    let mut requests = lock(&state.requests);
    // A long-running emulator (scripts/try.sh, the benchmark) must not grow without bound.
    if requests.len() >= REQUEST_LOG_LIMIT {
        requests.drain(..REQUEST_LOG_LIMIT / 2);
    }
    requests.push(request);
}

async fn gate(Extract(state): Extract<Shared>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let method = parts.method.as_str().to_string();
    let path = parts.uri.path().to_string();
    record(
        &state,
        RecordedRequest {
            method: method.clone(),
            path: path.clone(),
            query: parts.uri.query().map(str::to_string),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.to_vec(),
        },
    );

    let fault = faults::take_matching(&mut lock(&state.faults), &method, &path);
    match fault {
        Some(faults::Fault::Delay(wait)) => tokio::time::sleep(wait).await,
        Some(faults::Fault::Hold(gate)) => {
            if let Ok(permit) = gate.acquire().await {
                permit.forget();
            }
        }
        Some(faults::Fault::Shift(count)) => handlers::add_conversations(&state, count),
        Some(fault) => {
            if let Some(response) = fault.response() {
                return response;
            }
        }
        None => {}
    }

    if let Some(rejection) = check_credentials(&state, &parts.headers) {
        return rejection;
    }
    next.run(Request::from_parts(parts, Body::from(body))).await
}

fn check_credentials(state: &State, headers: &HeaderMap) -> Option<Response> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let simple_key_ok = header("x-ultracart-simple-key")
        .is_some_and(|key| state.options.simple_keys.iter().any(|k| k == key));
    let token_ok = header("authorization")
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|token| state.options.oauth_tokens.iter().any(|t| t == token));
    if !simple_key_ok && !token_ok {
        return Some(error(
            StatusCode::UNAUTHORIZED,
            "Missing or invalid credentials. Supply a simple key or an OAuth bearer token.",
        ));
    }
    match header("x-ultracart-api-version") {
        Some(API_VERSION) => None,
        Some(other) => Some(error(
            StatusCode::BAD_REQUEST,
            &format!("Unsupported X-UltraCart-Api-Version {other}."),
        )),
        None => Some(error(
            StatusCode::BAD_REQUEST,
            "Missing X-UltraCart-Api-Version header.",
        )),
    }
}
