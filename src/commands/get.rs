//! `ucconv get`: one conversation's header, participants and transcript.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::Result;
use crate::output;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv get 7e5ba615-5208-5fc6-cdf1-01e3bab88b9f
  ucconv get 7e5ba615-5208-5fc6-cdf1-01e3bab88b9f --messages 20
  ucconv get 7e5ba615-5208-5fc6-cdf1-01e3bab88b9f --json | jq '.messages[].body'")]
pub struct Args {
    /// The conversation: its UUID, a unique prefix of it (6 or more characters, as tables show
    /// them) or its ARN [default: pick one from a list, on a terminal]
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::conversations))]
    pub(crate) uuid: Option<String>,

    /// Show only the newest N messages
    #[arg(short = 'm', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) messages: Option<u32>,

    /// Mark the conversation read once it is shown
    #[arg(long)]
    pub(crate) mark_read: bool,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let uuid = super::conversation_uuid(args.uuid, "get", ctx, client).await?;
    let conversation = client.get_conversation(&uuid, args.messages).await?;
    output::emit(&mut ctx.paged_output(), &conversation, &ctx.view())?;
    if args.mark_read {
        client.mark_read(&uuid).await?;
    }
    Ok(())
}
