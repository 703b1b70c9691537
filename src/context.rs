//! Everything resolved once at start-up: terminal facts, output format, clock, credentials, base URL.

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use reqwest::Url;

use crate::api::client::{ApiClient, DEFAULT_BASE_URL, is_loopback};
use crate::api::transport::{DEFAULT_MAX_BODY, Observer, Settings};
use crate::cli::{ColorChoice, GlobalArgs};
use crate::config::{self, Config};
use crate::credentials::{self, ResolvedCredentials, Sources};
use crate::error::{Error, Result};
use crate::output::jq::Jq;
use crate::output::ui::Ui;
use crate::output::{OutputFormat, View, pager};

/// Facts about where output goes, read once so every command agrees.
#[derive(Clone, Debug)]
pub(crate) struct Terminal {
    pub(crate) stdin_is_tty: bool,
    pub(crate) stdout_is_tty: bool,
    /// Columns for tables and wrapping: `COLUMNS`, else the terminal's, else 100.
    pub(crate) width: usize,
    /// ANSI colors on stdout.
    pub(crate) color: bool,
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

/// The HTTP layer's words (retries, `-v` lines, slow requests) go to the one owner of stderr.
impl Observer for Ui {
    fn notice(&self, text: &str) {
        Ui::notice(self, text);
    }
    fn log(&self, line: &str) {
        Ui::log(self, line);
    }
    fn busy(&self, label: &str) {
        Ui::busy(self, label);
    }
    fn idle(&self) {
        Ui::idle(self);
    }
}

pub struct Context {
    pub(crate) global: GlobalArgs,
    pub(crate) format: OutputFormat,
    pub(crate) terminal: Terminal,
    /// "Now" for relative times; `UCCONV_NOW` (RFC 3339) pins it, for reproducible output.
    pub(crate) now: Timestamp,
    pub(crate) config_path: PathBuf,
    /// The compiled `--jq` filter, checked before any request is made.
    pub(crate) jq: Option<Rc<Jq>>,
    /// Everything said on stderr goes through this.
    pub(crate) ui: Ui,
    /// The pager for long tables, when there is a terminal to page on.
    pager: Option<Vec<String>>,
    /// The config file, read at most once per process.
    config: OnceCell<Config>,
    /// `--fields`, checked against the command's fields.
    pub(crate) fields: Option<Rc<crate::output::fields::Fields>>,
    /// What `--dry-run` holds back, for the command being run.
    pub(crate) dry_run: crate::api::plan::DryRun,
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Context {
    pub fn new(global: GlobalArgs, ui: Ui) -> Result<Context> {
        let terminal = Terminal::detect(global.color);
        let format = global.format(terminal.stdout_is_tty)?;
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
        let pager = (format == OutputFormat::Table && terminal.stdout_is_tty && !global.no_pager)
            .then(|| {
                pager::command_from(
                    std::env::var("UCCONV_PAGER").ok(),
                    std::env::var("PAGER").ok(),
                )
            })
            .flatten();
        Ok(Context {
            pager,
            global,
            format,
            terminal,
            now,
            config_path,
            jq,
            ui,
            config: OnceCell::new(),
            dry_run: crate::api::plan::DryRun::Off,
            fields: None,
        })
    }

    /// The same context, set for `command`: what its `--dry-run` holds back, and its `--fields`
    /// checked against the fields its output has.
    pub fn for_command(mut self, command: &crate::cli::Command) -> Result<Context> {
        self.dry_run = command.dry_run();
        if let Some(asked) = self.global.fields.as_ref().filter(|a| !a.is_empty()) {
            let name = self.output_name(command);
            let known: Vec<String> = crate::schema::of_objects(name)?
                .into_iter()
                .map(|field| field.name)
                .collect();
            let fields = crate::output::fields::Fields::new(asked, &known, name)?;
            self.fields = Some(Rc::new(fields));
        }
        Ok(self)
    }

    /// The name of what this run prints in `ucconv schema`: a dry run prints requests.
    pub fn output_name(&self, command: &crate::cli::Command) -> &'static str {
        match self.dry_run {
            crate::api::plan::DryRun::Off => command.output_name(),
            _ => "dry-run",
        }
    }

    /// A bare `--fields`: the command's fields are what to print.
    pub fn wants_field_list(&self) -> bool {
        self.global.fields.as_ref().is_some_and(Vec::is_empty)
    }

    /// The view settings every command renders with.
    pub(crate) fn view(&self) -> View {
        View {
            format: self.format,
            pretty: self.terminal.stdout_is_tty,
            width: self.terminal.width,
            now: self.now,
            color: self.terminal.color,
            wide: false,
            jq: self.jq.clone(),
            fields: self.fields.clone(),
        }
    }

    /// Where long output goes: the pager on a terminal, else stdout.
    pub(crate) fn paged_output(&self) -> pager::Out {
        pager::open(self.pager.as_deref(), &self.ui)
    }

