//! `ucconv mark-read`: mark a conversation read.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv mark-read 7e5ba615
  ucconv get 7e5ba615 --mark-read     # read it and mark it read in one go

Idempotent: marking a read conversation read again changes nothing.")]
pub struct Args {
    #[command(flatten)]
    pub(crate) write: super::WriteArgs,

    /// The conversation: its UUID, a unique prefix of it (6 or more characters) or its ARN
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::conversations))]
    pub(crate) uuid: Option<String>,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let uuid = super::conversation_uuid(args.uuid, "mark-read", ctx, client).await?;
    client.mark_read(&uuid).await?;
    let short = super::short_id(&uuid);
    super::report_outcome(
        ctx,
        &uuid,
        "mark-read",
        format!("Marked conversation {short} read."),
    )
}
