//! `ucconv auth`: the agent's websocket authorization (JWT, websocket URL, expiry).

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::Result;
use crate::output::{self, agent};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv auth                 # the JWT masked
  ucconv auth --show-token    # the JWT whole
  eval \"$(ucconv auth --env)\"   # sets UCCONV_WS_URL and UCCONV_WS_JWT")]
pub struct Args {
    /// Print `export UCCONV_WS_URL=… UCCONV_WS_JWT=…` lines for `eval` (with --json, an object
    /// of those two variables)
    #[arg(long)]
    pub(crate) env: bool,

    /// Show the whole JWT in the table (it is masked there; TSV, JSON and --env always give it)
    #[arg(long)]
    pub(crate) show_token: bool,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let auth = client.agent_auth().await?;
    let mut out = output::stdout();
    if args.env && ctx.format.is_json() {
        ctx.view()
            .write_json(&mut out, &agent::EnvExports::new(&auth)?)
    } else if args.env {
        agent::write_env(&mut out, &auth)
    } else {
        let shown = agent::Authorization::new(&auth, args.show_token);
        output::emit(&mut out, &shown, &ctx.view())
    }
}
