//! Everything resolved once at start-up: terminal facts, output format, clock, credentials, base URL.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use reqwest::Url;
use secrecy::SecretString;

use crate::api::client::{ApiClient, Credential, DEFAULT_BASE_URL};
use crate::api::transport::Settings;
use crate::cli::{ColorChoice, GlobalArgs};
use crate::config::{self, Config, Profile};
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::output::jq::Jq;
use crate::output::progress::Progress;

/// Facts about where output goes, read once so every command agrees.
#[derive(Clone, Debug)]
pub struct Terminal {
    pub stdin_is_tty: bool,
    pub stdout_is_tty: bool,
    pub stderr_is_tty: bool,
    /// Columns for tables and wrapping: `COLUMNS`, else the terminal's, else 100.
    pub width: usize,
    /// ANSI colors on stdout.
    pub color: bool,
}

impl Terminal {
    fn detect(color: ColorChoice) -> Terminal {
        let stdout_is_tty = std::io::stdout().is_terminal();
        let from_env = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c >= 20);
        let from_tty = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
        Terminal {
            stdin_is_tty: std::io::stdin().is_terminal(),
            stdout_is_tty,
            stderr_is_tty: std::io::stderr().is_terminal(),
            width: from_env.or(from_tty).unwrap_or(100),
            color: use_color(color, stdout_is_tty),
        }
    }
}

/// `--color` wins; for `auto`, NO_COLOR turns colors off, CLICOLOR_FORCE turns them on, and
/// otherwise they follow whether stdout is a terminal (https://no-color.org, https://bixense.com/clicolors).
fn use_color(choice: ColorChoice, stdout_is_tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env_var("NO_COLOR").is_some() => false,
        ColorChoice::Auto => {
            std::env::var("CLICOLOR_FORCE").is_ok_and(|v| !v.is_empty() && v != "0")
                || stdout_is_tty
        }
    }
}

/// Where the active credentials came from, for `config show` and error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialSource {
    ProfileFlag(String),
    EnvApiKey,
    EnvOAuthToken,
    EnvProfile(String),
    DefaultProfile(String),
}

impl std::fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CredentialSource::ProfileFlag(name) => write!(f, "profile {name:?} (--profile)"),
            CredentialSource::EnvApiKey => f.write_str("UCCONV_API_KEY"),
            CredentialSource::EnvOAuthToken => f.write_str("UCCONV_OAUTH_TOKEN"),
            CredentialSource::EnvProfile(name) => write!(f, "profile {name:?} (UCCONV_PROFILE)"),
            CredentialSource::DefaultProfile(name) => write!(f, "profile {name:?} (default)"),
        }
    }
}

pub struct ResolvedCredentials {
    pub credential: Credential,
    pub source: CredentialSource,
    /// The profile's own base URL, when the credentials came from a profile that has one.
    pub profile_base_url: Option<String>,
}

