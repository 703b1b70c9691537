//! One HTTP exchange, done right: retries with backoff and `Retry-After`, timeouts, no credentials
//! off-origin, error bodies decoded, and a redacted log of what went over the wire.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};

use super::models;
use crate::error::{Error, Result};

/// A wait longer than this is not slept: the command fails and says when to try again.
pub const MAX_WAIT: Duration = Duration::from_secs(60);

/// Where progress text goes (stderr, in the binary). The API layer never prints by itself.
pub type Reporter = Arc<dyn Fn(&str) + Send + Sync>;

/// How persistent and how talkative the transport is.
#[derive(Clone)]
pub struct Settings {
    /// Bound on each attempt, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// Extra attempts after a 429, 502, 503, 504 or a failed connection; 0 disables retrying.
    pub retries: u32,
    /// First backoff; doubled each retry, with jitter.
    pub retry_base: Duration,
    /// 0 quiet, 1 request lines, headers and statuses, 2 adds bodies.
    pub verbosity: u8,
    /// Receives retry notices and verbose log lines.
    pub report: Reporter,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(30),
            retries: 3,
            retry_base: Duration::from_millis(500),
            verbosity: 0,
            report: Arc::new(|_: &str| {}),
        }
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("verbosity", &self.verbosity)
            .finish_non_exhaustive()
    }
}

/// One request to make; `idempotent` says whether the server may safely see it twice.
pub struct Request {
    pub method: Method,
    pub url: Url,
    pub body: Option<Vec<u8>>,
    pub idempotent: bool,
}

/// A 2xx response with its whole body.
pub struct Answer {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

#[derive(Debug)]
pub struct Transport {
    pub(super) http: reqwest::Client,
    pub(super) settings: Settings,
    /// The headers every request carries, credentials already shown as `[redacted]`, for the log.
    pub(super) logged_headers: Vec<(String, String)>,
    pub(super) host: String,
}

/// What one attempt came to, before deciding whether to try again.
enum Attempt {
    Answered {
        status: StatusCode,
        headers: HeaderMap,
        body: Vec<u8>,
    },
    /// No connection was made, so the server cannot have acted on the request.
    NotConnected(Error),
    /// The connection failed after the request may have been sent.
    Failed(Error),
    /// An answer that must not be retried or followed.
    Refused(Error),
}

impl Transport {
    pub async fn exchange(&self, request: &Request) -> Result<Answer> {
        let mut retry = 0;
        loop {
            let attempt = self.attempt(request).await;
            let (error, wait) = match attempt {
                Attempt::Answered {
                    status,
                    headers,
                    body,
                } => {
                    if status.is_success() {
                        return Ok(Answer { status, body });
                    }
                    let error = decode_error(status, &headers, &body);
                    let retryable = status == StatusCode::TOO_MANY_REQUESTS
                        || (request.idempotent && matches!(status.as_u16(), 502..=504));
                    if !retryable {
                        return Err(error);
                    }
                    (error, retry_after(&headers))
                }
                Attempt::NotConnected(error) => (error, None),
                Attempt::Failed(error) if request.idempotent => (error, None),
                Attempt::Failed(error) | Attempt::Refused(error) => return Err(error),
            };
            if retry >= self.settings.retries {
                return Err(gave_up(error, retry));
            }
            retry += 1;
            let wait = wait.unwrap_or_else(|| self.backoff(retry));
            if wait > MAX_WAIT {
                return Err(too_long(error, wait));
            }
            (self.settings.report)(&format!(
                "{}; retrying in {} (retry {retry} of {})…",
                retry_reason(&error),
                seconds(wait),
                self.settings.retries
            ));
            tokio::time::sleep(wait).await;
        }
    }

    /// `retry_base * 2^(retry-1)`, scaled by a random factor in [0.5, 1) so clients spread out.
    fn backoff(&self, retry: u32) -> Duration {
        let exponential = self.settings.retry_base * 2u32.saturating_pow(retry - 1);
        exponential.mul_f64(0.5 + fastrand::f64() / 2.0)
    }

