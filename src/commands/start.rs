//! `ucconv start`: start a conversation and print its UUID.

use serde::Serialize;

use crate::api::client::{ApiClient, StartRequest};
use crate::api::models::StartedConversation;
use crate::api::wire::Document;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{self, Render, View, text, tsv};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv start --participant arn:ultracart:conversation:DEMO:participant:customer:123456
  uuid=$(ucconv start --participant ARN1 --participant ARN2)")]
pub struct Args {
    #[command(flatten)]
    pub(crate) write: super::WriteArgs,

    /// ARN of a participant to add (repeat for several)
    #[arg(long = "participant", value_name = "ARN", required = true)]
    pub(crate) participants: Vec<String>,

    /// ARN to give the new conversation
    #[arg(long, value_name = "ARN")]
    pub(crate) conversation_arn: Option<String>,

    /// UUID of the webchat queue to start it in
    #[arg(long, value_name = "UUID")]
    pub(crate) queue: Option<String>,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let blank = |s: &String| s.trim().is_empty();
    if args.participants.iter().any(blank) {
        return Err(Error::usage("--participant needs a participant ARN"));
    }
    let request = StartRequest {
        add_conversation_participant_arns: args.participants,
        conversation_arn: args.conversation_arn.filter(|s| !blank(s)),
        conversation_webchat_queue_uuid: args.queue.filter(|s| !blank(s)),
    };
    let started = client.start_conversation(&request).await?;
    output::emit(&mut output::stdout(), &Started(started), &ctx.view())
}

/// The new conversation: its uuid alone for people and TSV, so `uuid=$(ucconv start …)` works;
/// the server's object in JSON.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub(crate) struct Started(pub(crate) Document<StartedConversation>);

impl Render for Started {
    fn human(&self, _: &View) -> Result<String> {
        let uuid = self.0.read()?.uuid().unwrap_or_default();
        Ok(format!("{}\n", text::one_line(uuid)))
    }

    fn tsv(&self) -> Result<String> {
        Ok(tsv::line(&[self.0.read()?.uuid().unwrap_or_default()]))
    }
}
