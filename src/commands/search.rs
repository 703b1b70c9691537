//! `ucconv search`: conversations by text, email, phone, medium, language and dates, streamed like `list`.

use crate::api::client::ApiClient;
use crate::api::desk::SearchRequest;
use crate::api::wire::SummaryRow;
use crate::context::Context;
use crate::error::Result;
use crate::output::OutputFormat;
use crate::output::list::ListWriter;
use crate::paging::Pager;
use crate::when;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv search refund
  ucconv search --email ava.adams@example.com
  ucconv search shipping --medium sms --since 7d --limit 20
  ucconv search --all --since 2026-11-01 --until 2026-12-01 --json | jq length

WHEN is RFC 3339, a date (local midnight), epoch milliseconds, or a duration ago (15m, 2h, 3d).
Pages are ranges (range_begin, range_end), assumed end-exclusive; paging stops at the total or an
empty page, and a server whose pages do not advance ends it with exit code 8.
The columns and formats are list's.")]
pub struct Args {
    /// Text to find in messages and names
    pub(crate) text: Option<String>,

    /// Only conversations with this participant email
    #[arg(long, value_name = "EMAIL")]
    pub(crate) email: Option<String>,

    /// Only conversations with this participant phone number
    #[arg(long, value_name = "PHONE")]
    pub(crate) phone: Option<String>,

    /// Only conversations on this medium
    #[arg(long, value_parser = ["sms", "websocket"])]
    pub(crate) medium: Option<String>,

    /// Only conversations in this language (ISO 639-1, e.g. en)
    #[arg(long, value_name = "ISO")]
    pub(crate) language: Option<String>,

    /// Only conversations active from this time on
    #[arg(long, value_name = "WHEN")]
    pub(crate) since: Option<String>,

    /// Only conversations active before this time
    #[arg(long, value_name = "WHEN")]
    pub(crate) until: Option<String>,

    /// Oldest first (newest first by default)
    #[arg(long)]
    pub(crate) oldest: bool,

    /// How many to show
    #[arg(short = 'L', long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) limit: u64,

    /// Every match, page after page
    #[arg(long, conflicts_with = "limit")]
    pub(crate) all: bool,
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let date = |text: &Option<String>| -> Result<Option<String>> {
        text.as_deref()
            .map(|t| {
                Ok(when::parse(t, ctx.now)?
                    .strftime("%Y-%m-%dT%H:%M:%S+00:00")
                    .to_string())
            })
            .transpose()
    };
    let base = SearchRequest {
        text_search: args.text.clone().filter(|t| !t.trim().is_empty()),
        email_filter: args.email.clone(),
        sms_phone_number_filter: args.phone.clone(),
        language_filter: args.language.clone(),
        medium_filter: args.medium.clone(),
        date_start: date(&args.since)?,
        date_end: date(&args.until)?,
        order_by_newest: (!args.oldest).then_some(true),
        order_by_oldest: args.oldest.then_some(true),
        ..SearchRequest::default()
    };
    let wanted = (!args.all).then_some(args.limit);
    let mut writer = ListWriter::new(ctx.paged_output(), &ctx.view());
    let mut pager = Pager::new(0, wanted, false);
    while let Some(page) = pager.next_request() {
        let found = client.search(&base.page(page.offset, page.limit)).await?;
        let fresh = pager.accept(found.records, &found.result_set, SummaryRow::uuid, |_| {
            Ok(true)
        })?;
        writer.write_page(&fresh)?;
    }
    pager.finish()?;
    writer.finish()?;
    if ctx.format == OutputFormat::Table && ctx.terminal.stdout_is_tty {
        let shown = pager.shown();
        let of = pager
            .total()
            .map(|t| format!(" of {t}"))
            .unwrap_or_default();
        ctx.ui.notice(&match shown {
            0 => "No conversations match.".to_string(),
            n => format!("Showing {n}{of} matching conversations."),
        });
    }
    Ok(())
}
