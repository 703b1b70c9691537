//! `ucconv agents`: every agent's profile: name, user id, default status, chat limit, AI or human.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::Result;
use crate::output;
use crate::output::rows::Rows;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv agents
  ucconv agents --json | jq -r '.[] | select(.ai) | .name'

TSV columns: name, display name, user id, default status, chat limit, AI (true/false).")]
pub struct Args {}

pub async fn run(_: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let rows = Rows {
        items: client.agent_profiles().await?,
        empty: "No agents.",
    };
    output::emit(&mut output::stdout(), &rows, &ctx.view())
}
