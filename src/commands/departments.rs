//! `ucconv departments`: the conversation departments and their members.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::Result;
use crate::output;
use crate::output::rows::Rows;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv departments
  ucconv departments --json | jq '.[].members | length'

TSV columns: department, members (comma-separated).")]
pub struct Args {}

pub async fn run(_: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let rows = Rows {
        items: client.departments().await?,
        empty: "No departments.",
    };
    output::emit(&mut output::stdout(), &rows, &ctx.view())
}
