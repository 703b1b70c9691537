//! How `auth` looks: the agent's identity, websocket URL, JWT and its expiry, or `export` lines for `eval`.

use std::io::Write;

use serde::Serialize;

use super::{Render, View, table, time, tsv};
use crate::api::models::AgentAuth;
use crate::api::wire::Document;
use crate::error::{Error, Result};

fn expiry(auth: &AgentAuth, view: &View) -> Option<(String, String)> {
    let at = auth.jwt_expires_at()?;
    Some((
        format!("{} ({})", time::local(at), time::relative(at, view.now)),
        at.to_string(),
    ))
}

/// What `auth` shows: the authorization, with the JWT masked on screen unless asked for
/// (`--show-token`), as `gh auth status` does. TSV and JSON are for scripts, and give it whole.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Authorization<'a> {
    auth: &'a Document<AgentAuth>,
    #[serde(skip)]
    show_token: bool,
}

impl<'a> Authorization<'a> {
    pub fn new(auth: &'a Document<AgentAuth>, show_token: bool) -> Self {
        Authorization { auth, show_token }
    }
}

/// The first characters of a token, enough to recognise it, and a note on how to see the rest.
fn masked(token: &str) -> String {
    let shown: String = token.chars().take(8).collect();
    format!("{shown}…  (--show-token shows it)")
}

/// `auth` for people, and as one TSV line: participant ARN, name, websocket URL, JWT, expiry.
impl Render for Authorization<'_> {
    fn human(&self, view: &View) -> Result<String> {
        let auth = self.auth.read()?;
        let dash = |s: Option<&str>| s.unwrap_or("-").to_string();
        let expires = expiry(auth, view);
        let jwt = match auth.jwt() {
            Some(jwt) if !self.show_token => masked(jwt),
            other => dash(other),
        };
        Ok(table::key_values(
            &[
                ("Participant", dash(auth.participant_arn())),
                ("Name", dash(auth.participant_name())),
                ("Websocket URL", dash(auth.websocket_url())),
                ("JWT", jwt),
                (
                    "Expires",
                    expires.map_or_else(|| "unknown".into(), |(human, _)| human),
                ),
            ],
            view.width,
        ))
    }

    fn tsv(&self) -> Result<String> {
        let auth = self.auth.read()?;
        let field = |s: Option<&str>| s.unwrap_or_default().to_string();
        let expires = auth.jwt_expires_at().map(|at| at.to_string());
        Ok(tsv::line(&[
            field(auth.participant_arn()),
            field(auth.participant_name()),
            field(auth.websocket_url()),
            field(auth.jwt()),
            expires.unwrap_or_default(),
        ]))
    }
}

/// `export UCCONV_WS_URL=… UCCONV_WS_JWT=…` lines, quoted for POSIX shells. A value holding a
/// control character is refused: quoting keeps it from the shell, not from the terminal.
pub fn write_env<W: Write>(out: &mut W, auth: &Document<AgentAuth>) -> Result<()> {
    for (name, value) in env_values(auth)? {
        let quoted = shlex::try_quote(&value).map_or_else(|_| "''".into(), |q| q.into_owned());
        writeln!(out, "export {name}={quoted}")?;
    }
    out.flush()?;
    Ok(())
}

/// What `auth --env --json` prints: the two variables `auth --env` exports.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct EnvExports {
    /// The agent websocket URL.
    #[serde(rename = "UCCONV_WS_URL")]
    ws_url: String,
    /// The JWT that opens it, whole.
    #[serde(rename = "UCCONV_WS_JWT")]
    ws_jwt: String,
}

impl EnvExports {
    pub(crate) fn new(auth: &Document<AgentAuth>) -> Result<EnvExports> {
        let mut values = env_values(auth)?.into_iter().map(|(_, value)| value);
        Ok(EnvExports {
            ws_url: values.next().unwrap_or_default(),
            ws_jwt: values.next().unwrap_or_default(),
        })
    }
}

/// The variables `auth --env` sets, refused if the server put control characters in them.
pub(crate) fn env_values(auth: &Document<AgentAuth>) -> Result<Vec<(&'static str, String)>> {
    let auth = auth.read()?;
    let mut values = Vec::new();
    for (name, value) in [
        ("UCCONV_WS_URL", auth.websocket_url()),
        ("UCCONV_WS_JWT", auth.jwt()),
    ] {
        let value = value.unwrap_or_default();
        if value.chars().any(char::is_control) {
            return Err(Error::bad_response(format!(
                "the server's value for {name} holds control characters"
            )));
        }
        values.push((name, value.to_string()));
    }
    Ok(values)
}
