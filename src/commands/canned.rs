//! `ucconv canned`: canned replies, all of them or those matching a short code.

use crate::api::client::ApiClient;
use crate::api::models::CannedMessage;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::rows::Rows;
use crate::output::{self, text};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv canned                       # every canned reply
  ucconv canned ref                   # those whose short code matches
  ucconv canned refund --text | pbcopy   # just the reply's text, to paste

TSV columns: short code, text, department ids (comma-separated).")]
pub struct Args {
    /// A short code to search for
    pub(crate) short_code: Option<String>,

    /// At most this many matches
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) max_results: Option<u32>,

    /// Print only the text of the matching reply (exactly one must match)
    #[arg(long, requires = "short_code")]
    pub(crate) text: bool,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let short_code = args
        .short_code
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let found = client.canned(short_code, args.max_results).await?;
    if args.text {
        return print_text(short_code.unwrap_or_default(), &found);
    }
    let rows = Rows {
        items: found,
        empty: "No canned replies.",
    };
    output::emit(&mut output::stdout(), &rows, &ctx.view())
}

/// The one reply's text: the exact short code wins when several match.
fn print_text(code: &str, found: &[crate::api::wire::Document<CannedMessage>]) -> Result<()> {
    let mut exact = Vec::new();
    for reply in found {
        if reply
            .read()?
            .short_code()
            .is_some_and(|c| c.eq_ignore_ascii_case(code))
        {
            exact.push(reply);
        }
    }
    let chosen = match (exact.as_slice(), found) {
        ([one], _) => *one,
        ([], [one]) => one,
        ([], []) => {
            return Err(Error::Api {
                status: 404,
                message: format!("no canned reply has the short code {code}"),
                retries: 0,
                hint: Some("`ucconv canned` lists them".into()),
            });
        }
        _ => {
            return Err(Error::usage_with_hint(
                format!("{} canned replies match {code}", found.len()),
                "give the whole short code; `ucconv canned` lists them",
            ));
        }
    };
    let body = chosen.read()?.text_body().unwrap_or_default();
    output::print(&format!("{}\n", text::printable(body)))
}
