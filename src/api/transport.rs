//! One HTTP exchange, done right: retries with backoff and `Retry-After`, timeouts, no credentials
//! off-origin, error bodies decoded, and a redacted log of what went over the wire.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};

use super::wire;
use crate::error::{Error, Result};

/// A wait longer than this is not slept: the command fails and says when to try again.
pub(crate) const MAX_WAIT: Duration = Duration::from_secs(60);
/// ucconv's own backoff never grows past this, so only a server's `Retry-After` can exceed [`MAX_WAIT`].
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Quick requests show nothing: a spinner only appears once one has taken this long.
const SHOW_BUSY_AFTER: Duration = Duration::from_millis(300);
/// The default cap on an answer's body, after decompression (`UCCONV_MAX_BODY_MIB` changes it).
pub(crate) const DEFAULT_MAX_BODY: usize = 64 << 20;

/// Where the transport's words go. The API layer never prints: the binary hands it the one owner of
/// stderr, which decides whether and how each is shown.
pub(crate) trait Observer: Send + Sync {
    /// Something a person should know while it happens (a retry).
    fn notice(&self, text: &str);
    /// One line of the `-v` log.
    fn log(&self, line: &str);
    /// A request has been slow: show that ucconv is working on `label`.
    fn busy(&self, label: &str);
    /// The slow request is over.
    fn idle(&self);
}

/// An observer that shows nothing, for tests and library use.
pub(crate) struct Silent;

impl Observer for Silent {
    fn notice(&self, _: &str) {}
    fn log(&self, _: &str) {}
    fn busy(&self, _: &str) {}
    fn idle(&self) {}
}

/// How persistent and how talkative the transport is.
#[derive(Clone)]
pub(crate) struct Settings {
    /// Bound on each attempt, from connecting to the last byte of the body.
    pub(crate) timeout: Duration,
    /// Extra attempts after a 429, 502, 503, 504 or a failed connection; 0 disables retrying.
    pub(crate) retries: u32,
    /// First backoff; doubled each retry, with jitter.
    pub(crate) retry_base: Duration,
    /// 0 quiet, 1 request lines, headers and statuses, 2 adds bodies.
    pub(crate) verbosity: u8,
    /// The most bytes an answer's body may have, after decompression.
    pub(crate) max_body: usize,
    /// Receives retry notices, verbose log lines and busy/idle.
    pub(crate) observer: Arc<dyn Observer>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(30),
            retries: 3,
            retry_base: Duration::from_millis(500),
            verbosity: 0,
            max_body: DEFAULT_MAX_BODY,
            observer: Arc::new(Silent),
        }
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("verbosity", &self.verbosity)
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

/// One request to make; `idempotent` says whether the server may safely see it twice.
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) idempotent: bool,
    /// What a spinner says while this request is slow ("Loading conversations…").
    pub(crate) label: String,
}

/// A 2xx response with its whole body.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) body: Vec<u8>,
}

#[derive(Debug)]
pub(crate) struct Transport {
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
    /// The exchange, retries included; a spinner shows once it has taken a while.
    pub(crate) async fn exchange(&self, request: &Request) -> Result<Answer> {
        let observer = &self.settings.observer;
        let mut work = std::pin::pin!(self.exchange_with_retries(request));
        tokio::select! {
            biased;
            answer = &mut work => return answer,
            () = tokio::time::sleep(SHOW_BUSY_AFTER) => {}
        }
        observer.busy(&request.label);
        let answer = work.await;
        observer.idle();
        answer
    }

