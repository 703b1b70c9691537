//! The HTTP client: UltraCart's headers and credentials, one operation per method, errors decoded.

use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde_json::{Map, Value};

use super::models::{self, AgentAuth, Conversation, ConversationPage, Object, StartedConversation};
use crate::error::{Error, Result};

pub const API_VERSION: &str = "2017-03-01";
pub const DEFAULT_BASE_URL: &str = "https://secure.ultracart.com/rest/v2";
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Everything but RFC 3986's unreserved characters, so a uuid is always exactly one path segment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How requests authenticate (WIRE.md §1). The secret never reaches `Debug` output.
#[derive(Clone)]
pub enum Credential {
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
#[derive(Clone, Debug, Default, Serialize)]
pub struct ListQuery {
    #[serde(rename = "_limit", skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(rename = "_offset", skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

/// Body of `start` (ConversationStartRequest); `None` fields are left out, never sent as null.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StartRequest {
    pub add_conversation_participant_arns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_webchat_queue_uuid: Option<String>,
}

/// One authenticated client for the whole process: every command gets this, none reads credentials.
#[derive(Debug)]
pub struct ApiClient {
    http: reqwest::Client,
    base: Url,
    timeout: Duration,
}

/// A response that made it back: status plus the whole body.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl ApiClient {
    pub fn new(base: Url, credential: &Credential, timeout: Duration) -> Result<ApiClient> {
        let mut headers = HeaderMap::new();
        let (name, value) = credential.header()?;
        headers.insert(name, value);
        headers.insert(
            "x-ultracart-api-version",
            HeaderValue::from_static(API_VERSION),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let origin = base.origin();
        let http = reqwest::Client::builder()
            .user_agent(concat!("ucconv/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(timeout)
            // The key travels in a custom header that reqwest would forward on any redirect, so
            // only redirects that stay on the base URL's origin are followed (WIRE.md §6).
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.url().origin() == origin && attempt.previous().len() < 5 {
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
        Ok(ApiClient {
            http,
            base,
            timeout,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `base` + fixed path + optional percent-encoded uuid segment + optional suffix.
    fn url(&self, path: &str, uuid: Option<&str>, suffix: &str) -> Result<Url> {
        let mut text = format!("{}{}", self.base.as_str().trim_end_matches('/'), path);
        if let Some(uuid) = uuid {
            text.push('/');
            text.extend(utf8_percent_encode(uuid, PATH_SEGMENT));
        }
        text.push_str(suffix);
        Url::parse(&text).map_err(|e| Error::usage(format!("cannot build a URL from {text}: {e}")))
    }

    async fn send<Q: Serialize, B: Serialize>(
        &self,
        method: Method,
        url: Url,
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Result<Answer> {
        let mut request = self.http.request(method, url);
        if let Some(query) = query {
            request = request.query(query);
        }
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body)
                .map_err(|e| Error::usage(format!("cannot encode the request body: {e}")))?;
            request = request.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        let response = request.send().await.map_err(|e| self.network_error(&e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| self.network_error(&e))?
            .to_vec();
        let answer = Answer {
            status,
            headers,
            body,
        };
        if status.is_redirection() {
            let location = answer
                .headers
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("another address")
                .to_string();
            return Err(Error::CrossHostRedirect { location });
        }
        if !status.is_success() {
            return Err(decode_error(&answer));
        }
        Ok(answer)
    }

    fn network_error(&self, error: &reqwest::Error) -> Error {
        let host = self.base.host_str().unwrap_or("the server");
        let message = if error.is_timeout() {
            format!(
                "no answer from {host} within {}s",
                self.timeout.as_secs_f64()
            )
        } else if error.is_connect() {
            format!("cannot connect to {host}: {}", root_cause(error))
        } else {
            format!("the connection to {host} failed: {}", root_cause(error))
        };
        Error::Network { message }
    }

    /// A 2xx JSON object, checked for `"success": false`.
    async fn json_object<Q: Serialize, B: Serialize>(
        &self,
        method: Method,
        url: Url,
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Result<Object> {
        let answer = self.send(method, url, query, body).await?;
        let root = models::parse_object(&answer.body)?;
        models::check_success(&root, answer.status.as_u16())?;
        Ok(root)
    }

    /// `GET /conversation/conversations`: one page, at most 200.
    pub async fn list_conversations(&self, query: &ListQuery) -> Result<ConversationPage> {
        let url = self.url("/conversation/conversations", None, "")?;
        let root = self
            .json_object::<_, ()>(Method::GET, url, Some(query), None)
            .await?;
        models::parse_page(root)
    }

    /// `GET /conversation/conversations/{uuid}`, with the newest `messages` messages if given.
    pub async fn get_conversation(
        &self,
        uuid: &str,
        messages: Option<u32>,
    ) -> Result<Conversation> {
        let url = self.url("/conversation/conversations", Some(uuid), "")?;
        let query = messages.map(|n| [("limit", n)]);
        let root = self
            .json_object::<_, ()>(Method::GET, url, query.as_ref(), None)
            .await?;
        Ok(Conversation(models::unwrap_envelope(root, "conversation")?))
    }

    /// `PUT …/{uuid}/join`, with a ConversationJoinRequest body only when a language is given.
    pub async fn join_conversation(&self, uuid: &str, language: Option<&str>) -> Result<()> {
        let url = self.url("/conversation/conversations", Some(uuid), "/join")?;
        let body = language.map(|code| {
            let mut map = Map::new();
            map.insert("participant_language_iso_code".into(), Value::from(code));
            map
        });
        self.send::<(), _>(Method::PUT, url, None, body.as_ref())
            .await
            .map(drop)
    }

    /// `DELETE …/{uuid}/leave`. Success is the status code; any body is ignored.
    pub async fn leave_conversation(&self, uuid: &str) -> Result<()> {
        let url = self.url("/conversation/conversations", Some(uuid), "/leave")?;
        self.send::<(), ()>(Method::DELETE, url, None, None)
            .await
            .map(drop)
    }

    /// `PUT /conversation/conversations` with a ConversationStartRequest.
    pub async fn start_conversation(&self, request: &StartRequest) -> Result<StartedConversation> {
        let url = self.url("/conversation/conversations", None, "")?;
        let root = self
            .json_object::<(), _>(Method::PUT, url, None, Some(request))
            .await?;
        let started = StartedConversation(models::unwrap_envelope(root, "conversation")?);
        if started.uuid().is_none() {
            return Err(Error::bad_response(
                "the server started a conversation but sent no conversation_uuid",
            ));
        }
        Ok(started)
    }

    /// `PUT /conversation/agent/auth`: the agent's websocket JWT.
    pub async fn agent_auth(&self) -> Result<AgentAuth> {
        let url = self.url("/conversation/agent/auth", None, "")?;
        let root = self
            .json_object::<(), ()>(Method::PUT, url, None, None)
            .await?;
        Ok(AgentAuth(models::unwrap_envelope(root, "agent_auth")?))
    }
}

/// Turns a non-2xx answer into an error, taking the best message available (WIRE.md §5).
fn decode_error(answer: &Answer) -> Error {
    let status = answer.status.as_u16();
    let from_body = models::parse_object(&answer.body)
        .ok()
        .and_then(|root| models::error_message(&root));
    let from_header = || {
        answer
            .headers
            .get("uc-rest-error")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    let message = from_body.or_else(from_header).unwrap_or_else(|| {
        let reason = answer.status.canonical_reason().unwrap_or("error");
        format!("the server answered {status} {reason}")
    });
    Error::Api { status, message }
}

/// The innermost cause, which says what actually happened ("Connection refused").
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut current = error;
    while let Some(next) = current.source() {
        parts.push(next.to_string());
        current = next;
    }
    parts.join(": ")
}
