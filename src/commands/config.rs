//! `ucconv config`: save, show and choose profiles. Secrets come from a hidden prompt or stdin, never a flag.

use std::io::Read;

use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use crate::api::client::{ApiClient, Credential, DEFAULT_BASE_URL, ListQuery};
use crate::config::{self, Config, Profile};
use crate::context::{Context, parse_base_url, redact_url};
use crate::error::{Error, Result, exit};
use crate::output::table::{Column, Table};
use crate::output::{self, Render, View, table, tsv};
use crate::prompt;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv config init                   # asks for the key (hidden) and saves profile \"default\"
  ucconv config init --profile store2  # a second profile
  ucconv config show                   # profiles, keys masked, and which credentials are active
  ucconv config use store2             # make store2 the default
  ucconv --profile store2 list         # use it once")]
pub struct Args {
    #[command(subcommand)]
    pub(crate) action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum Action {
    /// Save an API key (or OAuth token) as a profile, checking it first
    #[command(
        after_help = "The profile is the one named by --profile, else \"default\".
The base URL given by --base-url or UCCONV_BASE_URL is saved with it. Idempotent: saving the
same key again leaves the file as it was. It writes the config file only, so it has no --dry-run.

Examples:
  ucconv config init                          # asks for the key, hidden
  printf '%s' \"$KEY\" | ucconv config init --key-stdin --profile work"
    )]
    Init(InitArgs),
    /// List profiles (keys masked) and say where the active credentials come from
    #[command(after_help = "Examples:\n  ucconv config show\n  ucconv config show --json")]
    Show,
    /// Make a profile the default
    #[command(
        after_help = "Examples:\n  ucconv config use store2\n\nIdempotent: using the default profile again changes nothing."
    )]
    Use {
        /// The profile's name
        #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::profiles))]
        name: String,
    },
    /// Print the config file's path
    #[command(after_help = "Examples:\n  ucconv config path\n  $EDITOR \"$(ucconv config path)\"")]
    Path,
}

#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// Read the key from standard input instead of prompting
    #[arg(long)]
    pub(crate) key_stdin: bool,

    /// The secret is an OAuth access token, not a simple API key
    #[arg(long)]
    pub(crate) oauth: bool,

    /// Save without checking the key against the API
    #[arg(long)]
    pub(crate) no_verify: bool,

    /// Make this the default profile (the first profile saved always is)
    #[arg(long)]
    pub(crate) default: bool,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    match args.action {
        Action::Init(init_args) => init(init_args, ctx).await,
        Action::Show => show(ctx),
        Action::Use { name } => use_profile(&name, ctx),
        Action::Path => {
            let path = ConfigPath {
                path: ctx.config_path.display().to_string(),
            };
            let shown = output::Plain::new(&path, &path.path)?;
            output::emit(&mut output::stdout(), &shown, &ctx.view())
        }
    }
}

async fn read_secret(args: &InitArgs, ctx: &Context) -> Result<SecretString> {
    let what = if args.oauth { "OAuth token" } else { "API key" };
    let secret = if args.key_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::usage(format!("cannot read the {what} from stdin: {e}")))?;
        SecretString::from(text.trim().to_string())
    } else if ctx.can_prompt() {
        prompt::secret(what).await?
    } else {
        return Err(Error::usage_with_hint(
            format!("no terminal to ask for the {what} on"),
            "pipe it in with --key-stdin, e.g. `printf '%s' \"$KEY\" | ucconv config init --key-stdin`",
        ));
    };
    if secret.expose_secret().trim().is_empty() {
        return Err(Error::usage(format!("the {what} is empty")));
    }
    Ok(secret)
}

/// The profile to write: `--profile`, else asked on a terminal, else "default". On a terminal,
/// an existing profile is either replaced or kept, with the new one saved under another name.
async fn choose_profile_name(ctx: &Context, config: &Config, interactive: bool) -> Result<String> {
    let mut name = match &ctx.global.profile {
        Some(name) => name.clone(),
        None if interactive => prompt::text("Profile name", "default").await?,
        None => "default".to_string(),
    };
    name = name.trim().to_string();
    if interactive && config.profiles.contains_key(&name) {
        let replace = format!("Replace profile {name:?}");
        let choice = prompt::choose(
            &format!("A profile named {name:?} exists"),
            &[replace.as_str(), "Add a new profile"],
        )
        .await?;
        if choice == 1 {
            let suggestion = (2..)
                .map(|n| format!("{name}-{n}"))
                .find(|candidate| !config.profiles.contains_key(candidate))
                .unwrap_or_default();
            name = prompt::text("New profile name", &suggestion)
                .await?
                .trim()
                .to_string();
            if config.profiles.contains_key(&name) {
                return Err(Error::usage(format!(
                    "a profile named {name:?} exists already"
                )));
            }
        }
    }
    if name.is_empty() {
        return Err(Error::usage("the profile name is empty"));
    }
    Ok(name)
}

