//! `--dry-run`: the request as it would go over the wire, for printing instead of sending.

use reqwest::Method;
use serde_json::{Map, Value};

use super::transport::{Request, Transport};

/// Which requests a dry run holds back: the writes of a command that changes something (the reads
/// it needs to build them still go out), or everything (`ucconv api`, whose one request is the point).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DryRun {
    #[default]
    Off,
    Writes,
    Everything,
}

impl DryRun {
    pub(crate) fn holds(self, method: &Method) -> bool {
        match self {
            DryRun::Off => false,
            DryRun::Writes => !matches!(*method, Method::GET | Method::HEAD),
            DryRun::Everything => true,
        }
    }
}

/// Names whose values are never printed, whoever set them.
fn is_secret(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "authorization" | "x-ultracart-simple-key" | "cookie" | "proxy-authorization"
    )
}

/// `{method, url, headers, body}`: headers as sent (credentials `[redacted]`), the body as JSON
/// when it is JSON, else as text.
pub(super) fn describe(transport: &Transport, request: &Request) -> PlannedRequest {
    let mut headers = Map::new();
    for (name, value) in &transport.logged_headers {
        headers.insert(name.clone(), Value::String(value.clone()));
    }
    for (name, value) in &request.headers {
        let shown = if value.is_sensitive() || is_secret(name.as_str()) {
            "[redacted]".to_string()
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        headers.insert(name.to_string(), Value::String(shown));
    }
    // reqwest adds this one itself, for the gzip it decodes.
    headers.insert("accept-encoding".into(), Value::String("gzip".into()));
    let body = request.body.as_deref().map(|bytes| {
        serde_json::from_slice::<Value>(bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
    });
    if body.is_some() {
        headers.insert(
            "content-type".into(),
            Value::String("application/json".into()),
        );
    }
    PlannedRequest {
        method: request.method.to_string(),
        url: request.url.to_string(),
        headers,
        body,
        idempotent: request.idempotent,
    }
}

/// One request a dry run held back, as `--dry-run` prints it.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct PlannedRequest {
    /// The HTTP method.
    #[schemars(extend("examples" = ["PUT", "POST", "DELETE"]))]
    method: String,
    /// The whole URL, query included.
    url: String,
    /// Every header it would carry, by lower-case name; credentials as `[redacted]`.
    headers: Map<String, Value>,
    /// The JSON body (text when the body is not JSON), or null for none.
    body: Option<Value>,
    /// Whether the server may safely see it twice: ucconv retries it after a 5xx or a dropped
    /// connection only if so.
    idempotent: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_holds_back_what_it_says() {
        let cases = [
            (DryRun::Off, Method::POST, false),
            (DryRun::Writes, Method::GET, false),
            (DryRun::Writes, Method::HEAD, false),
            (DryRun::Writes, Method::PUT, true),
            (DryRun::Writes, Method::POST, true),
            (DryRun::Writes, Method::DELETE, true),
            (DryRun::Writes, Method::PATCH, true),
            (DryRun::Everything, Method::GET, true),
        ];
        for (mode, method, held) in cases {
            assert_eq!(mode.holds(&method), held, "{mode:?} {method}");
        }
    }

    #[test]
    fn credential_headers_are_secret_in_any_case() {
        assert!(is_secret("X-UltraCart-Simple-Key"));
        assert!(is_secret("authorization"));
        assert!(!is_secret("x-ultracart-api-version"));
    }
}
