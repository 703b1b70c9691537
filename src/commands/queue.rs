//! `ucconv queue`: the webchat queues: how many wait, for how long, and which agents are there.

use serde_json::Value;

use crate::api::client::ApiClient;
use crate::api::models::{
    QUEUE_AGENTS, QUEUE_ENTRIES, QUEUE_NAME, QueueAgent, QueueEntry, QueueStatus,
};
use crate::api::wire::Document;
use crate::context::Context;
use crate::error::Result;
use crate::output;
use crate::output::rows::Rows;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv queue                      # one row per queue
  ucconv queue --waiting            # the customers waiting, with the entry to take
  ucconv queue --agents             # every agent's status in every queue
  ucconv queue --waiting --json | jq -r '.[].conversation_webchat_queue_uuid'

TSV columns: queue name, waiting, oldest waiting, active, agents available, busy, unavailable,
average hold seconds; with --waiting: queue, entry uuid, name, email, question, waiting since;
with --agents: queue, name, status, custom status, last chat, participant ARN.")]
pub struct Args {
    /// One row per waiting customer instead: queue, name, email, question, waiting since, entry
    #[arg(long, conflicts_with = "agents")]
    pub(crate) waiting: bool,

    /// One row per agent per queue instead: name, status (the custom status when set), last chat
    #[arg(long)]
    pub(crate) agents: bool,
}

/// The objects in the array field `key` of each queue, each with its queue's name added (the API
/// gives entries one, agents none).
fn flattened<T: From<crate::api::models::Object>>(
    queues: &[Document<QueueStatus>],
    key: &str,
) -> Result<Vec<Document<T>>> {
    let mut all = Vec::new();
    for queue in queues {
        let name = queue.read()?.name().unwrap_or_default().to_string();
        for item in queue.list::<T>(key)? {
            all.push(item.with_fields(&[(QUEUE_NAME, Value::from(name.as_str()))])?);
        }
    }
    Ok(all)
}

/// Every customer waiting in any queue, each with its queue's name.
pub(crate) fn waiting(queues: &[Document<QueueStatus>]) -> Result<Vec<Document<QueueEntry>>> {
    flattened(queues, QUEUE_ENTRIES)
}

/// Every agent of every queue, each with its queue's name.
pub(crate) fn agents(queues: &[Document<QueueStatus>]) -> Result<Vec<Document<QueueAgent>>> {
    flattened(queues, QUEUE_AGENTS)
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let queues = client.queue_statuses().await?;
    let mut out = output::stdout();
    let view = ctx.view();
    if args.waiting {
        let rows = Rows {
            items: waiting(&queues)?,
            empty: "No one is waiting.",
        };
        output::emit(&mut out, &rows, &view)
    } else if args.agents {
        let rows = Rows {
            items: agents(&queues)?,
            empty: "No agents.",
        };
        output::emit(&mut out, &rows, &view)
    } else {
        let rows = Rows {
            items: queues,
            empty: "No webchat queues.",
        };
        output::emit(&mut out, &rows, &view)
    }
}
