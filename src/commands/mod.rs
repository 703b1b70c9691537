//! One module per command, each an `Args` struct and an `async fn run`.

pub mod auth;
pub mod config;
pub mod get;
pub mod join;
pub mod leave;
pub mod list;
pub mod start;

use serde::Serialize;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::conversations::View;
use crate::output::{self, OutputFormat, tsv};

/// The view settings a command renders with, from the resolved context.
pub fn view(ctx: &Context) -> View {
    View {
        format: ctx.format,
        pretty: ctx.terminal.stdout_is_tty,
        width: ctx.terminal.width,
        now: ctx.now,
    }
}

/// The conversation a command acts on. Without one, the error names the argument to pass.
pub fn conversation_uuid(given: Option<String>, command: &str) -> Result<String> {
    let uuid = given.map(|u| u.trim().to_string()).unwrap_or_default();
    if uuid.is_empty() {
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
            let mut out = output::stdout();
            output::json::write_value(
                &mut out,
                &outcome,
                view(ctx).pretty && ctx.format == OutputFormat::Json,
            )
        }
    }
}
