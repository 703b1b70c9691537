//! Fault injection: what the emulator answers instead of the truth, for which requests, how many times.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

/// One way for the emulator to misbehave.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answer with exactly this response; the request is not acted on.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Wait this long, then serve the request as usual.
    Delay(Duration),
    /// Answer 200 with this body, one `chunk` bytes at a time, `pause` apart.
    Trickle {
        body: Vec<u8>,
        chunk: usize,
        pause: Duration,
    },
    /// Promise this body (Content-Length) but close the connection halfway through it.
    DropMidBody { body: Vec<u8> },
    /// Hold the request until the test adds a permit to the semaphore, then serve it as usual.
    Hold(Arc<Semaphore>),
    /// Start this many new conversations (listed first), then serve the request as usual: the
    /// list shifts under a client that is paging, as it does when customers write in.
    Shift(usize),
}

impl Fault {
    /// An UltraCart ErrorResponse body with `UC-REST-ERROR` set, as the real API sends.
    pub fn error(status: u16, user_message: &str) -> Fault {
        let body = json!({
            "error": {
                "user_message": user_message,
                "developer_message": format!("emulated fault: HTTP {status}"),
                "error_code": format!("E{status}"),
                "more_info": "https://www.ultracart.com/api/",
                "object_id": null
            },
            "metadata": {},
            "success": false
        });
        Fault::json(status, body).with_header("UC-REST-ERROR", user_message)
    }

    /// Any JSON body with `Content-Type: application/json`.
    pub fn json(status: u16, body: Value) -> Fault {
        Fault::raw(status, "application/json; charset=UTF-8", body.to_string())
    }

    /// The kind of HTML page a proxy or load balancer answers with.
    pub fn html(status: u16) -> Fault {
        let page = format!(
            "<!DOCTYPE html>\n<html><head><title>{status} Error</title></head>\n<body><h1>{status} Error</h1><p>The server encountered a temporary error.</p></body></html>\n"
        );
        Fault::raw(status, "text/html; charset=UTF-8", page)
    }

    /// A body of any bytes with the given content type (an empty type sends no header).
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Fault {
        let headers = if content_type.is_empty() {
            Vec::new()
        } else {
            vec![("Content-Type".to_string(), content_type.to_string())]
        };
        Fault::Respond {
            status,
            headers,
            body: body.into(),
        }
    }

    /// Adds a response header; a no-op on faults that are not responses.
    pub fn with_header(mut self, name: &str, value: &str) -> Fault {
        if let Fault::Respond { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }

    pub(crate) fn response(&self) -> Option<Response> {
        let (status, headers, body) = match self {
            Fault::Respond {
                status,
                headers,
                body,
            } => (status, headers, body),
            Fault::Delay(_) | Fault::Hold(_) | Fault::Shift(_) => return None,
            Fault::Trickle { body, chunk, pause } => return Some(trickle(body, *chunk, *pause)),
            Fault::DropMidBody { body } => return Some(drop_mid_body(body)),
        };
        let mut response = Response::new(Body::from(body.clone()));
        *response.status_mut() =
            StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::try_from(value.as_str()),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        Some(response)
    }
}

fn json_response(length: usize, body: Body) -> Response {
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("content-length", HeaderValue::from(length));
    response
}

fn trickle(body: &[u8], chunk: usize, pause: Duration) -> Response {
    let chunks: Vec<Bytes> = body
        .chunks(chunk.max(1))
        .map(Bytes::copy_from_slice)
        .collect();
    let stream = futures_util::stream::unfold(chunks.into_iter(), move |mut rest| async move {
        let next = rest.next()?;
        tokio::time::sleep(pause).await;
        Some((Ok::<_, std::io::Error>(next), rest))
    });
    json_response(body.len(), Body::from_stream(stream))
}

fn drop_mid_body(body: &[u8]) -> Response {
    let half = Bytes::copy_from_slice(&body[..body.len() / 2]);
    let parts: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "emulated drop",
        )),
    ];
    json_response(
        body.len(),
        Body::from_stream(futures_util::stream::iter(parts)),
    )
}

/// A fault and the requests it applies to.
#[derive(Clone, Debug)]
pub struct FaultRule {
    pub fault: Fault,
    /// Only requests with this method (e.g. `"PUT"`); `None` matches any.
    pub method: Option<String>,
    /// Only requests whose raw path contains this; `None` matches any.
    pub path_contains: Option<String>,
    /// How many more requests it applies to; `None` is forever.
    pub remaining: Option<usize>,
    /// How many matching requests to let through untouched before it applies.
    pub skip: usize,
}

impl FaultRule {
    /// Applies to every request from now on.
    pub fn always(fault: Fault) -> FaultRule {
        FaultRule {
            fault,
            method: None,
            path_contains: None,
            remaining: None,
            skip: 0,
        }
    }

    /// Applies to the next `count` matching requests.
    pub fn times(fault: Fault, count: usize) -> FaultRule {
        FaultRule {
            remaining: Some(count),
            ..FaultRule::always(fault)
        }
    }

    pub fn for_method(mut self, method: &str) -> FaultRule {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Lets the first `count` matching requests through, e.g. to fail only the second page.
    pub fn after(mut self, count: usize) -> FaultRule {
        self.skip = count;
        self
    }

    pub fn for_path(mut self, fragment: &str) -> FaultRule {
        self.path_contains = Some(fragment.to_string());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self
                .path_contains
                .as_deref()
                .is_none_or(|fragment| path.contains(fragment))
    }
}

/// Takes the first rule matching this request, using up one of its count.
pub(crate) fn take_matching(rules: &mut Vec<FaultRule>, method: &str, path: &str) -> Option<Fault> {
    let mut found = None;
    for (index, rule) in rules.iter_mut().enumerate() {
        if !rule.matches(method, path) {
            continue;
        }
        if rule.skip > 0 {
            rule.skip -= 1;
            continue;
        }
        found = Some(index);
        break;
    }
    let index = found?;
    let fault = rules[index].fault.clone();
    if let Some(remaining) = &mut rules[index].remaining {
        *remaining = remaining.saturating_sub(1);
        if *remaining == 0 {
            rules.remove(index);
        }
    }
    Some(fault)
}