    async fn exchange_with_retries(&self, request: &Request) -> Result<Answer> {
        let mut retry = 0;
        loop {
            let attempt = self.attempt(request).await;
            let (error, asked) = match attempt {
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
                    (error, retry_after(&headers, jiff::Timestamp::now()))
                }
                Attempt::NotConnected(error) => (error, None),
                Attempt::Failed(error) if request.idempotent => (error, None),
                Attempt::Failed(error) | Attempt::Refused(error) => return Err(error),
            };
            if let Some(wait) = asked
                && wait > MAX_WAIT
            {
                return Err(too_long(error, wait, jiff::Timestamp::now()));
            }
            if retry >= self.settings.retries {
                return Err(gave_up(error, retry));
            }
            retry += 1;
            let (wait, why) = match asked {
                Some(wait) => (wait, ", as the server asks"),
                None => (self.backoff(retry), ""),
            };
            self.settings.observer.notice(&format!(
                "{}; retrying in {}{why} (retry {retry} of {})…",
                retry_reason(&error),
                seconds(wait),
                self.settings.retries
            ));
            tokio::time::sleep(wait).await;
        }
    }

    /// `retry_base * 2^(retry-1)`, at most [`MAX_BACKOFF`], scaled by a random factor in [0.5, 1)
    /// so clients spread out.
    fn backoff(&self, retry: u32) -> Duration {
        let exponential = self
            .settings
            .retry_base
            .saturating_mul(2u32.saturating_pow(retry - 1))
            .min(MAX_BACKOFF);
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
        let mut response = match builder.send().await {
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
        let max = self.settings.max_body;
        if response
            .content_length()
            .is_some_and(|length| length > max as u64)
        {
            return Attempt::Refused(too_big(max));
        }
        // Read chunk by chunk, so a body past the cap is refused without ever being held whole.
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) if body.len() + chunk.len() > max => {
                    return Attempt::Refused(too_big(max));
                }
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(error) if error.is_timeout() => {
                    return Attempt::Refused(self.network_error(&error));
                }
                Err(error) if error.is_decode() => {
                    return Attempt::Refused(Error::bad_response(format!(
                        "the server's compressed answer cannot be decoded: {}",
                        root_cause(&error)
                    )));
                }
                Err(error) => return Attempt::Failed(self.network_error(&error)),
            }
        }
        if verbose > 0 {
            self.log_response(status, &headers, &body, started.elapsed());
        }
        if status.is_redirection() {
            return Attempt::Refused(redirect_error(&request.url, &headers));
        }
        Attempt::Answered {
            status,
            headers,
            body,
        }
    }

    fn network_error(&self, error: &reqwest::Error) -> Error {
        let failure = Failure {
            connecting: error.is_connect(),
            timed_out: error.is_timeout(),
            cause: root_cause(error),
        };
        Error::network(failure.describe(&self.host, self.settings.timeout))
    }

    fn log_request(&self, request: &Request) {
        let observer = &self.settings.observer;
        let target = match request.url.query() {
            Some(query) => format!("{}?{query}", request.url.path()),
            None => request.url.path().to_string(),
        };
        observer.log(&format!("> {} {target}", request.method));
        for (name, value) in &self.logged_headers {
            observer.log(&format!("> {name}: {value}"));
        }
        if let Some(body) = &request.body {
            observer.log("> content-type: application/json");
            if self.settings.verbosity > 1 {
                observer.log(&format!(">\n{}", String::from_utf8_lossy(body)));
            }
        }
    }

    fn log_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8], took: Duration) {
        let observer = &self.settings.observer;
        observer.log(&format!("< {status} ({} ms)", took.as_millis()));
        if self.settings.verbosity > 1 {
            for (name, value) in headers {
                observer.log(&format!(
                    "< {name}: {}",
                    String::from_utf8_lossy(value.as_bytes())
                ));
            }
            observer.log(&format!("<\n{}", String::from_utf8_lossy(body)));
        }
    }
}

/// What went wrong with a connection, as reqwest classifies it.
struct Failure {
    connecting: bool,
    timed_out: bool,
    cause: String,
}

impl Failure {
    /// A connect timeout is its own limit (10 s), not `--timeout`: say which one ran out.
    fn describe(&self, host: &str, timeout: Duration) -> String {
        match (self.connecting, self.timed_out) {
            (true, true) => format!(
                "cannot connect to {host}: no answer within {}",
                seconds(super::client::CONNECT_TIMEOUT)
            ),
            (false, true) => format!("no answer from {host} within {}", seconds(timeout)),
            (true, false) => format!("cannot connect to {host}: {}", self.cause),
            (false, false) => format!("the connection to {host} failed: {}", self.cause),
        }
    }
}

fn too_big(max: usize) -> Error {
    Error::bad_response(format!(
        "the server's answer is larger than {} MiB (UCCONV_MAX_BODY_MIB raises the cap)",
        max >> 20
    ))
}

/// A redirect that was not followed: either it left the base URL's origin (the key is never sent
/// elsewhere) or it stayed and went round more times than the client follows.
fn redirect_error(from: &Url, headers: &HeaderMap) -> Error {
    let location = headers.get(LOCATION).and_then(|v| v.to_str().ok());
    let target = location.and_then(|l| from.join(l).ok());
    match target {
        Some(target) if target.origin() == from.origin() => Error::bad_response(format!(
            "the server keeps redirecting (stopped after {} requests; the last pointed to {})",
            super::client::MAX_REDIRECTS,
            target.path()
        )),
        _ => Error::CrossHostRedirect {
            location: location.unwrap_or("another address").to_string(),
        },
    }
}

/// `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3). A number too large for any clock
/// saturates; a date in the past means no particular wait (ucconv's own backoff applies).
pub(crate) fn retry_after(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let from_now = at.as_second().saturating_sub(now.as_second());
    u64::try_from(from_now)
        .ok()
        .filter(|&s| s > 0)
        .map(Duration::from_secs)
}

