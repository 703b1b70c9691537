//! `ucconv context`: what a webchat customer is looking at: page, cart, orders, pages viewed.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv context 7e5ba615
  ucconv context 7e5ba615 --json | jq '.cart.items'

Webchat only: SMS conversations have no context. The API declares this read as a PUT.
TSV: current URL, session start, cart total, number of orders, number of pages viewed.")]
pub struct Args {
    /// The conversation: its UUID, a unique prefix of it (6 or more characters) or its ARN
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::conversations))]
    pub(crate) uuid: Option<String>,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let uuid = super::conversation_uuid(args.uuid, "context", ctx, client).await?;
    // The API refuses an SMS conversation with some 4xx; say why in words a person can act on.
    let context = client.context(&uuid).await.map_err(|error| match error {
        Error::Api {
            status: 400 | 409 | 422,
            ..
        } => error.with_hint(
            "only webchat conversations have a context (SMS ones do not); `ucconv get` shows any conversation",
        ),
        other => other,
    })?;
    output::emit(&mut ctx.paged_output(), &context, &ctx.view())
}
