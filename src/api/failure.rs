//! What went wrong, in words: error bodies decoded, retry waits read and described, timeouts and
//! redirects named for what they are. Pure functions; the transport decides when to call them.

use std::time::Duration;

use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{StatusCode, Url};

use super::wire;
use crate::error::Error;

/// What went wrong with a connection, as reqwest classifies it.
pub(super) struct Failure {
    pub(super) connecting: bool,
    pub(super) timed_out: bool,
    pub(super) cause: String,
}

impl Failure {
    /// A connect timeout is its own limit (10 s), not `--timeout`: say which one ran out.
    pub(super) fn describe(&self, host: &str, timeout: Duration) -> String {
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

pub(super) fn too_big(max: usize) -> Error {
    Error::bad_response(format!(
        "the server's answer is larger than {} MiB (UCCONV_MAX_BODY_MIB raises the cap)",
        max >> 20
    ))
}

/// A redirect that was not followed: either it left the base URL's origin (the key is never sent
/// elsewhere) or it stayed and went round more times than the client follows.
pub(super) fn redirect_error(from: &Url, headers: &HeaderMap) -> Error {
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
    let at = match jiff::fmt::rfc2822::parse(value) {
        Ok(zoned) => zoned.timestamp(),
        // A date jiff's clock cannot hold (`31 Dec 9999`) is still a date: as late as can be.
        Err(_) => {
            jiff::civil::DateTime::strptime("%a, %d %b %Y %H:%M:%S GMT", value).ok()?;
            return Some(Duration::from_secs(u64::MAX));
        }
    };
    let from_now = at.as_second().saturating_sub(now.as_second());
    u64::try_from(from_now)
        .ok()
        .filter(|&s| s > 0)
        .map(Duration::from_secs)
}

/// `2s`, `1.5s`, `12s`; whole seconds in integers, so a huge wait is shown exactly.
pub(super) fn seconds(wait: Duration) -> String {
    let tenths = wait.as_millis().saturating_add(50) / 100;
    if tenths >= 100 || tenths.is_multiple_of(10) {
        format!("{}s", wait.as_millis().saturating_add(500) / 1000)
    } else {
        format!("{}.{}s", tenths / 10, tenths % 10)
    }
}

pub(super) fn retry_reason(error: &Error) -> String {
    match error {
        Error::Api { status: 429, .. } => "rate limited (HTTP 429)".into(),
        Error::Api { status, .. } => format!("the server answered {status}"),
        other => other.to_string(),
    }
}

/// The last error, saying how many retries were spent on it.
pub(super) fn gave_up(mut error: Error, spent: u32) -> Error {
    if let Error::Api { retries, .. } | Error::Network { retries, .. } = &mut error {
        *retries = spent;
    }
    error
}

/// A wait the server asks for that is too long to sleep through: fail now with the time to come
/// back, or without one when the wait runs past any calendar.
pub(super) fn too_long(error: Error, wait: Duration, now: jiff::Timestamp) -> Error {
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
    let mut error = error;
    if let Error::Api {
        message, retries, ..
    } = &mut error
    {
        *message = format!("{}{advice}", message.trim_end().trim_end_matches('.'));
        *retries = 0;
    }
    error
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
    use crate::api::transport::MAX_WAIT;
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
        assert!(
            wait("Fri, 31 Dec 9999 23:59:59 GMT").unwrap() > MAX_WAIT,
            "past any clock"
        );
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
