//! `ucconv messages`: a conversation's messages since a time.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::Result;
use crate::output;
use crate::output::conversation::Transcript;
use crate::when;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv messages 7e5ba615                     # every message
  ucconv messages 7e5ba615 --since 15m         # the last quarter of an hour
  ucconv messages 7e5ba615 --since 2026-11-25 --limit 20
  ucconv messages 7e5ba615 --since 1767225600000 -o jsonl

WHEN is RFC 3339, a date (local midnight), epoch milliseconds, or a duration ago (15m, 2h, 3d).
The API takes `since` as a number: ucconv assumes epoch milliseconds, like each message's
message_epoch. Whether a message at exactly that time is included is not known.

TSV columns: time, author, type, body, media URLs (space-separated), as `ucconv get`.")]
pub struct Args {
    /// The conversation: its UUID, a unique prefix of it (6 or more characters) or its ARN
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::conversations))]
    pub(crate) uuid: Option<String>,

    /// Only messages from this time on [default: all]
    #[arg(long, value_name = "WHEN")]
    pub(crate) since: Option<String>,

    /// At most this many messages (the API's default applies when not given)
    #[arg(short = 'L', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) limit: Option<u32>,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let since = match &args.since {
        Some(text) => when::parse(text, ctx.now)?.as_millisecond(),
        None => 0,
    };
    let uuid = super::conversation_uuid(args.uuid, "messages", ctx, client).await?;
    let messages = client.messages_since(&uuid, since, args.limit).await?;
    output::emit(&mut ctx.paged_output(), &Transcript(messages), &ctx.view())
}