/// How many keys `config init` asks for on a terminal before it gives up.
const KEY_TRIES: usize = 3;

/// The base URL to save: on a terminal, asked, with `--base-url`/`UCCONV_BASE_URL` (else
/// UltraCart's) as the default; otherwise the one given, if any.
async fn choose_base_url(ctx: &Context, interactive: bool) -> Result<Option<String>> {
    let given = ctx.base_url_given();
    if !interactive {
        return Ok(given);
    }
    let default = given.unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    let answer = prompt::text("Base URL", &default).await?;
    let answer = answer.trim();
    Ok(Some(answer.to_string()).filter(|a| !a.is_empty() && a != DEFAULT_BASE_URL))
}

/// One cheap request with the new credential: a single conversation summary.
async fn verify(ctx: &Context, base_url: &Url, credential: &Credential) -> Result<()> {
    let client = ApiClient::new(base_url.clone(), credential, ctx.transport_settings())?;
    let probe = ListQuery {
        limit: Some(1),
        ..ListQuery::default()
    };
    let checking = format!("Checking the key with {base_url}…");
    client.list_conversations(&probe, checking).await.map(drop)
}

async fn init(args: InitArgs, ctx: &Context) -> Result<()> {
    let interactive = !args.key_stdin && ctx.can_prompt();
    let name = choose_profile_name(ctx, ctx.config()?, interactive).await?;
    let what = if args.oauth { "OAuth token" } else { "API key" };
    let mut tries = 0;
    let (secret, saved_base_url, base_url) = loop {
        tries += 1;
        let secret = read_secret(&args, ctx).await?;
        // Asked once, after the first key: a retry only asks for the key again.
        let saved_base_url = choose_base_url(ctx, interactive && tries == 1).await?;
        let base_url = parse_base_url(saved_base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let credential = if args.oauth {
            Credential::OAuthToken(secret.clone())
        } else {
            Credential::SimpleKey(secret.clone())
        };
        if args.no_verify {
            break (secret, saved_base_url, base_url);
        }
        match verify(ctx, &base_url, &credential).await {
            Ok(()) => break (secret, saved_base_url, base_url),
            Err(error) if error.exit_code() == exit::AUTH && interactive && tries < KEY_TRIES => {
                ctx.ui
                    .warn(&format!("{base_url} did not accept that {what}: {error}"));
            }
            Err(error) if error.exit_code() == exit::AUTH => {
                return Err(rejected(error, what));
            }
            Err(error) => return Err(error),
        }
    };

    let profile = Profile {
        api_key: (!args.oauth).then(|| secret.clone()),
        oauth_token: args.oauth.then_some(secret),
        base_url: saved_base_url,
    };
    // Read, change and write under the lock: another ucconv saving a profile meanwhile keeps it.
    let made_default = config::update(&ctx.config_path, |config| {
        config.profiles.insert(name.clone(), profile);
        let make_default = args.default || config.default_profile.is_none();
        if make_default {
            config.default_profile = Some(name.clone());
        }
        // Saved again, the default profile is still the default.
        Ok(config.default_profile.as_deref() == Some(name.as_str()))
    })?;

    let verified = if args.no_verify {
        "not checked"
    } else {
        "checked"
    };
    ctx.ui.notice(&format!(
        "✓ Saved profile {name:?} to {} ({verified} against {base_url}){}.",
        ctx.config_path.display(),
        if made_default { ", as the default" } else { "" }
    ));
    let saved = Saved {
        profile: name,
        config_path: ctx.config_path.display().to_string(),
        default: made_default,
        verified: !args.no_verify,
    };
    output::emit(&mut output::stdout(), &saved, &ctx.view())
}

/// A key the API refused, with a hint that does not send the person round in a circle.
fn rejected(error: Error, what: &str) -> Error {
    error.with_hint(format!(
        "nothing was saved: check the {what} in UltraCart's Authorized Applications, then run `ucconv config init` again"
    ))
}

/// What `config init` saved. People read the notice on stderr; stdout has it only in JSON.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Saved {
    /// The profile's name.
    profile: String,
    /// The config file it was saved to.
    config_path: String,
    /// Whether it is now the default profile.
    default: bool,
    /// Whether the key was checked against the API first (not with `--no-verify`).
    verified: bool,
}

impl Render for Saved {
    fn human(&self, _: &View) -> Result<String> {
        Ok(String::new())
    }

    fn tsv(&self) -> Result<String> {
        Ok(String::new())
    }
}

fn describe(credential: Option<&Credential>) -> (&'static str, String) {
    match credential {
        Some(Credential::SimpleKey(key)) => ("api_key", config::mask(key)),
        Some(Credential::OAuthToken(token)) => ("oauth_token", config::mask(token)),
        None => ("none", "-".into()),
    }
}

