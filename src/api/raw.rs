//! Any operation, for `ucconv api`: a path resolved against the base URL (never another host), the
//! same headers, credentials, retries (idempotent methods only), timeouts and log as every command.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};

use super::client::ApiClient;
use super::transport::{Answer, Request};
use crate::error::{Error, Result};

/// Headers `-H` may not set: they carry the credentials.
const FORBIDDEN: &[&str] = &[
    "x-ultracart-simple-key",
    "authorization",
    "cookie",
    "proxy-authorization",
];

/// `Name: value` lines as headers, refusing any that would replace the credentials.
pub(crate) fn headers(lines: &[String]) -> Result<HeaderMap> {
    let mut map = HeaderMap::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| {
            Error::usage(format!(
                "-H {line:?} is not a header: write it as 'Name: value'"
            ))
        })?;
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| Error::usage(format!("{:?} is not a header name", name.trim())))?;
        if FORBIDDEN.contains(&name.as_str()) {
            return Err(Error::usage_with_hint(
                format!("-H {name} would replace the credentials, and is refused"),
                "credentials come from the profile or UCCONV_API_KEY / UCCONV_OAUTH_TOKEN",
            ));
        }
        let value = HeaderValue::from_str(value.trim()).map_err(|_| {
            Error::usage(format!("the value of -H {name} cannot be sent in a header"))
        })?;
        map.append(name, value);
    }
    Ok(map)
}

/// Methods the server may safely see twice, so a failed attempt can be tried again.
pub(crate) fn idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

impl ApiClient {
    /// `path` against the base URL: `/conversation/engagements`, with or without a leading
    /// `/rest/v2`, or an absolute URL on the base URL's own origin. Another host is refused, so the
    /// key can never be sent there.
    pub(crate) fn resolve(&self, path: &str) -> Result<Url> {
        let path = path.trim();
        if path.contains("://") {
            let url = Url::parse(path)
                .map_err(|e| Error::usage(format!("{path:?} is not a URL: {e}")))?;
            if url.origin() != self.base().origin() {
                return Err(Error::usage_with_hint(
                    format!(
                        "{} is not the API's host; ucconv api sends your credentials only to {}",
                        url.origin().ascii_serialization(),
                        self.base().origin().ascii_serialization()
                    ),
                    "give the path alone, e.g. /conversation/engagements",
                ));
            }
            return Ok(url);
        }
        let base_path = self.base().path().trim_end_matches('/').to_string();
        let relative = path
            .strip_prefix(&base_path)
            .filter(|rest| rest.starts_with('/'))
            .unwrap_or(path);
        let relative = relative
            .strip_prefix("/rest/v2")
            .filter(|rest| rest.starts_with('/'))
            .unwrap_or(relative);
        let joined = format!(
            "{}/{}",
            self.base().as_str().trim_end_matches('/'),
            relative.trim_start_matches('/')
        );
        let mut url = Url::parse(&joined)
            .map_err(|e| Error::usage(format!("cannot build a URL from {path:?}: {e}")))?;
        if url.origin() != self.base().origin() {
            return Err(Error::usage(format!(
                "{path:?} does not stay on the API's host"
            )));
        }
        // `..` (or `%2e%2e`) would climb out of the base path, to endpoints that are not the API's.
        if !url
            .path()
            .starts_with(self.base().path().trim_end_matches('/'))
            || has_dot_segment(relative)
        {
            return Err(Error::usage_with_hint(
                format!("{path:?} leaves the API's base path"),
                "give a path below it, without . or .. segments, e.g. /conversation/engagements",
            ));
        }
        // A fragment is never sent.
        url.set_fragment(None);
        Ok(url)
    }

    /// One exchange, as given.
    pub(crate) async fn raw(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
        headers: HeaderMap,
    ) -> Result<Answer> {
        let request = Request {
            idempotent: idempotent(&method),
            label: format!("{method} {}…", url.path()),
            method,
            url,
            body,
            headers,
        };
        self.exchange(&request).await
    }
}

/// Whether a path has a `.` or `..` segment, percent-encoded or not.
fn has_dot_segment(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.split('/').any(|segment| {
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
        decoded == "." || decoded == ".."
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_are_found_however_they_are_written() {
        for path in [
            "../../etc",
            "/a/./b",
            "/rest/v2/../../admin",
            "/a/%2e%2E/b",
            "/a/.%2e",
        ] {
            assert!(has_dot_segment(path), "{path}");
        }
        for path in ["/conversation/engagements", "/a/.b/c", "/a?x=..", "/a/b..c"] {
            assert!(!has_dot_segment(path), "{path}");
        }
    }

    #[test]
    fn credentials_cannot_be_overridden() {
        for line in [
            "Authorization: Bearer x",
            "X-UltraCart-Simple-Key: k",
            "cookie: a=b",
        ] {
            assert_eq!(
                headers(&[line.into()]).unwrap_err().exit_code(),
                2,
                "{line}"
            );
        }
        let ok = headers(&["X-Trace: 1".into(), "Accept: text/plain".into()]).unwrap();
        assert_eq!(ok.len(), 2);
        assert!(headers(&["no colon".into()]).is_err());
    }

    #[test]
    fn only_safe_methods_are_retried() {
        assert!(
            idempotent(&Method::GET) && idempotent(&Method::DELETE) && idempotent(&Method::PUT)
        );
        assert!(!idempotent(&Method::POST) && !idempotent(&Method::PATCH));
    }
}
