//! `ucconv take`: take a customer waiting in a webchat queue, starting the conversation with them.

use crate::api::client::{ApiClient, StartRequest};
use crate::api::models::QueueEntry;
use crate::api::wire::Document;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{self, table, time};
use crate::{ids, prompt};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv take                     # on a terminal: pick from the customers waiting
  ucconv take 3f2a9c1e            # an entry from `ucconv queue --waiting` (a prefix is enough)
  uuid=$(ucconv take 3f2a9c1e) && ucconv follow \"$uuid\"

Taking starts a conversation (start_conversation) with conversation_webchat_queue_uuid set to the
entry and the customer as participant; this is inferred from the API's field names. It is not
idempotent: a customer taken once is no longer waiting.")]
pub struct Args {
    #[command(flatten)]
    pub(crate) write: super::WriteArgs,

    /// The waiting customer's entry uuid (or a unique prefix of it), from `ucconv queue --waiting`
    /// [default: pick one, on a terminal]
    pub(crate) entry: Option<String>,
}

fn describe(entry: &QueueEntry, view: &output::View) -> String {
    let since = entry
        .join_dts()
        .and_then(time::parse)
        .map_or_else(String::new, |at| time::age(at, view.now));
    let line = format!(
        "{:<12}  {:<20}  {since:>5}  {}",
        table::truncate(entry.queue_name().unwrap_or("-"), 12),
        table::truncate(entry.name().unwrap_or("-"), 20),
        table::truncate(entry.question().unwrap_or_default(), 200)
    );
    table::truncate(&line, view.width.saturating_sub(4).max(30))
}

/// The waiting entry meant: the one given (whole or by prefix), else picked on a terminal.
pub(crate) async fn choose(
    given: Option<String>,
    ctx: &Context,
    client: &ApiClient,
) -> Result<Document<QueueEntry>> {
    let queues = client.queue_statuses().await?;
    let waiting = super::queue::waiting(&queues)?;
    let given = given
        .map(|g| g.trim().to_string())
        .filter(|g| !g.is_empty());
    let Some(given) = given else {
        if !ctx.can_prompt() {
            return Err(Error::usage_with_hint(
                "`ucconv take` needs the entry of a waiting customer",
                "pass it as `ucconv take <ENTRY>`; `ucconv queue --waiting` lists them",
            ));
        }
        if waiting.is_empty() {
            return Err(Error::usage("no one is waiting in any queue"));
        }
        let view = ctx.view();
        let items = waiting
            .iter()
            .map(|entry| Ok(describe(entry.read()?, &view)))
            .collect::<Result<Vec<_>>>()?;
        let chosen = prompt::pick("Customer to take (type to filter)", items).await?;
        return waiting.into_iter().nth(chosen).ok_or(Error::Cancelled);
    };
    let mut found = Vec::new();
    for entry in waiting {
        let uuid = entry.read()?.uuid().unwrap_or_default().to_string();
        if uuid.eq_ignore_ascii_case(&given) || !ids::matching(&given, [uuid.as_str()]).is_empty() {
            found.push(entry);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::api(
            404,
            format!("no customer is waiting with the entry {given}"),
        )
        .with_hint(
            "`ucconv queue --waiting` lists who is waiting; someone may have taken them already",
        )),
        n => Err(Error::usage_with_hint(
            format!("{given} matches {n} waiting customers"),
            "give more characters of the entry",
        )),
    }
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let entry = choose(args.entry, ctx, client).await?;
    let entry = entry.read()?;
    let request = StartRequest {
        add_conversation_participant_arns: entry.arn().map(str::to_string).into_iter().collect(),
        conversation_arn: None,
        conversation_webchat_queue_uuid: entry.uuid().map(str::to_string),
    };
    let started = client.start_conversation(&request).await?;
    if ctx.format == output::OutputFormat::Table && ctx.terminal.stdout_is_tty {
        // stdout holds the uuid alone; people also get who it was and what to do next.
        let uuid = started.read()?.uuid().unwrap_or_default().to_string();
        ctx.ui.notice(&format!(
            "✓ Took {} from {}. Next: ucconv follow {}",
            entry.name().unwrap_or("the customer"),
            entry.queue_name().unwrap_or("the queue"),
            super::short_id(&uuid)
        ));
    }
    output::emit(
        &mut output::stdout(),
        &super::start::Started(started),
        &ctx.view(),
    )
}
