//! The one error type: every failure has a stable code, a documented exit code and, where it helps, a hint.

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Exit codes are a public contract (README, `--help`): never renumber them.
pub(crate) mod exit {
    pub(crate) const SUCCESS: u8 = 0;
    pub(crate) const OTHER: u8 = 1;
    pub(crate) const USAGE: u8 = 2;
    pub(crate) const AUTH: u8 = 3;
    pub(crate) const NOT_FOUND: u8 = 4;
    pub(crate) const RATE_LIMITED: u8 = 5;
    pub(crate) const NETWORK: u8 = 6;
    pub(crate) const SERVER: u8 = 7;
    pub(crate) const BAD_RESPONSE: u8 = 8;
    pub(crate) const INTERRUPTED: u8 = 130;
}

/// Every stable code of the JSON error object, with its exit code and what it means: the list
/// `ucconv commands --json` and `ucconv schema stderr` publish. A test keeps it in step with
/// [`Error::code`].
pub(crate) const CODES: &[(&str, u8, &str)] = &[
    (
        "usage",
        exit::USAGE,
        "bad or missing arguments, or input needed where prompting is impossible",
    ),
    (
        "no_credentials",
        exit::AUTH,
        "no API key, token or profile was found",
    ),
    (
        "unauthorized",
        exit::AUTH,
        "HTTP 401: the key or token was rejected",
    ),
    (
        "forbidden",
        exit::AUTH,
        "HTTP 403: the key lacks the permission",
    ),
    (
        "app_disabled",
        exit::AUTH,
        "HTTP 410: the authorized application is disabled",
    ),
    ("not_found", exit::NOT_FOUND, "HTTP 404"),
    (
        "rate_limited",
        exit::RATE_LIMITED,
        "HTTP 429, after the retries",
    ),
    (
        "network",
        exit::NETWORK,
        "connect, DNS, TLS or timeout, after the retries",
    ),
    ("server_error", exit::SERVER, "HTTP 5xx, after the retries"),
    (
        "bad_response",
        exit::BAD_RESPONSE,
        "an answer that is not what the API sends",
    ),
    (
        "paging_stuck",
        exit::BAD_RESPONSE,
        "paging that does not advance",
    ),
    ("bad_request", exit::OTHER, "HTTP 400"),
    ("conflict", exit::OTHER, "HTTP 409"),
    (
        "api_error",
        exit::OTHER,
        "a 2xx answer with \"success\": false",
    ),
    ("http_error", exit::OTHER, "any other HTTP status"),
    (
        "cross_host_redirect",
        exit::OTHER,
        "a redirect to another host, not followed",
    ),
    (
        "config",
        exit::OTHER,
        "a config file problem, such as an unknown profile",
    ),
    ("jq", exit::OTHER, "the --jq filter failed on the data"),
    ("io", exit::OTHER, "a local read or write failed"),
    ("interrupted", exit::INTERRUPTED, "Ctrl-C"),
    (
        "cancelled",
        exit::INTERRUPTED,
        "a prompt was declined or dismissed",
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad or missing input from the user, including input we would have to prompt for but cannot.
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    #[error("no UltraCart credentials found")]
    NoCredentials,
    /// The API answered with an error status, or with `"success": false`. `retries` says how many
    /// retries were spent before giving up; `hint` replaces the status's usual hint.
    #[error("{message} (HTTP {status}{})", retries_note(*retries, ", "))]
    Api {
        status: u16,
        message: String,
        retries: u32,
        hint: Option<String>,
    },
    /// The request never got an answer: connect, DNS, TLS, timeout, connection dropped.
    #[error("{}", network_text(message, *retries))]
    Network { message: String, retries: u32 },
    /// The answer arrived but is not what UltraCart's API sends.
    #[error("{message}")]
    BadResponse { message: String },
    #[error("the server redirected to {location}; not following it with your credentials")]
    CrossHostRedirect { location: String },
    /// A `list --all`-style loop whose server never moves on: stopping is the only safe answer.
    #[error("{message}")]
    Paging { message: String },
    #[error("{message}")]
    Config {
        message: String,
        hint: Option<String>,
    },
    /// A `--jq` filter failed on the data (a bad filter is a usage error instead).
    #[error("{message}")]
    Filter { message: String },
    #[error("interrupted")]
    Interrupted,
    /// The person declined or dismissed a prompt.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// `--dry-run` reached the requests it describes instead of sending: not a failure; `main`
    /// prints them.
    #[error("dry run")]
    DryRun(Vec<crate::api::plan::PlannedRequest>),
    /// stdout was closed by its reader (`| head`): not a failure, nothing to say.
    #[error("broken pipe")]
    BrokenPipe,
    #[error("{0}")]
    Io(std::io::Error),
}

/// ", after 3 retries", for inside the parentheses of an API error.
fn retries_note(retries: u32, lead: &str) -> String {
    match retries {
        0 => String::new(),
        1 => format!("{lead}after 1 retry"),
        n => format!("{lead}after {n} retries"),
    }
}

fn network_text(message: &str, retries: u32) -> String {
    match retries {
        0 => message.to_string(),
        n => format!("{message} ({})", retries_note(n, "")),
    }
}

impl Error {
    /// An API error as decoded from one answer, before any retry.
    pub(crate) fn api(status: u16, message: impl Into<String>) -> Error {
        Error::Api {
            status,
            message: message.into(),
            retries: 0,
            hint: None,
        }
    }

    /// The same API error with `hint` in place of its status's usual one; other errors unchanged.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Error {
        if let Error::Api { hint: slot, .. } = &mut self {
            *slot = Some(hint.into());
        }
        self
    }

    pub(crate) fn network(message: impl Into<String>) -> Error {
        Error::Network {
            message: message.into(),
            retries: 0,
        }
    }

    pub(crate) fn usage(message: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn usage_with_hint(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error::Config {
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn bad_response(message: impl Into<String>) -> Error {
        Error::BadResponse {
            message: message.into(),
        }
    }

    /// Stable machine-readable code, for the JSON error object.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            Error::Usage { .. } => "usage",
            Error::NoCredentials => "no_credentials",
            Error::Api { status, .. } => match status {
                400 => "bad_request",
                401 => "unauthorized",
                403 => "forbidden",
                404 => "not_found",
                409 => "conflict",
                410 => "app_disabled",
                429 => "rate_limited",
                500..=599 => "server_error",
                200..=299 => "api_error",
                _ => "http_error",
            },
            Error::Network { .. } => "network",
            Error::BadResponse { .. } => "bad_response",
            Error::Paging { .. } => "paging_stuck",
            Error::CrossHostRedirect { .. } => "cross_host_redirect",
            Error::Config { .. } => "config",
            Error::Filter { .. } => "jq",
            Error::Interrupted => "interrupted",
            Error::Cancelled => "cancelled",
            Error::BrokenPipe => "broken_pipe",
            Error::DryRun(_) => "dry_run",
            Error::Io(_) => "io",
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage { .. } => exit::USAGE,
            Error::NoCredentials => exit::AUTH,
            Error::Api { status, .. } => match status {
                401 | 403 | 410 => exit::AUTH,
                404 => exit::NOT_FOUND,
                429 => exit::RATE_LIMITED,
                500..=599 => exit::SERVER,
                _ => exit::OTHER,
            },
            Error::Network { .. } => exit::NETWORK,
            Error::BadResponse { .. } | Error::Paging { .. } => exit::BAD_RESPONSE,
            Error::Interrupted | Error::Cancelled => exit::INTERRUPTED,
            Error::BrokenPipe | Error::DryRun(_) => exit::SUCCESS,
            Error::CrossHostRedirect { .. }
            | Error::Config { .. }
            | Error::Filter { .. }
            | Error::Io(_) => exit::OTHER,
        }
    }

    /// The HTTP status behind the error, when there was one.
    pub(crate) fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub(crate) fn hint(&self) -> Option<String> {
        let text = match self {
            Error::Usage { hint, .. } | Error::Config { hint, .. } => return hint.clone(),
            Error::Api {
                hint: Some(hint), ..
            } => return Some(hint.clone()),
            Error::NoCredentials => {
                "run `ucconv config init`, or set UCCONV_API_KEY (or UCCONV_OAUTH_TOKEN)"
            }
            Error::Api { status, .. } => match status {
                401 => {
                    "the key or token was rejected: check it with `ucconv config show`, or save a new one with `ucconv config init`"
                }
                403 => {
                    "the key works but lacks permission for conversations: grant it in UltraCart's Authorized Applications"
                }
                404 => "`ucconv list` shows the conversations you can see",
                410 => "the authorized application behind this key is disabled in UltraCart",
                429 => {
                    "UltraCart's rate limit was hit: wait a little, and avoid running several ucconv at once"
                }
                500..=599 => "the server had a problem: try again shortly",
                _ => return None,
            },
            Error::Network { .. } => {
                "check the base URL (`--base-url`, UCCONV_BASE_URL) and your connection; `--timeout` waits longer"
            }
            Error::BadResponse { .. } => {
                "the server did not answer like UltraCart's API: check `--base-url`"
            }
            Error::Paging { .. } => {
                "the server's paging is broken: fetch fewer with --limit, or report it to UltraCart"
            }
            Error::CrossHostRedirect { .. } => {
                "if the new address is right, pass it with `--base-url`"
            }
            Error::Filter { .. } => {
                "the filter ran, but not on data of the shape it expects: compare with `--json` output"
            }
            Error::Interrupted
            | Error::Cancelled
            | Error::BrokenPipe
            | Error::DryRun(_)
            | Error::Io(_) => {
                return None;
            }
        };
        Some(text.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Io(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_published_with_its_exit_code() {
        let errors = [
            Error::usage("x"),
            Error::NoCredentials,
            Error::api(400, "x"),
            Error::api(401, "x"),
            Error::api(403, "x"),
            Error::api(404, "x"),
            Error::api(409, "x"),
            Error::api(410, "x"),
            Error::api(429, "x"),
            Error::api(503, "x"),
            Error::api(200, "x"),
            Error::api(418, "x"),
            Error::network("x"),
            Error::bad_response("x"),
            Error::Paging {
                message: "x".into(),
            },
            Error::CrossHostRedirect {
                location: "x".into(),
            },
            Error::config("x"),
            Error::Filter {
                message: "x".into(),
            },
            Error::Interrupted,
            Error::Cancelled,
            Error::Io(std::io::Error::other("x")),
        ];
        assert_eq!(errors.len(), CODES.len());
        for error in &errors {
            let published = CODES.iter().find(|(code, ..)| *code == error.code());
            assert_eq!(
                published.map(|(_, exit, _)| *exit),
                Some(error.exit_code()),
                "{}",
                error.code()
            );
        }
    }
}