    async fn attempt(&self, request: &Request) -> Attempt {
        let verbose = self.settings.verbosity;
        let mut builder = self
            .http
            .request(request.method.clone(), request.url.clone());
        if let Some(body) = &request.body {
            builder = builder
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        if verbose > 0 {
            self.log_request(request);
        }
        let started = Instant::now();
        let response = match builder.send().await {
            Ok(response) => response,
            Err(error) if error.is_connect() => {
                return Attempt::NotConnected(self.network_error(&error));
            }
            // A server that stalls once will stall again: waiting `timeout` more is no help.
            Err(error) if error.is_timeout() => {
                return Attempt::Refused(self.network_error(&error));
            }
            Err(error) => return Attempt::Failed(self.network_error(&error)),
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = match response.bytes().await {
            Ok(bytes) => bytes.to_vec(),
            Err(error) if error.is_timeout() => {
                return Attempt::Refused(self.network_error(&error));
            }
            Err(error) => return Attempt::Failed(self.network_error(&error)),
        };
        if verbose > 0 {
            self.log_response(status, &headers, &body, started.elapsed());
        }
        if status.is_redirection() {
            // Only same-origin redirects are followed (see the client's policy); this one leaves it.
            let location = headers
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("another address")
                .to_string();
            return Attempt::Refused(Error::CrossHostRedirect { location });
        }
        Attempt::Answered {
            status,
            headers,
            body,
        }
    }

    fn network_error(&self, error: &reqwest::Error) -> Error {
        let host = &self.host;
        let message = if error.is_timeout() {
            format!(
                "no answer from {host} within {}",
                seconds(self.settings.timeout)
            )
        } else if error.is_connect() {
            format!("cannot connect to {host}: {}", root_cause(error))
        } else {
            format!("the connection to {host} failed: {}", root_cause(error))
        };
        Error::Network { message }
    }

    fn log_request(&self, request: &Request) {
        let report = &self.settings.report;
        let target = match request.url.query() {
            Some(query) => format!("{}?{query}", request.url.path()),
            None => request.url.path().to_string(),
        };
        report(&format!("> {} {target}", request.method));
        for (name, value) in &self.logged_headers {
            report(&format!("> {name}: {value}"));
        }
        if let Some(body) = &request.body {
            report("> content-type: application/json");
            if self.settings.verbosity > 1 {
                report(&format!(">\n{}", String::from_utf8_lossy(body)));
            }
        }
    }

    fn log_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8], took: Duration) {
        let report = &self.settings.report;
        report(&format!("< {status} ({} ms)", took.as_millis()));
        if self.settings.verbosity > 1 {
            for (name, value) in headers {
                report(&format!(
                    "< {name}: {}",
                    String::from_utf8_lossy(value.as_bytes())
                ));
            }
            report(&format!("<\n{}", String::from_utf8_lossy(body)));
        }
    }
}

/// `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3); a date in the past means now.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let from_now = at.as_second() - jiff::Timestamp::now().as_second();
    Some(Duration::from_secs(u64::try_from(from_now).unwrap_or(0)))
}

fn seconds(wait: Duration) -> String {
    let tenths = (wait.as_secs_f64() * 10.0).round() / 10.0;
    if tenths >= 10.0 || tenths.fract() == 0.0 {
        format!("{}s", tenths.round())
    } else {
        format!("{tenths:.1}s")
    }
}

fn retry_reason(error: &Error) -> String {
    match error {
        Error::Api { status: 429, .. } => "rate limited (HTTP 429)".into(),
        Error::Api { status, .. } => format!("the server answered {status}"),
        other => other.to_string(),
    }
}

/// The last error, saying how many retries were spent on it.
fn gave_up(error: Error, retries: u32) -> Error {
    if retries == 0 {
        return error;
    }
    let note = format!(
        ", after {retries} {}",
        if retries == 1 { "retry" } else { "retries" }
    );
    match error {
        Error::Api { status, message } => Error::Api {
            status,
            message: format!("{message}{note}"),
        },
        Error::Network { message } => Error::Network {
            message: format!("{message}{note}"),
        },
        other => other,
    }
}

/// A wait too long to sleep through: fail now with the time to come back.
fn too_long(error: Error, wait: Duration) -> Error {
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(wait.as_secs() as i64);
    let when = at
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%H:%M:%S")
        .to_string();
    let advice = format!(
        "; the server asks to wait {}, try again after {when}",
        seconds(wait)
    );
    match error {
        Error::Api { status, message } => Error::Api {
            status,
            message: format!("{message}{advice}"),
        },
        other => other,
    }
}

/// Turns a non-2xx answer into an error, taking the best message available (WIRE.md §5).
pub fn decode_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let from_body = models::parse_object(body)
        .ok()
        .and_then(|root| models::error_message(&root));
    let from_header = || {
        headers
            .get("uc-rest-error")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    let code = status.as_u16();
    let message = from_body.or_else(from_header).unwrap_or_else(|| {
        let reason = status.canonical_reason().unwrap_or("error");
        format!("the server answered {code} {reason}")
    });
    Error::Api {
        status: code,
        message,
    }
}

/// The innermost cause, which says what actually happened ("Connection refused").
pub fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(retry_after_value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            RETRY_AFTER,
            HeaderValue::from_str(retry_after_value).unwrap(),
        );
        map
    }

    #[test]
    fn retry_after_takes_seconds_and_http_dates() {
        assert_eq!(retry_after(&headers("7")), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO),
            "a date in the past"
        );
        let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(120);
        let text = soon.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string();
        let wait = retry_after(&headers(&text)).unwrap();
        assert!((118..=120).contains(&wait.as_secs()), "{wait:?}");
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn seconds_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(2)), "2s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5s");
        assert_eq!(seconds(Duration::from_millis(12_400)), "12s");
    }
}
