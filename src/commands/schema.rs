//! `ucconv schema`: the JSON Schema (draft 2020-12) of each command's JSON output.

use clap_complete::CompletionCandidate;
use serde_json::{Map, Value};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::{output, schema};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv schema                         # one object: every command's schema by its name
  ucconv schema list                    # the schema of `ucconv list --json`
  ucconv schema 'queue --waiting'       # a shape that depends on the command line: quote it
  ucconv schema get --jq '.\"$defs\" | keys'

Commands whose JSON shape depends on their arguments have one schema per shape, named as the
command line: `config show`, `config init`, `profile set`, `queue --waiting`, `queue --agents`,
`status STATE`, `auth --env`. The schemas describe fields and
their known values without enforcing them: every field may be missing or null, and fields the API
adds are allowed. docs/json-fields.md lists each command's fields.")]
pub struct Args {
    /// The command whose output to describe [default: every command]
    #[arg(value_name = "COMMAND", add = clap_complete::ArgValueCandidates::new(candidates))]
    pub(crate) command: Option<String>,
}

fn candidates() -> Vec<CompletionCandidate> {
    schema::commands()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

pub fn run(args: Args, ctx: &Context) -> Result<()> {
    let value = match args.command.as_deref().map(str::trim) {
        Some(command) => schema::output_schema(command).ok_or_else(|| unknown(command))?,
        None => {
            let mut all = Map::new();
            for command in schema::commands() {
                if let Some(schema) = schema::output_schema(command) {
                    all.insert(command.to_string(), schema);
                }
            }
            Value::Object(all)
        }
    };
    let mut out = output::stdout();
    ctx.view().write_json(&mut out, &value)?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}

fn unknown(command: &str) -> Error {
    Error::usage_with_hint(
        format!("no JSON schema for {command:?}"),
        format!(
            "commands with JSON output: {}",
            schema::commands().join(", ")
        ),
    )
}
