//! `ucconv profile`: the agent's own profile; `profile set` changes the named fields only.

use serde_json::Value;

use crate::api::client::ApiClient;
use crate::api::models::{
    AgentProfile, PROFILE_CHAT_LIMIT, PROFILE_DEFAULT_STATUS, PROFILE_DISPLAY_NAME,
    PROFILE_LANGUAGE,
};
use crate::api::wire::Document;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{self, Palette, Render, View, table, tsv};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv profile
  ucconv profile set --display-name 'Morgan (Support)' --chat-limit 4
  ucconv profile set --default-status busy --json

TSV: name, display name, user id, default status, language, chat limit.")]
pub struct Args {
    #[command(subcommand)]
    pub(crate) action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Change the named fields of your profile, keeping every other field as it is
    #[command(after_help = "Examples:
  ucconv profile set --chat-limit 4
  ucconv profile set --display-name Morgan --language es

It reads the whole profile, changes what you name, and sends the whole profile back, so nothing
you did not name is lost. Setting a value it already has changes nothing (idempotent).")]
    Set(SetArgs),
}

#[derive(Debug, clap::Args)]
pub struct SetArgs {
    #[command(flatten)]
    pub(crate) write: super::WriteArgs,

    /// The name customers see
    #[arg(long, value_name = "NAME")]
    pub(crate) display_name: Option<String>,

    /// The status you start in
    #[arg(long, value_parser = ["available", "busy", "unavailable"])]
    pub(crate) default_status: Option<String>,

    /// Your language (ISO 639-1, e.g. en)
    #[arg(long, value_name = "ISO")]
    pub(crate) language: Option<String>,

    /// How many chats at once
    #[arg(long, value_name = "N")]
    pub(crate) chat_limit: Option<u32>,
}

/// Your profile for people: name, display name, user id, default status, language, chat limit.
#[derive(schemars::JsonSchema)]
#[schemars(transparent)]
pub(crate) struct Shown(Document<AgentProfile>);

impl serde::Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Render for Shown {
    fn human(&self, view: &View) -> Result<String> {
        let p = self.0.read()?;
        let text = |s: Option<&str>| s.unwrap_or("-").to_string();
        Ok(table::key_values(
            &[
                ("Name", text(p.name())),
                ("Display name", text(p.display_name())),
                ("User id", p.user_id().unwrap_or_else(|| "-".into())),
                ("Default status", text(p.default_status())),
                ("Language", text(p.language())),
                ("Chat limit", output::number_text(p.chat_limit())),
                (
                    "AI",
                    if p.ai() == Some(true) { "yes" } else { "no" }.to_string(),
                ),
            ],
            view.width,
        ))
    }

    fn tsv(&self) -> Result<String> {
        let p = self.0.read()?;
        let text = |s: Option<&str>| s.unwrap_or_default().to_string();
        Ok(tsv::line(&[
            text(p.name()),
            text(p.display_name()),
            p.user_id().unwrap_or_default(),
            text(p.default_status()),
            text(p.language()),
            p.chat_limit().map(|n| n.to_string()).unwrap_or_default(),
        ]))
    }
}

/// What `profile set` changed: a ✓ line per field for people; the saved profile in JSON.
pub(crate) struct Changed {
    saved: Document<AgentProfile>,
    changes: Vec<(&'static str, String, String)>,
}

/// JSON holds the saved profile alone, so the schema is the profile's.
impl schemars::JsonSchema for Changed {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Document::<AgentProfile>::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Document::<AgentProfile>::json_schema(generator)
    }
}

impl serde::Serialize for Changed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.saved.serialize(serializer)
    }
}

impl Render for Changed {
    fn human(&self, view: &View) -> Result<String> {
        let check = Palette::new(view.color).success.apply_to("✓");
        if self.changes.is_empty() {
            return Ok(format!(
                "{check} Nothing to change: the profile already says so.\n"
            ));
        }
        Ok(self
            .changes
            .iter()
            .map(|(field, old, new)| {
                format!(
                    "{check} {field}: {} → {}\n",
                    table::truncate(old, 40),
                    table::truncate(new, 40)
                )
            })
            .collect())
    }

    fn tsv(&self) -> Result<String> {
        Ok(self
            .changes
            .iter()
            .map(|(field, old, new)| tsv::line(&[*field, old.as_str(), new.as_str()]))
            .collect())
    }
}

fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let Some(Action::Set(set)) = args.action else {
        let profile = client.agent_profile().await?;
        return output::emit(&mut output::stdout(), &Shown(profile), &ctx.view());
    };
    let wanted: Vec<(&'static str, Value)> = [
        (PROFILE_DISPLAY_NAME, set.display_name.map(Value::from)),
        (PROFILE_DEFAULT_STATUS, set.default_status.map(Value::from)),
        (PROFILE_LANGUAGE, set.language.map(Value::from)),
        (PROFILE_CHAT_LIMIT, set.chat_limit.map(Value::from)),
    ]
    .into_iter()
    .filter_map(|(field, value)| Some((field, value?)))
    .collect();
    if wanted.is_empty() {
        return Err(Error::usage_with_hint(
            "`ucconv profile set` needs a field to change",
            "--display-name, --default-status, --language or --chat-limit",
        ));
    }
    let current = client.agent_profile().await?;
    let mut profile = current.read()?.0.clone();
    let mut changes = Vec::new();
    for (field, value) in wanted {
        let old = profile.0.get(field).cloned();
        if old.as_ref() != Some(&value) {
            changes.push((field, shown(old.as_ref()), shown(Some(&value))));
            profile.0.insert(field.to_string(), value);
        }
    }
    let saved = if changes.is_empty() {
        current
    } else {
        client.update_agent_profile(&profile).await?
    };
    output::emit(
        &mut output::stdout(),
        &Changed { saved, changes },
        &ctx.view(),
    )
}
