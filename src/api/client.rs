//! The HTTP client: UltraCart's headers and credentials, one operation per method, errors decoded.

use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue, USER_AGENT};
use reqwest::{Method, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde_json::{Map, Value};

use super::models::{AgentAuth, Conversation, StartedConversation};
use super::transport::{Answer, Request, Secret, Settings, Transport};
use super::wire::{self, Document, Page, Root};
use crate::error::{Error, Result};

pub(crate) const API_VERSION: &str = "2017-03-01";
pub(crate) const DEFAULT_BASE_URL: &str = "https://secure.ultracart.com/rest/v2";
pub(super) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Same-origin redirects followed before giving up on a loop.
pub(super) const MAX_REDIRECTS: usize = 5;
/// Longer than any uuid or queue name: a longer path segment is a mistake, not an identifier.
const MAX_SEGMENT: usize = 256;

/// Everything but RFC 3986's unreserved characters, so a uuid is always exactly one path segment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How requests authenticate (docs/api.md §1). The secret never reaches `Debug` output.
#[derive(Clone)]
pub(crate) enum Credential {
    SimpleKey(SecretString),
    OAuthToken(SecretString),
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::SimpleKey(_) => f.write_str("SimpleKey([redacted])"),
            Credential::OAuthToken(_) => f.write_str("OAuthToken([redacted])"),
        }
    }
}

impl Credential {
    /// The secret itself, for the transport to blank out of anything the server echoes.
    fn secret(&self) -> &str {
        match self {
            Credential::SimpleKey(key) => key.expose_secret(),
            Credential::OAuthToken(token) => token.expose_secret(),
        }
    }

    fn header(&self) -> Result<(&'static str, HeaderValue)> {
        let (name, value) = match self {
            Credential::SimpleKey(key) => {
                ("x-ultracart-simple-key", key.expose_secret().to_string())
            }
            Credential::OAuthToken(token) => {
                ("authorization", format!("Bearer {}", token.expose_secret()))
            }
        };
        // The message deliberately leaves the value out: it is the secret.
        let mut value = HeaderValue::from_str(&value).map_err(|_| {
            Error::config(
                "the API key or token contains characters that cannot be sent in a header",
            )
        })?;
        value.set_sensitive(true);
        Ok((name, value))
    }
}

/// Query of one `list` request; `None` fields are not sent.
#[derive(Clone, Debug, Default)]
pub(crate) struct ListQuery {
    pub(crate) limit: Option<u32>,
    pub(crate) offset: Option<u64>,
    pub(crate) medium: Option<String>,
    pub(crate) before: Option<String>,
}

impl ListQuery {
    /// The query's wire names (docs/api.md §3), in a stable order.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("_limit", self.limit.map(|n| n.to_string())),
            ("_offset", self.offset.map(|n| n.to_string())),
            ("medium", self.medium.clone()),
            ("before", self.before.clone()),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .collect()
    }
}

/// Body of `start` (ConversationStartRequest); `None` fields are left out, never sent as null.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct StartRequest {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) add_conversation_participant_arns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) conversation_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) conversation_webchat_queue_uuid: Option<String>,
}

/// One authenticated client for the whole process: every command gets this, none reads credentials.
#[derive(Debug)]
pub struct ApiClient {
    transport: Transport,
    base: Url,
}

