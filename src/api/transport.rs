//! One HTTP exchange, done right: retries with backoff and `Retry-After`, timeouts, no credentials
//! off-origin, error bodies decoded, and a redacted log of what went over the wire.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{Method, StatusCode, Url};

pub use super::failure::decode_error;
use super::failure::{
    Failure, gave_up, redirect_error, retry_after, retry_reason, root_cause, seconds, too_big,
    too_long,
};
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
    /// `--dry-run`: the requests that are described instead of sent.
    pub(crate) dry_run: super::plan::DryRun,
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
            dry_run: super::plan::DryRun::Off,
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
    /// More headers (`ucconv api -H`); never the credentials, which the client refuses.
    pub(crate) headers: HeaderMap,
}

/// A 2xx response with its whole body.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

#[derive(Debug)]
pub(crate) struct Transport {
    pub(super) http: reqwest::Client,
    pub(super) settings: Settings,
    /// The headers every request carries, credentials already shown as `[redacted]`, for the log.
    pub(super) logged_headers: Vec<(String, String)>,
    pub(super) host: String,
    /// The credential, so a server that repeats it (in an error, a header, a body) never gets it
    /// printed.
    pub(super) secret: Secret,
}

/// A secret that `Debug` does not show.
pub(crate) struct Secret(pub(crate) String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Secret {
    /// `text` with every copy of the secret replaced by `[redacted]`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 || !text.contains(&self.0) {
            return text.to_string();
        }
        text.replace(&self.0, "[redacted]")
    }
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
        if self.settings.dry_run.holds(&request.method) {
            return Err(Error::DryRun(vec![super::plan::describe(self, request)]));
        }
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
                        return Ok(Answer {
                            status,
                            headers,
                            body,
                        });
                    }
                    let mut error = decode_error(status, &headers, &body);
                    if let Error::Api { message, .. } = &mut error {
                        *message = self.secret.scrub(message);
                    }
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
            .request(request.method.clone(), request.url.clone())
            .headers(request.headers.clone());
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
        for (name, value) in &request.headers {
            observer.log(&format!(
                "> {name}: {}",
                String::from_utf8_lossy(value.as_bytes())
            ));
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
                let value = String::from_utf8_lossy(value.as_bytes());
                observer.log(&format!("< {name}: {}", self.secret.scrub(&value)));
            }
            let body = String::from_utf8_lossy(body);
            observer.log(&format!("<\n{}", self.secret.scrub(&body)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_repeating_the_key_never_gets_it_printed() {
        let secret = Secret("0123456789abcdef".into());
        assert_eq!(
            secret.scrub("bad key x-ultracart-simple-key: 0123456789abcdef!"),
            "bad key x-ultracart-simple-key: [redacted]!"
        );
        assert_eq!(format!("{secret:?}"), "[redacted]");
    }

    #[test]
    fn backoff_never_passes_its_cap() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let transport = Transport {
            http: reqwest::Client::new(),
            settings: Settings::default(),
            logged_headers: Vec::new(),
            host: "h".into(),
            secret: Secret(String::new()),
        };
        for retry in 1..=40 {
            assert!(transport.backoff(retry) <= MAX_BACKOFF, "retry {retry}");
        }
    }
}
