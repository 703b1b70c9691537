//! `ucconv mcp`: serve ucconv's operations as Model Context Protocol tools on stdin/stdout.

use crate::context::Context;
use crate::error::Result;
use crate::mcp;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv mcp                                  # the read-only tools
  ucconv mcp --allow-writes                   # also join, leave, start, take, status, mark_read, profile_set
  ucconv mcp --tools list,get,messages        # only these
  ucconv --profile store2 mcp                 # credentials as for any command

stdout carries only the protocol (JSON-RPC, one message a line), so --json, -o, --jq and --fields
do not apply to it; retries, -v logs and notices go to stderr, as JSON lines with --json. Tools: list, get, messages, search, queue, context, canned, agents, departments, whoami,
profile; with --allow-writes also join, leave, start, take, status, mark_read, profile_set.
Each tool's annotations say whether it only reads, and whether a write is destructive or
idempotent (readOnlyHint, destructiveHint, idempotentHint); start and take are not idempotent.
A failed call is a tool result with isError and the CLI's JSON error object
{\"error\":{\"code\",\"status\",\"message\",\"hint\"}}.")]
pub struct Args {
    /// Also offer the tools that change things; without it they are neither listed nor callable
    #[arg(long)]
    pub(crate) allow_writes: bool,

    /// Offer only these tools (comma-separated names, e.g. list,get)
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub(crate) tools: Vec<String>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    // The names are checked before the credentials: a typo is a usage error either way.
    let specs = mcp::tools::select(args.allow_writes, &args.tools)?;
    let client = ctx.api_client()?;
    mcp::serve(specs, ctx, &client).await
}
