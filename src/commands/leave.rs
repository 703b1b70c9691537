//! `ucconv leave`: leave a conversation, after confirming on a terminal.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::prompt;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv leave 7e5ba615-5208-5fc6-cdf1-01e3bab88b9f
  ucconv leave 7e5ba615-5208-5fc6-cdf1-01e3bab88b9f --yes   # no question, for scripts")]
pub struct Args {
    #[command(flatten)]
    pub(crate) write: super::WriteArgs,

    /// The conversation: its UUID, a unique prefix of it (6 or more characters, as tables show
    /// them) or its ARN [default: pick one from a list, on a terminal]
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::conversations))]
    pub(crate) uuid: Option<String>,

    /// Leave without asking for confirmation (required when not on a terminal)
    #[arg(short = 'y', long)]
    pub(crate) yes: bool,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let uuid = super::conversation_uuid(args.uuid, "leave", ctx, client).await?;
    // A dry run changes nothing, so there is nothing to confirm.
    if !args.yes && !args.write.dry_run {
        confirm(ctx, &uuid).await?;
    }
    client.leave_conversation(&uuid).await?;
    let short = super::short_id(&uuid);
    super::report_outcome(ctx, &uuid, "leave", format!("Left conversation {short}."))
}

async fn confirm(ctx: &Context, uuid: &str) -> Result<()> {
    if !ctx.can_prompt() {
        return Err(Error::usage_with_hint(
            "leaving needs confirmation, and ucconv cannot ask here (no terminal, --no-input, or JSON output)",
            "pass --yes to leave without asking",
        ));
    }
    prompt::confirm(&format!("Leave conversation {uuid}?")).await
}
