//! `ucconv list`: conversation summaries, newest first, paging 200 at a time as the API allows.

use std::collections::HashSet;

use crate::api::client::{ApiClient, ListQuery};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::list::ListWriter;
use crate::output::{self, OutputFormat, time};

/// The API's largest page (WIRE.md §3).
const PAGE_MAX: u64 = 200;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv list --limit 50
  ucconv list --all --json | jq -r '.[].conversation_uuid'
  ucconv list --medium sms --before 2026-11-01
  ucconv list --unread --limit 20")]
pub struct Args {
    /// How many conversations to show; above 200 it pages, 200 per request
    #[arg(short = 'L', long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,

    /// Skip this many of the newest conversations
    #[arg(long, default_value_t = 0)]
    pub offset: u64,

    /// Page through every conversation
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// Only conversations on this medium
    #[arg(long, value_parser = ["sms", "websocket"])]
    pub medium: Option<String>,

    /// Only conversations whose last message is older than this (RFC 3339, or a date like 2026-11-01)
    #[arg(long, value_name = "DATE_TIME")]
    pub before: Option<String>,

    /// Only conversations with unread messages (filtered here: the API has no such parameter,
    /// so this may read several pages to find --limit of them)
    #[arg(long)]
    pub unread: bool,
}

/// Normalises `--before` to the RFC 3339 form UltraCart uses; a bare date means local midnight.
fn before_param(text: &str) -> Result<String> {
    let parsed = time::parse(text).or_else(|| {
        text.trim()
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|date| date.to_zoned_datetime(jiff::tz::TimeZone::system()).ok())
            .map(|zoned| zoned.timestamp())
    });
    match parsed {
        Some(at) => Ok(at.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string()),
        None => Err(Error::usage_with_hint(
            format!("--before {text:?} is not a date or time"),
            "use RFC 3339 (2026-11-25T14:00:00Z) or a date (2026-11-25)",
        )),
    }
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let before = args.before.as_deref().map(before_param).transpose()?;
    let wanted = (!args.all).then_some(args.limit);
    let mut writer = ListWriter::new(output::stdout(), &super::view(ctx));
    let mut offset = args.offset;
    let mut shown: u64 = 0;
    let mut total = None;
    let mut more;
    // Conversations that start while we page push older ones down, so the end of one page comes
    // round again at the start of the next. Remembering one page back catches those repeats and
    // keeps memory flat, however many pages there are.
    let mut previous_page: HashSet<String> = HashSet::new();
    let progress = ctx.progress();
    let mut pages = 0;
    loop {
        // --unread filters here, not at the server, so it always asks for full pages.
        let page_size = match wanted {
            Some(w) if !args.unread => (w - shown).min(PAGE_MAX),
            _ => PAGE_MAX,
        };
        let query = ListQuery {
            limit: Some(page_size as u32),
            offset: (offset > 0).then_some(offset),
            medium: args.medium.clone(),
            before: before.clone(),
        };
        pages += 1;
        let loading = if pages == 1 {
            "Loading conversations…".to_string()
        } else {
            format!("Loading page {pages} ({shown} conversations so far)…")
        };
        let page = progress
            .run(loading, client.list_conversations(&query))
            .await?;
        let received = page.conversations.len() as u64;
        let mut this_page = HashSet::with_capacity(page.conversations.len());
        let mut fresh = Vec::new();
        // How many of this page's rows were looked at, to say where the next page starts.
        let mut consumed = 0;
        for conversation in page.conversations {
            if wanted.is_some_and(|w| shown >= w) {
                break;
            }
            consumed += 1;
            let repeat = conversation
                .uuid()
                .is_some_and(|uuid| previous_page.contains(&uuid) || !this_page.insert(uuid));
            let filtered_out = args.unread && conversation.bool("unread_messages") != Some(true);
            if !repeat && !filtered_out {
                fresh.push(conversation);
                shown += 1;
            }
        }
        previous_page = this_page;
        writer.write_page(&fresh)?;
        total = page.result_set.total_records.or(total);
        more = page.result_set.more || consumed < received;
        let next = page.result_set.next_offset.unwrap_or(offset + received);
        let done = wanted.is_some_and(|w| shown >= w);
        // A page that ends early or an offset that does not advance would otherwise loop forever.
        if done || !page.result_set.more || received == 0 || next <= offset {
            offset += consumed;
            break;
        }
        offset = next;
    }
    writer.finish()?;
    if ctx.format == OutputFormat::Table && ctx.terminal.stdout_is_tty {
        footer(&args, shown, total, more.then_some(offset));
    }
    Ok(())
}

/// On a terminal, says how many of how many, and how to get the next page (stderr, not data).
fn footer(args: &Args, shown: u64, total: Option<u64>, next_offset: Option<u64>) {
    let of_total = match total {
        Some(total) if !args.unread => format!(" of {total}"),
        _ => String::new(),
    };
    let kind = if args.unread {
        "unread conversations"
    } else {
        "conversations"
    };
    match next_offset {
        _ if shown == 0 => eprintln!("No {kind}."),
        Some(next) if !args.all => {
            let unread = if args.unread { " --unread" } else { "" };
            eprintln!(
                "Showing {shown}{of_total} {kind}. Next: ucconv list{unread} --limit {} --offset {next}",
                args.limit
            );
        }
        _ => eprintln!("Showing {shown}{of_total} {kind}."),
    }
}
