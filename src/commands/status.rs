//! `ucconv status`: set the agent's availability in webchat queues, or show it.

use serde::Serialize;

use crate::api::client::ApiClient;
use crate::api::live::StatusUpdate;
use crate::api::models::QueueAgent;
use crate::api::wire::Document;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::rows::Rows;
use crate::output::{self, Palette, Render, View, tsv};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv status                                   # your status in each queue
  ucconv status available --queue Support
  ucconv status busy --queue Support --queue 'Sales Team'
  ucconv status unavailable --all-queues
  ucconv status busy --queue Support --custom-status 9f1c… --custom-status-name Lunch

Whether a status is per queue or global is not known: the API names a queue, so ucconv sets it in
each queue named. Setting the same status again changes nothing (idempotent).")]
pub struct Args {
    #[command(flatten)]
    pub(crate) write: super::WriteArgs,

    /// The status to set; without it, shows yours in each queue
    #[arg(value_parser = ["available", "busy", "unavailable"])]
    pub(crate) state: Option<String>,

    /// A queue to set it in, by name (repeat for several)
    #[arg(long = "queue", value_name = "NAME")]
    pub(crate) queues: Vec<String>,

    /// Set it in every queue `ucconv queue` lists
    #[arg(long, conflicts_with = "queues")]
    pub(crate) all_queues: bool,

    /// A custom status's UUID, with --custom-status-name
    #[arg(long, value_name = "UUID", requires = "custom_status_name")]
    pub(crate) custom_status: Option<String>,

    /// The custom status's name, with --custom-status
    #[arg(long, value_name = "NAME", requires = "custom_status")]
    pub(crate) custom_status_name: Option<String>,
}

/// What was set where: `[{"queue_name", "agent_status", "ok": true}]` in JSON.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Set {
    /// The queue it was set in.
    queue_name: String,
    /// The status set: `available`, `busy` or `unavailable`.
    #[schemars(extend("examples" = ["available", "busy", "unavailable"]))]
    agent_status: String,
    /// Always true: a failure is an error on stderr and a non-zero exit instead.
    ok: bool,
}

/// One change a queue, in the order the queues were named.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub(crate) struct Changes(Vec<Set>);

impl Render for Changes {
    fn human(&self, view: &View) -> Result<String> {
        let check = Palette::new(view.color).success.apply_to("✓");
        let queues: Vec<&str> = self.0.iter().map(|s| s.queue_name.as_str()).collect();
        let status = self.0.first().map_or("", |s| s.agent_status.as_str());
        Ok(format!("{check} {status} in {}\n", queues.join(", ")))
    }

    fn tsv(&self) -> Result<String> {
        Ok(self
            .0
            .iter()
            .map(|s| tsv::line(&[s.queue_name.as_str(), &s.agent_status]))
            .collect())
    }

    fn records(&self) -> Result<Option<Vec<Box<serde_json::value::RawValue>>>> {
        output::records_of(&self.0)
    }
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let Some(state) = args.state.clone() else {
        return show(ctx, client).await;
    };
    let queues = if args.all_queues {
        let statuses = client.queue_statuses().await?;
        let mut names = Vec::new();
        for queue in &statuses {
            names.extend(queue.read()?.name().map(str::to_string));
        }
        names
    } else {
        args.queues.clone()
    };
    if queues.is_empty() {
        return Err(Error::usage_with_hint(
            "which queue? name it with --queue NAME, or use --all-queues",
            "`ucconv queue` lists the queues",
        ));
    }
    let update = StatusUpdate {
        agent_status: state.clone(),
        custom_status_uuid: args.custom_status.clone(),
        custom_status_name: args.custom_status_name.clone(),
    };
    let mut done = Vec::new();
    let mut planned = Vec::new();
    for queue in queues {
        match client.set_queue_status(&queue, &update).await {
            // A dry run describes every queue's request, not just the first.
            Err(Error::DryRun(mut requests)) => {
                planned.append(&mut requests);
                continue;
            }
            result => result?,
        }
        done.push(Set {
            queue_name: queue,
            agent_status: state.clone(),
            ok: true,
        });
    }
    if !planned.is_empty() {
        return Err(Error::DryRun(planned));
    }
    output::emit(&mut output::stdout(), &Changes(done), &ctx.view())
}

/// The calling agent's status in each queue, found by the participant ARN its authorization names.
async fn show(ctx: &Context, client: &ApiClient) -> Result<()> {
    let queues = client.queue_statuses().await?;
    let auth = client.agent_auth().await?;
    let Some(me) = auth.read()?.participant_arn().map(str::to_string) else {
        return Err(Error::bad_response(
            "cannot tell which agent you are: the authorization names no participant ARN",
        ));
    };
    let mut mine: Vec<Document<QueueAgent>> = Vec::new();
    for agent in super::queue::agents(&queues)? {
        if agent.read()?.arn() == Some(me.as_str()) {
            mine.push(agent);
        }
    }
    let rows = Rows {
        items: mine,
        empty: "You are in none of the queues.",
    };
    output::emit(&mut output::stdout(), &rows, &ctx.view())
}
