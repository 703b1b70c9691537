//! One module per command, each an `Args` struct and an `async fn run`.

pub mod auth;
pub mod completions;
pub mod config;
pub mod get;
pub mod join;
pub mod leave;
pub mod list;
pub mod start;

use serde::Serialize;

use crate::api::client::{ApiClient, ListQuery};
use crate::api::models::SummaryFields;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{self, Render, View, tsv};
use crate::prompt;

/// How many recent conversations the picker offers.
const PICKER_SIZE: u32 = 50;
/// Longer than any conversation UUID (36 characters): a longer argument is a mistake.
const MAX_UUID: usize = 100;

/// The conversation a command acts on: the one given, else (on a terminal) one the person picks
/// from the most recent, else an error naming the argument to pass.
pub(crate) async fn conversation_uuid(
    given: Option<String>,
    command: &str,
    ctx: &Context,
    client: &ApiClient,
) -> Result<String> {
    let uuid = given.map(|u| u.trim().to_string()).unwrap_or_default();
    if uuid.is_empty() {
        if ctx.can_prompt() {
            return pick_conversation(command, ctx, client).await;
        }
        return Err(Error::usage_with_hint(
            format!("`ucconv {command}` needs a conversation UUID"),
            format!("pass it as `ucconv {command} <UUID>`; `ucconv list` shows them"),
        ));
    }
    // `.` and `..` would be resolved away as path segments and address a different endpoint.
    if uuid == "." || uuid == ".." {
        return Err(Error::usage(format!("{uuid:?} is not a conversation UUID")));
    }
    if uuid.len() > MAX_UUID || uuid.chars().any(char::is_control) {
        return Err(Error::usage(format!(
            "that is not a conversation UUID ({} characters; UUIDs have 36)",
            uuid.chars().count()
        )));
    }
    Ok(uuid)
}

async fn pick_conversation(command: &str, ctx: &Context, client: &ApiClient) -> Result<String> {
    let query = ListQuery {
        limit: Some(PICKER_SIZE),
        ..ListQuery::default()
    };
    let label = "Loading recent conversations…".to_string();
    let page = client.list_conversations(&query, label).await?;
    let mut recent = Vec::new();
    for row in &page.rows {
        let summary = row.read()?;
        if summary.uuid().is_some() {
            recent.push(summary);
        }
    }
    if recent.is_empty() {
        return Err(Error::usage("there are no conversations to choose from"));
    }
    let items = output::list::picker_items(&recent, &ctx.view());
    let chosen = prompt::pick(
        &format!("Conversation to {command} (type to filter)"),
        items,
    )
    .await?;
    Ok(recent[chosen].uuid().unwrap_or_default().to_string())
}

/// What `join` and `leave` report: `{"conversation_uuid", "action", "ok": true}` in JSON, a
/// sentence for people, `uuid<TAB>action` in TSV.
#[derive(Serialize)]
pub(crate) struct Outcome<'a> {
    conversation_uuid: &'a str,
    action: &'a str,
    ok: bool,
    #[serde(skip)]
    sentence: String,
}

impl Render for Outcome<'_> {
    fn human(&self, _: &View) -> Result<String> {
        Ok(format!("{}\n", self.sentence))
    }

    fn tsv(&self) -> Result<String> {
        Ok(tsv::line(&[self.conversation_uuid, self.action]))
    }
}

pub(crate) fn report_outcome(
    ctx: &Context,
    uuid: &str,
    action: &str,
    sentence: String,
) -> Result<()> {
    let outcome = Outcome {
        conversation_uuid: uuid,
        action,
        ok: true,
        sentence,
    };
    output::emit(&mut output::stdout(), &outcome, &ctx.view())
}