pub struct Context {
    pub global: GlobalArgs,
    pub format: OutputFormat,
    pub terminal: Terminal,
    /// "Now" for relative times; `UCCONV_NOW` (RFC 3339) pins it, for reproducible output.
    pub now: Timestamp,
    pub config_path: PathBuf,
    /// The compiled `--jq` filter, checked before any request is made.
    pub jq: Option<Rc<Jq>>,
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Context {
    pub fn new(global: GlobalArgs) -> Result<Context> {
        let terminal = Terminal::detect(global.color);
        let format = global.format(terminal.stdout_is_tty);
        let now = match env_var("UCCONV_NOW") {
            Some(text) => text
                .parse()
                .map_err(|e| Error::usage(format!("UCCONV_NOW is not an RFC 3339 time: {e}")))?,
            None => Timestamp::now(),
        };
        let config_path = config::path_from(env_var("UCCONV_CONFIG").as_deref())?;
        if global.jq.is_some()
            && matches!(global.output, Some(OutputFormat::Table | OutputFormat::Tsv))
        {
            return Err(Error::usage(
                "--jq works on JSON output: drop --output, or use -o json or -o jsonl",
            ));
        }
        let jq = global
            .jq
            .as_deref()
            .map(Jq::compile)
            .transpose()?
            .map(Rc::new);
        Ok(Context {
            global,
            format,
            terminal,
            now,
            config_path,
            jq,
        })
    }

    /// Spinners for slow requests: only where a person watches stderr.
    pub fn progress(&self) -> Progress {
        Progress::new(self.terminal.stderr_is_tty)
    }

    /// Prompts need a person at both ends: input from a terminal and output to one.
    pub fn can_prompt(&self) -> bool {
        !self.global.no_input && self.terminal.stdin_is_tty && self.terminal.stdout_is_tty
    }

    pub fn load_config(&self) -> Result<Config> {
        config::load(&self.config_path)
    }

    fn profile_credentials(
        &self,
        name: &str,
        source: CredentialSource,
    ) -> Result<ResolvedCredentials> {
        let config = self.load_config()?;
        let profile: &Profile = config.profiles.get(name).ok_or_else(|| Error::Config {
            message: format!(
                "no profile named {name:?} in {}",
                self.config_path.display()
            ),
            hint: Some(format!(
                "`ucconv config show` lists profiles; `ucconv config init --profile {name}` creates it"
            )),
        })?;
        let credential = profile.credential().ok_or_else(|| Error::Config {
            message: format!("profile {name:?} has no api_key or oauth_token"),
            hint: Some(format!("run `ucconv config init --profile {name}`")),
        })?;
        Ok(ResolvedCredentials {
            credential,
            source,
            profile_base_url: profile.base_url.clone(),
        })
    }

    /// First found wins: `--profile`, `UCCONV_API_KEY`/`UCCONV_OAUTH_TOKEN`, `UCCONV_PROFILE`, the
    /// config's default profile. `Ok(None)` when there are none at all.
    pub fn resolve_credentials(&self) -> Result<Option<ResolvedCredentials>> {
        if let Some(name) = &self.global.profile {
            return self
                .profile_credentials(name, CredentialSource::ProfileFlag(name.clone()))
                .map(Some);
        }
        let from_env = |var: &str, make: fn(SecretString) -> Credential, source| {
            env_var(var).map(|secret| ResolvedCredentials {
                credential: make(SecretString::from(secret.trim().to_string())),
                source,
                profile_base_url: None,
            })
        };
        if let Some(found) = from_env(
            "UCCONV_API_KEY",
            Credential::SimpleKey,
            CredentialSource::EnvApiKey,
        )
        .or_else(|| {
            from_env(
                "UCCONV_OAUTH_TOKEN",
                Credential::OAuthToken,
                CredentialSource::EnvOAuthToken,
            )
        }) {
            return Ok(Some(found));
        }
        if let Some(name) = env_var("UCCONV_PROFILE") {
            return self
                .profile_credentials(&name, CredentialSource::EnvProfile(name.clone()))
                .map(Some);
        }
        let config = self.load_config()?;
        match config.default_profile {
            Some(name) => self
                .profile_credentials(&name, CredentialSource::DefaultProfile(name.clone()))
                .map(Some),
            None => Ok(None),
        }
    }

    /// `--base-url`/`UCCONV_BASE_URL`, else the profile's, else UltraCart's.
    pub fn base_url(&self, profile_base_url: Option<&str>) -> Result<Url> {
        let text = self
            .global
            .base_url
            .as_deref()
            .or(profile_base_url)
            .unwrap_or(DEFAULT_BASE_URL);
        parse_base_url(text)
    }

    /// How the HTTP layer times out, retries and reports: its notices and logs go to stderr.
    pub fn transport_settings(&self) -> Settings {
        // UCCONV_RETRY_BASE_MS shortens backoff in tests; people have no reason to set it.
        let retry_base = env_var("UCCONV_RETRY_BASE_MS")
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_millis(500), Duration::from_millis);
        Settings {
            timeout: Duration::from_secs(self.global.timeout),
            retries: self.global.retries,
            retry_base,
            verbosity: self.global.verbose,
            report: Arc::new(|line: &str| eprintln!("{line}")),
        }
    }

    /// The authenticated client every API command receives.
    pub fn api_client(&self) -> Result<ApiClient> {
        let resolved = self.resolve_credentials()?.ok_or(Error::NoCredentials)?;
        let base = self.base_url(resolved.profile_base_url.as_deref())?;
        ApiClient::new(base, &resolved.credential, self.transport_settings())
    }
}

/// Accepts http(s) URLs; plain http only to this machine, where no one can read the key in transit.
pub fn parse_base_url(text: &str) -> Result<Url> {
    let invalid = |why: String| {
        Error::usage_with_hint(
            format!("invalid base URL {text:?}: {why}"),
            format!("UltraCart's is {DEFAULT_BASE_URL}"),
        )
    };
    let url = Url::parse(text.trim()).map_err(|e| invalid(e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(invalid(
                "plain http would send your API key unencrypted; use https".into(),
            ));
        }
        other => return Err(invalid(format!("unsupported scheme {other:?}"))),
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it may not have a query or fragment".into()));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert!(parse_base_url("https://secure.ultracart.com/rest/v2").is_ok());
        assert!(parse_base_url("http://127.0.0.1:8787/rest/v2").is_ok());
        assert!(parse_base_url("http://localhost:1/rest/v2").is_ok());
        assert!(parse_base_url("http://[::1]:1/rest/v2").is_ok());
        for bad in [
            "http://example.com/rest/v2",
            "ftp://127.0.0.1/",
            "not a url",
            "https://x/?a=b",
        ] {
            let error = parse_base_url(bad).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{bad}");
        }
    }
}
