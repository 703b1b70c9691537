//! How `auth` looks: the agent's identity, websocket URL, JWT and its expiry, or `export` lines for `eval`.

use std::io::Write;

use super::{OutputFormat, View, table, time, tsv};
use crate::api::models::AgentAuth;
use crate::error::Result;

fn expiry(auth: &AgentAuth, view: &View) -> Option<(String, String)> {
    let at = auth.jwt_expires_at()?;
    Some((
        format!("{} ({})", time::local(at), time::relative(at, view.now)),
        at.to_string(),
    ))
}

/// `auth` in the chosen format. TSV is one line: participant ARN, name, websocket URL, JWT, expiry.
pub fn write<W: Write>(out: &mut W, auth: &AgentAuth, view: &View) -> Result<()> {
    let field = |key| auth.text(key).unwrap_or_default().to_string();
    let expires = expiry(auth, view);
    match view.format {
        OutputFormat::Table => {
            let dash = |s: String| if s.is_empty() { "-".into() } else { s };
            let text = table::key_values(&[
                ("Participant", dash(field("conversation_participant_arn"))),
                ("Name", dash(field("conversation_participant_name"))),
                ("Websocket URL", dash(field("websocket_url"))),
                ("JWT", dash(field("jwt"))),
                (
                    "Expires",
                    expires.map_or_else(|| "unknown".into(), |(human, _)| human),
                ),
            ]);
            out.write_all(text.as_bytes())?;
        }
        OutputFormat::Tsv => out.write_all(
            tsv::line(&[
                field("conversation_participant_arn"),
                field("conversation_participant_name"),
                field("websocket_url"),
                field("jwt"),
                expires.map(|(_, machine)| machine).unwrap_or_default(),
            ])
            .as_bytes(),
        )?,
        OutputFormat::Json | OutputFormat::Jsonl => view.write_json(out, auth)?,
    }
    out.flush()?;
    Ok(())
}

/// `export UCCONV_WS_URL=… UCCONV_WS_JWT=…` lines, quoted for POSIX shells.
pub fn write_env<W: Write>(out: &mut W, auth: &AgentAuth) -> Result<()> {
    for (name, key) in [("UCCONV_WS_URL", "websocket_url"), ("UCCONV_WS_JWT", "jwt")] {
        let value = auth.str(key).unwrap_or_default();
        let quoted = shlex::try_quote(value).map_or_else(|_| "''".into(), |q| q.into_owned());
        writeln!(out, "export {name}={quoted}")?;
    }
    out.flush()?;
    Ok(())
}