/// One profile as `config show` lists it: the key masked, a base URL's password hidden.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ProfileLine {
    /// The profile's name.
    name: String,
    /// Its kind of credential: `api_key`, `oauth_token` or `none`.
    #[schemars(extend("examples" = ["api_key", "oauth_token", "none"]))]
    credential: &'static str,
    /// The credential masked to its last 4 characters (`****cdef`), or `-`.
    key: String,
    /// The profile's base URL, a password in it hidden; null for UltraCart's.
    base_url: Option<String>,
    /// Whether it is the default profile.
    default: bool,
}

/// `config show`: the file, its profiles, and where this run's credentials come from.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Report {
    /// The config file.
    config_path: String,
    /// The default profile's name; null when none is set or it names no profile.
    default_profile: Option<String>,
    /// Every profile in the file.
    profiles: Vec<ProfileLine>,
    /// Where this run's credentials come from, the secret masked, or why there are none.
    active: String,
}

impl Render for Report {
    fn human(&self, view: &View) -> Result<String> {
        let mut text = table::key_values(&[("Config file:", self.config_path.clone())], view.width);
        if self.profiles.is_empty() {
            text.push_str("No profiles.\n");
        } else {
            text.push('\n');
            let cells: Vec<Vec<String>> = self
                .profiles
                .iter()
                .map(|p| {
                    vec![
                        table::truncate(&p.name, 40),
                        if p.default { "*" } else { "" }.into(),
                        p.credential.to_string(),
                        p.key.clone(),
                        table::truncate(p.base_url.as_deref().unwrap_or("-"), 80),
                    ]
                })
                .collect();
            let columns = [
                Column::new("PROFILE", 40).min(6),
                Column::new("DEFAULT", 7).min(1),
                Column::new("CREDENTIAL", 11).min(6),
                Column::new("KEY", 8).min(8),
                Column::new("BASE URL", 80).flex(20),
            ];
            text.push_str(&Table::fit(&columns, &cells, view.width).render(&cells));
        }
        text.push('\n');
        text.push_str(&table::key_values(
            &[("Active credentials:", self.active.clone())],
            view.width,
        ));
        Ok(text)
    }

    fn tsv(&self) -> Result<String> {
        Ok(self
            .profiles
            .iter()
            .map(|p| {
                tsv::line(&[
                    p.name.as_str(),
                    &p.default.to_string(),
                    p.credential,
                    &p.key,
                    p.base_url.as_deref().unwrap_or_default(),
                ])
            })
            .collect())
    }
}

fn show(ctx: &Context) -> Result<()> {
    let config = ctx.config()?;
    let active = match ctx.resolve_credentials() {
        Ok(Some(resolved)) => {
            let (_, masked) = describe(Some(&resolved.credential));
            format!("{} ({masked})", resolved.source)
        }
        Ok(None) => "none: run `ucconv config init` or set UCCONV_API_KEY".into(),
        Err(error) => format!("error: {error}"),
    };
    let profiles = config
        .profiles
        .iter()
        .map(|(name, profile)| {
            let (credential, key) = describe(profile.credential().as_ref());
            ProfileLine {
                name: name.clone(),
                credential,
                key,
                base_url: profile.base_url.as_deref().map(redact_url),
                default: config.default_profile.as_deref() == Some(name),
            }
        })
        .collect();
    let report = Report {
        config_path: ctx.config_path.display().to_string(),
        // The default's name is shown only when it names a profile: otherwise it may be a key.
        default_profile: config
            .default_profile
            .clone()
            .filter(|name| config.profiles.contains_key(name)),
        profiles,
        active,
    };
    output::emit(&mut output::stdout(), &report, &ctx.view())
}

/// What `config path --json` prints.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ConfigPath {
    /// The config file's path (it may not exist yet).
    path: String,
}

/// What `config use --json` prints.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct DefaultProfile {
    /// The profile that is now the default.
    default_profile: String,
}

fn use_profile(name: &str, ctx: &Context) -> Result<()> {
    config::update(&ctx.config_path, |config| {
        if !config.profiles.contains_key(name) {
            let known: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
            return Err(Error::Config {
                message: format!("no profile named {name:?} in {}", ctx.config_path.display()),
                hint: Some(if known.is_empty() {
                    "create one with `ucconv config init`".to_string()
                } else {
                    format!("profiles: {}", known.join(", "))
                }),
            });
        }
        config.default_profile = Some(name.to_string());
        Ok(())
    })?;
    if ctx.format.is_json() {
        let shown = DefaultProfile {
            default_profile: name.to_string(),
        };
        return ctx.view().write_json(&mut output::stdout(), &shown);
    }
    ctx.ui.notice(&format!("Default profile is now {name:?}."));
    Ok(())
}

/// Keeps the secret out of reach of accidental formatting in this module's tests.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_masks() {
        let key = SecretString::from("0123456789abcdef".to_string());
        let (kind, masked) = describe(Some(&Credential::SimpleKey(key.clone())));
        assert_eq!(kind, "api_key");
        assert_eq!(masked, "****cdef");
        assert!(!masked.contains(key.expose_secret()));
    }
}
