//! `ucconv whoami`: who these credentials act as, using only reads.

use serde::Serialize;

use crate::api::client::ApiClient;
use crate::context::{Context, redact_url};
use crate::error::Result;
use crate::output::{self, Render, View, table, tsv};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv whoami
  ucconv --profile store2 whoami --json

It reads the agent profile and the permissions; it does not call agent/auth, which is a write that
mints a token. TSV: name, user id, edit settings, credentials, base URL.")]
pub struct Args {}

/// `{"name", "user_id", "edit_settings", "credentials", "base_url"}` in JSON.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Identity {
    /// The agent's display name, else their name, from the agent profile.
    name: Option<String>,
    /// The agent's user id, as text.
    user_id: Option<String>,
    /// Whether the agent may edit the conversation settings (the permissions).
    edit_settings: Option<bool>,
    /// Where the credentials came from, e.g. `UCCONV_API_KEY`, `profile "default"`, or `none`.
    credentials: String,
    /// The base URL requests go to (a password in it hidden).
    base_url: String,
}

impl Render for Identity {
    fn human(&self, view: &View) -> Result<String> {
        let text = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        let edit = match self.edit_settings {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        Ok(table::key_values(
            &[
                ("Agent", text(&self.name)),
                ("User id", text(&self.user_id)),
                ("Can edit settings", edit.to_string()),
                ("Credentials", self.credentials.clone()),
                ("Base URL", self.base_url.clone()),
            ],
            view.width,
        ))
    }

    fn tsv(&self) -> Result<String> {
        Ok(tsv::line(&[
            self.name.clone().unwrap_or_default(),
            self.user_id.clone().unwrap_or_default(),
            self.edit_settings
                .map(|b| b.to_string())
                .unwrap_or_default(),
            self.credentials.clone(),
            self.base_url.clone(),
        ]))
    }
}

pub async fn run(_: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    output::emit(
        &mut output::stdout(),
        &identity(ctx, client).await?,
        &ctx.view(),
    )
}

/// Who the credentials act as, from the agent profile and the permissions (also the MCP tool's).
pub(crate) async fn identity(ctx: &Context, client: &ApiClient) -> Result<Identity> {
    let profile = client.agent_profile().await?;
    let permissions = client.permissions().await?;
    let profile = profile.read()?;
    let resolved = ctx.resolve_credentials()?;
    let base = ctx.base_url(
        resolved
            .as_ref()
            .and_then(|r| r.profile_base_url.as_deref()),
    )?;
    Ok(Identity {
        name: profile
            .display_name()
            .or(profile.name())
            .map(str::to_string),
        user_id: profile.user_id(),
        edit_settings: permissions.read()?.bool("edit_settings"),
        credentials: resolved.map_or_else(|| "none".into(), |r| r.source.to_string()),
        base_url: redact_url(base.as_str()),
    })
}
