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
use crate::context::Context;
use crate::error::{Error, Result};

use crate::output::{self, OutputFormat, View, tsv};
use crate::prompt;

/// The view settings a command renders with, from the resolved context.
pub fn view(ctx: &Context) -> View {
    View {
        format: ctx.format,
        pretty: ctx.terminal.stdout_is_tty,
        width: ctx.terminal.width,
        now: ctx.now,
        color: ctx.terminal.color,
        jq: ctx.jq.clone(),
    }
}

/// How many recent conversations the picker offers.
const PICKER_SIZE: u32 = 50;

/// The conversation a command acts on: the one given, else (on a terminal) one the person picks
/// from the most recent, else an error naming the argument to pass.
pub async fn conversation_uuid(
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
    Ok(uuid)
}

async fn pick_conversation(command: &str, ctx: &Context, client: &ApiClient) -> Result<String> {
    let query = ListQuery {
        limit: Some(PICKER_SIZE),
        ..ListQuery::default()
    };
    let recent = ctx
        .progress()
        .run(
            "Loading recent conversations…",
            client.list_conversations(&query),
        )
        .await?
        .conversations;
    let recent: Vec<_> = recent.into_iter().filter(|c| c.uuid().is_some()).collect();
    if recent.is_empty() {
        return Err(Error::usage("there are no conversations to choose from"));
    }
    let items = output::list::picker_items(&recent, &view(ctx));
    let chosen = prompt::pick(
        &format!("Conversation to {command} (type to filter)"),
        items,
    )
    .await?;
    Ok(recent[chosen].uuid().unwrap_or_default().to_string())
}

/// What `join` and `leave` report: `{"conversation_uuid", "action", "ok": true}` in JSON.
#[derive(Serialize)]
struct Outcome<'a> {
    conversation_uuid: &'a str,
    action: &'a str,
    ok: bool,
}

pub fn report_outcome(ctx: &Context, uuid: &str, action: &str, sentence: &str) -> Result<()> {
    let outcome = Outcome {
        conversation_uuid: uuid,
        action,
        ok: true,
    };
    match ctx.format {
        OutputFormat::Table => output::print(&format!("{sentence}\n")),
        OutputFormat::Tsv => output::print(&tsv::line(&[uuid, action])),
        OutputFormat::Json | OutputFormat::Jsonl => {
            view(ctx).write_json(&mut output::stdout(), &outcome)
        }
    }
}
