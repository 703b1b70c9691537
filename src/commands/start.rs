//! `ucconv start`: start a conversation and print its UUID.

use crate::api::client::{ApiClient, StartRequest};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{self, OutputFormat};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv start --participant arn:ultracart:conversation:DEMO:participant:customer:123456
  uuid=$(ucconv start --participant ARN1 --participant ARN2)")]
pub struct Args {
    /// ARN of a participant to add (repeat for several)
    #[arg(long = "participant", value_name = "ARN", required = true)]
    pub participants: Vec<String>,

    /// ARN to give the new conversation
    #[arg(long, value_name = "ARN")]
    pub conversation_arn: Option<String>,

    /// UUID of the webchat queue to start it in
    #[arg(long, value_name = "UUID")]
    pub queue: Option<String>,
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
    match ctx.format {
        // The UUID alone, so `uuid=$(ucconv start …)` works.
        OutputFormat::Table | OutputFormat::Tsv => {
            output::print(&format!("{}\n", started.uuid().unwrap_or_default()))
        }
        OutputFormat::Json | OutputFormat::Jsonl => {
            super::view(ctx).write_json(&mut output::stdout(), &started)
        }
    }
}
