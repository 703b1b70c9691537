//! `ucconv list`: conversation summaries, newest first, paging 200 at a time as the API allows.

use crate::api::client::{ApiClient, ListQuery};
use crate::api::models::SummaryFields;
use crate::api::wire::SummaryRow;
use crate::context::Context;
use crate::error::Result;
use crate::output::list::ListWriter;
use crate::output::{OutputFormat, View};
use crate::paging::Pager;
use crate::when;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv list --limit 50
  ucconv list --all --json | jq -r '.[].conversation_uuid'
  ucconv list --medium sms --before 2026-11-01
  ucconv list --unread --limit 20")]
pub struct Args {
    /// How many conversations to show; above 200 it pages, 200 per request
    #[arg(short = 'L', long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) limit: u64,

    /// Skip this many of the newest conversations
    #[arg(long, default_value_t = 0)]
    pub(crate) offset: u64,

    /// Page through every conversation
    #[arg(long, conflicts_with = "limit")]
    pub(crate) all: bool,

    /// Only conversations on this medium
    #[arg(long, value_parser = ["sms", "websocket"])]
    pub(crate) medium: Option<String>,

    /// Only conversations whose last message is older than this (RFC 3339, a date like
    /// 2026-11-01, epoch milliseconds, or a duration ago like 3d)
    #[arg(long, value_name = "DATE_TIME")]
    pub(crate) before: Option<String>,

    /// Whole UUIDs in the table, whatever the terminal's width (below 140 columns it shows the
    /// shortest prefix that tells the conversations apart, which every command accepts)
    #[arg(long)]
    pub(crate) wide: bool,

    /// Only conversations with unread messages (filtered here: the API has no such parameter,
    /// so this may read several pages to find --limit of them)
    #[arg(long)]
    pub(crate) unread: bool,
}

/// Normalises `--before` to the RFC 3339 form UltraCart uses; a bare date means local midnight.
fn before_param(text: &str, now: jiff::Timestamp) -> Result<String> {
    let at = when::parse(text, now)?;
    Ok(at.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string())
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let before = args
        .before
        .as_deref()
        .map(|text| before_param(text, ctx.now))
        .transpose()?;
    let wanted = (!args.all).then_some(args.limit);
    let view = View {
        wide: args.wide,
        ..ctx.view()
    };
    let mut writer = ListWriter::new(ctx.paged_output(), &view);
    let mut pager = Pager::new(args.offset, wanted, args.unread);
    while let Some(request) = pager.next_request() {
        let query = ListQuery {
            limit: Some(request.limit),
            offset: (request.offset > 0).then_some(request.offset),
            medium: args.medium.clone(),
            before: before.clone(),
        };
        let page = client.list_conversations(&query, pager.label()).await?;
        // --unread filters here, not at the server: the API has no such parameter.
        let keep = |row: &SummaryRow| Ok(!args.unread || row.read()?.unread() == Some(true));
        let fresh = pager.accept(page.rows, &page.result_set, SummaryRow::uuid, keep)?;
        writer.write_page(&fresh)?;
    }
    pager.finish()?;
    writer.finish()?;
    if ctx.format == OutputFormat::Table && ctx.terminal.stdout_is_tty {
        ctx.ui
            .notice(&footer(&args, ctx.global.profile.as_deref(), &pager));
    }
    Ok(())
}

/// On a terminal, how many of how many, and how to get the next page (stderr, not data).
fn footer(args: &Args, profile: Option<&str>, pager: &Pager) -> String {
    let shown = pager.shown();
    let of_total = match pager.total() {
        Some(total) if !args.unread => format!(" of {total}"),
        _ => String::new(),
    };
    let kind = if args.unread {
        "unread conversations"
    } else {
        "conversations"
    };
    match pager.next_offset() {
        _ if shown == 0 => format!("No {kind}."),
        Some(next) if !args.all => format!(
            "Showing {shown}{of_total} {kind}. Next: {}",
            next_command(args, profile, next)
        ),
        _ => format!("Showing {shown}{of_total} {kind}."),
    }
}

/// The command for the next page: the same listing, every filter and option kept, shell-quoted.
fn next_command(args: &Args, profile: Option<&str>, offset: u64) -> String {
    let quote =
        |text: &str| shlex::try_quote(text).map_or_else(|_| "''".into(), |q| q.into_owned());
    let mut words = vec!["ucconv".to_string()];
    if let Some(profile) = profile {
        words.push(format!("--profile {}", quote(profile)));
    }
    words.push("list".into());
    if let Some(medium) = &args.medium {
        words.push(format!("--medium {}", quote(medium)));
    }
    if let Some(before) = &args.before {
        words.push(format!("--before {}", quote(before)));
    }
    if args.unread {
        words.push("--unread".into());
    }
    if args.wide {
        words.push("--wide".into());
    }
    words.push(format!("--limit {} --offset {offset}", args.limit));
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Args {
        use clap::Parser;
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            args: Args,
        }
        let argv = std::iter::once("list").chain(extra.iter().copied());
        Wrapper::parse_from(argv).args
    }

    #[test]
    fn the_next_page_keeps_every_filter() {
        let cases: &[(&[&str], Option<&str>, &str)] = &[
            (&[], None, "ucconv list --limit 100 --offset 100"),
            (
                &["--limit", "20"],
                None,
                "ucconv list --limit 20 --offset 100",
            ),
            (
                &["--medium", "sms"],
                None,
                "ucconv list --medium sms --limit 100 --offset 100",
            ),
            (
                &["--before", "2026-11-01", "--unread", "-L", "5"],
                Some("store 2"),
                "ucconv --profile 'store 2' list --before 2026-11-01 --unread --limit 5 --offset 100",
            ),
            (
                &["--wide"],
                None,
                "ucconv list --wide --limit 100 --offset 100",
            ),
        ];
        for (given, profile, expected) in cases {
            assert_eq!(
                next_command(&args(given), *profile, 100),
                *expected,
                "{given:?}"
            );
        }
    }
}
