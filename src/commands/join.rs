//! `ucconv join`: join a conversation as the authenticated agent.

use crate::api::client::ApiClient;
use crate::context::Context;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv join 7e5ba615-5208-5fc6-cdf1-01e3bab88b9f
  ucconv join 7e5ba615-5208-5fc6-cdf1-01e3bab88b9f --language es")]
pub struct Args {
    #[command(flatten)]
    pub(crate) write: super::WriteArgs,

    /// The conversation: its UUID, a unique prefix of it (6 or more characters, as tables show
    /// them) or its ARN [default: pick one from a list, on a terminal]
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::conversations))]
    pub(crate) uuid: Option<String>,

    /// Your language, as an ISO 639-1 code (e.g. en, es), for translated messages
    #[arg(short = 'l', long, value_name = "ISO")]
    pub(crate) language: Option<String>,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let uuid = super::conversation_uuid(args.uuid, "join", ctx, client).await?;
    let language = args.language.as_deref().map(str::trim);
    if let Some(code) = language
        && !(2..=8).contains(&code.len())
    {
        return Err(Error::usage(format!(
            "--language {code:?} is not a language code such as en or es"
        )));
    }
    client.join_conversation(&uuid, language).await?;
    let short = super::short_id(&uuid);
    let sentence = match language {
        Some(code) => format!("Joined conversation {short} (language: {code})."),
        None => format!("Joined conversation {short}."),
    };
    let sentence = format!("{sentence} Next: ucconv get {short}");
    super::report_outcome(ctx, &uuid, "join", sentence)
}