/// `2s`, `1.5s`, `12s`; whole seconds in integers, so a huge wait is shown exactly.
fn seconds(wait: Duration) -> String {
    let tenths = wait.as_millis().saturating_add(50) / 100;
    if tenths >= 100 || tenths.is_multiple_of(10) {
        format!("{}s", wait.as_millis().saturating_add(500) / 1000)
    } else {
        format!("{}.{}s", tenths / 10, tenths % 10)
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
fn gave_up(error: Error, spent: u32) -> Error {
    match error {
        Error::Api {
            status,
            message,
            hint,
            ..
        } => Error::Api {
            status,
            message,
            retries: spent,
            hint,
        },
        Error::Network { message, .. } => Error::Network {
            message,
            retries: spent,
        },
        other => other,
    }
}

/// A wait the server asks for that is too long to sleep through: fail now with the time to come
/// back, or without one when the wait runs past any calendar.
fn too_long(error: Error, wait: Duration, now: jiff::Timestamp) -> Error {
    let at = i64::try_from(wait.as_secs())
        .ok()
        .and_then(|secs| now.checked_add(jiff::SignedDuration::from_secs(secs)).ok());
    let when = match at {
        Some(at) => {
            let zone = jiff::tz::TimeZone::system();
            let (then, today) = (
                at.to_zoned_datetime(zone.clone()),
                now.to_zoned_datetime(zone),
            );
            let format = if then.date() == today.date() {
                "%H:%M:%S"
            } else {
                "%Y-%m-%d %H:%M:%S"
            };
            format!("try again after {}", then.strftime(format))
        }
        None => "which is effectively never".to_string(),
    };
    let advice = format!("; the server asks to wait {}, {when}", seconds(wait));
    match error {
        Error::Api {
            status,
            message,
            hint,
            ..
        } => Error::Api {
            status,
            message: format!("{}{advice}", message.trim_end().trim_end_matches('.')),
            retries: 0,
            hint,
        },
        other => other,
    }
}

/// Turns a non-2xx answer into an error, taking the best message available.
pub fn decode_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let from_header = || {
        headers
            .get("uc-rest-error")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    let code = status.as_u16();
    let message = wire::error_message(body)
        .or_else(from_header)
        .unwrap_or_else(|| {
            let reason = status.canonical_reason().unwrap_or("error");
            format!("the server answered {code} {reason}")
        });
    Error::api(code, message)
}

/// The innermost cause, which says what actually happened ("Connection refused").
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
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
        let now = jiff::Timestamp::now();
        let wait = |value: &str| retry_after(&headers(value), now);
        assert_eq!(wait("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            wait("Wed, 21 Oct 2015 07:28:00 GMT"),
            None,
            "a date in the past"
        );
        let soon = now + jiff::SignedDuration::from_secs(120);
        let text = soon.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string();
        assert_eq!(wait(&text), Some(Duration::from_secs(120)));
        assert_eq!(wait("soon"), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn retry_after_too_large_for_any_clock_saturates() {
        let now = jiff::Timestamp::now();
        for value in [
            "300000000000",
            "9223372036854775807",
            "99999999999999999999999",
        ] {
            let wait = retry_after(&headers(value), now).unwrap();
            assert!(wait > MAX_WAIT, "{value}");
            let error = too_long(Error::api(429, "Slow down."), wait, now);
            assert_eq!(error.exit_code(), 5);
            assert!(
                error.to_string().contains("Slow down; the server asks"),
                "{error}"
            );
        }
    }

    #[test]
    fn a_long_wait_names_the_day_as_well_as_the_time() {
        let now: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        let error = too_long(Error::api(429, "x"), Duration::from_secs(3 * 86_400), now);
        assert!(
            error.to_string().contains("try again after 2026-11-2"),
            "{error}"
        );
        let soon = too_long(Error::api(429, "x"), Duration::from_secs(120), now);
        assert!(!soon.to_string().contains("2026-"), "{soon}");
    }

    #[test]
    fn a_connect_timeout_is_reported_as_a_connect_timeout() {
        let failure = |connecting, timed_out| Failure {
            connecting,
            timed_out,
            cause: "Connection refused".into(),
        };
        let timeout = Duration::from_secs(30);
        let cases = [
            ((true, true), "cannot connect to h: no answer within 10s"),
            ((false, true), "no answer from h within 30s"),
            ((true, false), "cannot connect to h: Connection refused"),
            (
                (false, false),
                "the connection to h failed: Connection refused",
            ),
        ];
        for ((connecting, timed_out), expected) in cases {
            assert_eq!(
                failure(connecting, timed_out).describe("h", timeout),
                expected
            );
        }
    }

    #[test]
    fn backoff_never_passes_its_cap() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let transport = Transport {
            http: reqwest::Client::new(),
            settings: Settings::default(),
            logged_headers: Vec::new(),
            host: "h".into(),
        };
        for retry in 1..=40 {
            assert!(transport.backoff(retry) <= MAX_BACKOFF, "retry {retry}");
        }
    }

    #[test]
    fn seconds_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(2)), "2s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5s");
        assert_eq!(seconds(Duration::from_millis(12_400)), "12s");
        assert_eq!(seconds(Duration::from_millis(40)), "0s");
        assert_eq!(
            seconds(Duration::from_secs(9_223_372_036_854_775_807)),
            "9223372036854775807s"
        );
    }
}