    /// Prompts need a person at both ends: input from a terminal and output to one.
    /// JSON output is for programs, whose stderr must stay JSON: it never prompts either.
    pub(crate) fn can_prompt(&self) -> bool {
        !self.global.no_input
            && !self.format.is_json()
            && self.terminal.stdin_is_tty
            && self.terminal.stdout_is_tty
    }

    /// The config file as read at the first call; its warnings are given then, once.
    pub(crate) fn config(&self) -> Result<&Config> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let loaded = config::load(&self.config_path)?;
        if let Some(warning) = &loaded.warning {
            self.ui.warn(warning);
        }
        Ok(self.config.get_or_init(|| loaded.config))
    }

    /// The credentials this run uses (see [`credentials::resolve`]); `Ok(None)` when there are none.
    pub(crate) fn resolve_credentials(&self) -> Result<Option<ResolvedCredentials>> {
        let sources = Sources {
            profile_flag: self.global.profile.clone(),
            api_key: env_var("UCCONV_API_KEY"),
            oauth_token: env_var("UCCONV_OAUTH_TOKEN"),
            env_profile: env_var("UCCONV_PROFILE"),
        };
        let path = self.config_path.display().to_string();
        credentials::resolve(&sources, &path, || self.config())
    }

    /// The base URL given for this run: `--base-url`, else `UCCONV_BASE_URL`.
    pub(crate) fn base_url_given(&self) -> Option<String> {
        self.global
            .base_url
            .clone()
            .filter(|url| !url.trim().is_empty())
            .or_else(|| env_var("UCCONV_BASE_URL"))
    }

    /// `--base-url`/`UCCONV_BASE_URL`, else the profile's, else UltraCart's.
    pub(crate) fn base_url(&self, profile_base_url: Option<&str>) -> Result<Url> {
        let given = self.base_url_given();
        let text = given
            .as_deref()
            .or(profile_base_url)
            .unwrap_or(DEFAULT_BASE_URL);
        parse_base_url(text)
    }

    /// How the HTTP layer times out, retries and reports: its words go to the Ui.
    pub(crate) fn transport_settings(&self) -> Settings {
        // UCCONV_RETRY_BASE_MS shortens backoff in tests; people have no reason to set it.
        let retry_base = env_var("UCCONV_RETRY_BASE_MS")
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_millis(500), Duration::from_millis);
        let max_body = match env_var("UCCONV_MAX_BODY_MIB") {
            None => DEFAULT_MAX_BODY,
            Some(text) => match text.trim().parse::<usize>() {
                Ok(mib) if mib > 0 => mib.saturating_mul(1 << 20),
                _ => {
                    self.ui.warn(&format!(
                        "UCCONV_MAX_BODY_MIB={text:?} is not a positive whole number of MiB; using {}",
                        DEFAULT_MAX_BODY >> 20
                    ));
                    DEFAULT_MAX_BODY
                }
            },
        };
        Settings {
            timeout: Duration::from_secs(self.global.timeout),
            retries: self.global.retries,
            retry_base,
            verbosity: self.global.verbose,
            max_body,
            observer: Arc::new(self.ui.clone()),
            dry_run: self.dry_run,
        }
    }

    /// The authenticated client every API command receives.
    pub fn api_client(&self) -> Result<ApiClient> {
        let resolved = self.resolve_credentials()?.ok_or(Error::NoCredentials)?;
        let base = self.base_url(resolved.profile_base_url.as_deref())?;
        ApiClient::new(base, &resolved.credential, self.transport_settings())
    }
}

/// A URL for messages, with any user name and password hidden (they may be a credential).
pub(crate) fn redact_url(text: &str) -> String {
    match text.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
                None => text.to_string(),
            }
        }
        None => text.to_string(),
    }
}

/// Accepts http(s) URLs; plain http only to this machine, where no one can read the key in transit.
pub(crate) fn parse_base_url(text: &str) -> Result<Url> {
    let shown = redact_url(text.trim());
    let invalid = |why: String| {
        Error::usage_with_hint(
            format!("invalid base URL {shown:?}: {why}"),
            format!("UltraCart's is {DEFAULT_BASE_URL}"),
        )
    };
    let url = Url::parse(text.trim()).map_err(|e| invalid(e.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "it may not hold a user name or password (credentials go in the config file)".into(),
        ));
    }
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
            "https://user:hunter2@secure.ultracart.com/rest/v2",
            "https://hunter2@secure.ultracart.com/rest/v2",
            "https://user:hunter2@bad host/",
        ] {
            let error = parse_base_url(bad).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{bad}");
            let shown = format!("{error} {:?}", error.hint());
            assert!(!shown.contains("hunter2"), "{shown}");
        }
    }

    #[test]
    fn urls_are_redacted_for_messages() {
        assert_eq!(redact_url("https://u:p@h/x@y"), "https://***@h/x@y");
        assert_eq!(redact_url("https://h/rest/v2"), "https://h/rest/v2");
        assert_eq!(redact_url("nonsense"), "nonsense");
    }
}