impl ApiClient {
    pub(crate) fn new(base: Url, credential: &Credential, settings: Settings) -> Result<ApiClient> {
        // reqwest needs a process-wide TLS provider before any client is built; a second install
        // is a harmless no-op. ring, not aws-lc-rs: that spends ~23 ms of CPU per process seeding.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let user_agent = concat!("ucconv/", env!("CARGO_PKG_VERSION"));
        let mut headers = HeaderMap::new();
        let (name, value) = credential.header()?;
        headers.insert(name, value);
        headers.insert(
            "x-ultracart-api-version",
            HeaderValue::from_static(API_VERSION),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, HeaderValue::from_static(user_agent));
        let logged_headers = headers
            .iter()
            .map(|(name, value)| {
                let shown = if value.is_sensitive() {
                    "[redacted]".to_string()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.to_string(), shown)
            })
            .collect();
        let origin = base.origin();
        let mut builder = reqwest::Client::builder();
        // A proxy on the way to this machine could only be a way to read the key: loopback is
        // always direct. Elsewhere HTTPS_PROXY and NO_PROXY apply as usual.
        if is_loopback(&base) {
            builder = builder.no_proxy();
        }
        // Plain http is for loopback only and never leaves the base URL's origin, so it never
        // needs a certificate: skip loading the platform's roots (most of a short run's work).
        if base.scheme() == "http" {
            builder = builder.tls_certs_only(std::iter::empty());
        }
        let http = builder
            .default_headers(headers)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(settings.timeout)
            // The key travels in a custom header that reqwest would forward on any redirect, so
            // only redirects that stay on the base URL's origin are followed (docs/api.md §1).
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.url().origin() == origin && attempt.previous().len() < MAX_REDIRECTS {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }))
            .build()
            .map_err(|error| {
                Error::config(format!(
                    "cannot set up HTTPS (is a CA certificate store installed?): {}",
                    error_chain(&error)
                ))
            })?;
        let transport = Transport {
            http,
            settings,
            logged_headers,
            host: base.host_str().unwrap_or("the server").to_string(),
            secret: Secret(credential.secret().to_string()),
        };
        Ok(ApiClient { transport, base })
    }

    pub(super) fn base(&self) -> &Url {
        &self.base
    }

    pub(super) async fn exchange(&self, request: &Request) -> Result<Answer> {
        self.transport.exchange(request).await
    }

    /// `base` + fixed path + optional percent-encoded uuid segment + optional suffix + query.
    pub(super) fn url(
        &self,
        path: &str,
        uuid: Option<&str>,
        suffix: &str,
        query: &[(&str, String)],
    ) -> Result<Url> {
        let mut text = format!("{}{}", self.base.as_str().trim_end_matches('/'), path);
        if let Some(uuid) = uuid {
            if uuid.len() > MAX_SEGMENT {
                return Err(Error::usage(format!(
                    "a {}-byte identifier is too long to be a conversation UUID or a name",
                    uuid.len()
                )));
            }
            // Percent-encoding leaves `.` and `..` as they are, and a URL resolves them away: the
            // request would go to another endpoint. Whoever gave the name, it is refused.
            if uuid == "." || uuid == ".." {
                return Err(Error::usage(format!(
                    "{uuid:?} cannot be a conversation UUID or a queue name"
                )));
            }
            text.push('/');
            text.extend(utf8_percent_encode(uuid, PATH_SEGMENT));
        }
        text.push_str(suffix);
        let mut url = Url::parse(&text)
            .map_err(|e| Error::usage(format!("cannot build a URL from {text}: {e}")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// `idempotent`: whether the server may safely see this request twice, so it can be retried
    /// after a 5xx or a dropped connection. Only `start` creates something and is not.
    pub(super) async fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<&impl Serialize>,
        idempotent: bool,
        label: impl Into<String>,
    ) -> Result<Answer> {
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| Error::usage(format!("cannot encode the request body: {e}")))?;
        let request = Request {
            method,
            url,
            body,
            idempotent,
            label: label.into(),
            headers: HeaderMap::new(),
        };
        self.transport.exchange(&request).await
    }

    /// A 2xx JSON object, checked for `"success": false`.
    pub(super) async fn json_object(
        &self,
        method: Method,
        url: Url,
        body: Option<&impl Serialize>,
        idempotent: bool,
        label: &str,
    ) -> Result<Root> {
        let answer = self.send(method, url, body, idempotent, label).await?;
        let root = Root::parse(answer.body)?;
        root.check_success(answer.status.as_u16())?;
        Ok(root)
    }

    /// `GET /conversation/conversations`: one page, at most 200. `label` is what a spinner says.
    pub(crate) async fn list_conversations(
        &self,
        query: &ListQuery,
        label: String,
    ) -> Result<Page> {
        let url = self.url("/conversation/conversations", None, "", &query.pairs())?;
        let answer = self
            .send(Method::GET, url, NO_BODY, true, label)
            .await
            .map_err(endpoint_missing)?;
        wire::parse_page(&answer.body, answer.status.as_u16())
    }

    /// `GET /conversation/conversations/{uuid}`, with the newest `messages` messages if given.
    pub(crate) async fn get_conversation(
        &self,
        uuid: &str,
        messages: Option<u32>,
    ) -> Result<Document<Conversation>> {
        let query: Vec<(&str, String)> = messages
            .map(|n| ("limit", n.to_string()))
            .into_iter()
            .collect();
        let url = self.url("/conversation/conversations", Some(uuid), "", &query)?;
        let root = self
            .json_object(Method::GET, url, NO_BODY, true, "Loading the conversation…")
            .await?;
        root.payload("conversation")
    }

    /// `PUT …/{uuid}/join`, with a ConversationJoinRequest body only when a language is given.
    pub(crate) async fn join_conversation(&self, uuid: &str, language: Option<&str>) -> Result<()> {
        let url = self.url("/conversation/conversations", Some(uuid), "/join", &[])?;
        let body = language.map(|code| {
            let mut map = Map::new();
            map.insert("participant_language_iso_code".into(), Value::from(code));
            map
        });
        self.send(Method::PUT, url, body.as_ref(), true, "Joining…")
            .await
            .map(drop)
    }

    /// `DELETE …/{uuid}/leave`. Success is the status code; any body is ignored.
    pub(crate) async fn leave_conversation(&self, uuid: &str) -> Result<()> {
        let url = self.url("/conversation/conversations", Some(uuid), "/leave", &[])?;
        self.send(Method::DELETE, url, NO_BODY, true, "Leaving…")
            .await
            .map(drop)
    }

    /// `PUT /conversation/conversations` with a ConversationStartRequest.
    pub(crate) async fn start_conversation(
        &self,
        request: &StartRequest,
    ) -> Result<Document<StartedConversation>> {
        let url = self.url("/conversation/conversations", None, "", &[])?;
        let root = self
            .json_object(Method::PUT, url, Some(request), false, "Starting…")
            .await
            .map_err(endpoint_missing)?;
        let started: Document<StartedConversation> = root.payload("conversation")?;
        if started.read()?.uuid().is_none() {
            return Err(Error::bad_response(
                "the server started a conversation but sent no conversation_uuid",
            ));
        }
        Ok(started)
    }

    /// `PUT /conversation/agent/auth`: the agent's websocket JWT.
    pub(crate) async fn agent_auth(&self) -> Result<Document<AgentAuth>> {
        let url = self.url("/conversation/agent/auth", None, "", &[])?;
        let root = self
            .json_object(Method::PUT, url, NO_BODY, true, "Authorizing…")
            .await
            .map_err(endpoint_missing)?;
        root.payload("agent_auth")
    }
}

/// A 404 from a path that always exists means the base URL points somewhere else.
fn endpoint_missing(error: Error) -> Error {
    match error {
        Error::Api { status: 404, .. } => error.with_hint(format!(
            "the base URL may be wrong: it should end in /rest/v2, like {DEFAULT_BASE_URL} (set it with --base-url or UCCONV_BASE_URL)"
        )),
        other => other,
    }
}

/// This machine: plain http is allowed to it, and no proxy stands between.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// For calls without a body; the type only pins down `Option<&impl Serialize>`.
pub(super) const NO_BODY: Option<&()> = None;

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut current = error;
    while let Some(next) = current.source() {
        parts.push(next.to_string());
        current = next;
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed";

    #[test]
    fn debug_output_never_shows_credentials() {
        for credential in [
            Credential::SimpleKey(SecretString::from(SECRET)),
            Credential::OAuthToken(SecretString::from(SECRET)),
        ] {
            let debug = format!("{credential:?}");
            assert!(
                debug.contains("[redacted]") && !debug.contains(SECRET),
                "{debug}"
            );
            let base = Url::parse("https://secure.ultracart.com/rest/v2").unwrap();
            let client = ApiClient::new(base, &credential, Settings::default()).unwrap();
            let debug = format!("{client:?}");
            assert!(!debug.contains(SECRET), "{debug}");
            assert!(!debug.contains(&SECRET[..16]), "{debug}");
        }
    }

    #[test]
    fn list_query_sends_only_what_was_given() {
        let query = ListQuery {
            limit: Some(5),
            before: Some("2026-11-01T00:00:00+00:00".into()),
            ..ListQuery::default()
        };
        assert_eq!(
            query.pairs(),
            [
                ("_limit", "5".to_string()),
                ("before", "2026-11-01T00:00:00+00:00".into())
            ]
        );
    }
}
