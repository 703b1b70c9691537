//! The read-only tools: the same ApiClient calls as their commands, answers as the API's JSON.

use serde_json::Value;

use super::cursor::{self, Cursor};
use super::inputs::{
    CannedInput, ConversationInput, GetInput, ListInput, MessagesInput, Paging, QueueInput,
    QueueView, SearchInput,
};
use super::{conversation, listing, object};
use crate::api::client::{ApiClient, ListQuery};
use crate::api::desk::SearchRequest;
use crate::api::models::SummaryFields;
use crate::api::wire::{Document, SummaryRow};
use crate::commands;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::paging::Pager;
use crate::when;

/// A time as the API's RFC 3339 form, as `list --before` and `search --since` send it.
fn rfc3339(text: &str, ctx: &Context) -> Result<String> {
    Ok(when::parse(text, ctx.now)?
        .strftime("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string())
}

pub(super) async fn list(input: ListInput, ctx: &Context, client: &ApiClient) -> Result<Value> {
    let limit = cursor::limit(input.paging.limit)?;
    let start = cursor::decode("list", input.paging.cursor.as_deref())?;
    let before = input
        .before
        .as_deref()
        .map(|text| rfc3339(text, ctx))
        .transpose()?;
    let unread = input.unread.unwrap_or(false);
    let mut pager = Pager::new(start.offset, Some(u64::from(limit)), unread);
    let mut items = Vec::new();
    while let Some(request) = pager.next_request() {
        let query = ListQuery {
            limit: Some(request.limit),
            offset: (request.offset > 0).then_some(request.offset),
            medium: input.medium.map(|m| m.wire().to_string()),
            before: before.clone(),
        };
        let page = client.list_conversations(&query, pager.label()).await?;
        // The API has no unread parameter: filtered here, as `list --unread` does.
        let keep = |row: &SummaryRow| Ok(!unread || row.read()?.unread() == Some(true));
        items.extend(pager.accept(page.rows, &page.result_set, SummaryRow::uuid, keep)?);
    }
    pager.finish()?;
    let next = pager.next_offset().map(|offset| Cursor::at("list", offset));
    listing(&items, next)
}

pub(super) async fn search(input: SearchInput, ctx: &Context, client: &ApiClient) -> Result<Value> {
    let limit = cursor::limit(input.paging.limit)?;
    let start = cursor::decode("search", input.paging.cursor.as_deref())?;
    let date = |text: &Option<String>| text.as_deref().map(|t| rfc3339(t, ctx)).transpose();
    let oldest = input.oldest.unwrap_or(false);
    let base = SearchRequest {
        text_search: input.text.clone().filter(|t| !t.trim().is_empty()),
        email_filter: input.email.clone(),
        sms_phone_number_filter: input.phone.clone(),
        language_filter: input.language.clone(),
        medium_filter: input.medium.map(|m| m.wire().to_string()),
        date_start: date(&input.since)?,
        date_end: date(&input.until)?,
        order_by_newest: (!oldest).then_some(true),
        order_by_oldest: oldest.then_some(true),
        ..SearchRequest::default()
    };
    let mut pager = Pager::new(start.offset, Some(u64::from(limit)), false);
    let mut items = Vec::new();
    while let Some(page) = pager.next_request() {
        let found = client.search(&base.page(page.offset, page.limit)).await?;
        let keep = |_: &SummaryRow| Ok(true);
        items.extend(pager.accept(found.records, &found.result_set, SummaryRow::uuid, keep)?);
    }
    pager.finish()?;
    let next = pager
        .next_offset()
        .map(|offset| Cursor::at("search", offset));
    listing(&items, next)
}

pub(super) async fn get(input: GetInput, ctx: &Context, client: &ApiClient) -> Result<Value> {
    let uuid = conversation(input.conversation, "get", ctx, client).await?;
    object(&client.get_conversation(&uuid, input.messages).await?)
}

/// Pages forward by time: each page asks from the time of the last message it returned, and the
/// cursor remembers the messages at that very time, which come again if `since` is inclusive
/// (whether it is, is not known).
pub(super) async fn messages(
    input: MessagesInput,
    ctx: &Context,
    client: &ApiClient,
) -> Result<Value> {
    let limit = cursor::limit(input.paging.limit)?;
    let start = cursor::decode("messages", input.paging.cursor.as_deref())?;
    let since = match (start.since, &input.since) {
        (Some(since), _) => since,
        (None, Some(text)) => when::parse(text, ctx.now)?.as_millisecond(),
        (None, None) => 0,
    };
    let uuid = conversation(input.conversation, "messages", ctx, client).await?;
    let wanted = limit.saturating_add(u32::try_from(start.seen.len()).unwrap_or(u32::MAX));
    let fetched = client
        .messages_since(&uuid, since, Some(wanted.saturating_add(1)))
        .await?;
    let mut fresh = Vec::new();
    for message in fetched {
        let id = message.read()?.uuid().map(str::to_string);
        if !id.is_some_and(|id| start.seen.contains(&id)) {
            fresh.push(message);
        }
    }
    let more = fresh.len() > limit as usize;
    fresh.truncate(limit as usize);
    let next = match fresh.last() {
        Some(last) if more => {
            let last_epoch = last.read()?.epoch().unwrap_or(since);
            let mut seen = Vec::new();
            for message in &fresh {
                let message = message.read()?;
                if message.epoch() == Some(last_epoch) {
                    seen.extend(message.uuid().map(str::to_string));
                }
            }
            // Those at the same time on earlier pages are still to be skipped.
            if last_epoch == since {
                seen.extend(start.seen.iter().cloned());
            }
            Some(Cursor {
                tool: "messages".into(),
                offset: 0,
                since: Some(last_epoch),
                seen,
            })
        }
        _ => None,
    };
    listing(&fresh, next)
}

/// A list the API gives whole, one page of it.
fn page_of<T: From<crate::api::models::Object>>(
    tool: &str,
    items: Vec<Document<T>>,
    paging: &Paging,
) -> Result<Value> {
    let limit = cursor::limit(paging.limit)?;
    let start = cursor::decode(tool, paging.cursor.as_deref())?;
    let (page, next) = cursor::slice(items, start.offset, limit);
    listing(&page, next.map(|offset| Cursor::at(tool, offset)))
}

pub(super) async fn queue(input: QueueInput, client: &ApiClient) -> Result<Value> {
    let queues = client.queue_statuses().await?;
    match input.view.unwrap_or_default() {
        QueueView::Queues => page_of("queue", queues, &input.paging),
        QueueView::Waiting => page_of("queue", commands::queue::waiting(&queues)?, &input.paging),
        QueueView::Agents => page_of("queue", commands::queue::agents(&queues)?, &input.paging),
    }
}

pub(super) async fn context(
    input: ConversationInput,
    ctx: &Context,
    client: &ApiClient,
) -> Result<Value> {
    let uuid = conversation(input, "context", ctx, client).await?;
    let context = client.context(&uuid).await.map_err(|error| match error {
        Error::Api {
            status: 400 | 409 | 422,
            ..
        } => error.with_hint(
            "only webchat conversations have a context (SMS ones do not); the get tool shows any conversation",
        ),
        other => other,
    })?;
    object(&context)
}

pub(super) async fn canned(input: CannedInput, client: &ApiClient) -> Result<Value> {
    let short_code = input
        .short_code
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let found = client.canned(short_code, None).await?;
    page_of("canned", found, &input.paging)
}

pub(super) async fn agents(input: Paging, client: &ApiClient) -> Result<Value> {
    page_of("agents", client.agent_profiles().await?, &input)
}

pub(super) async fn departments(input: Paging, client: &ApiClient) -> Result<Value> {
    page_of("departments", client.departments().await?, &input)
}

pub(super) async fn profile(client: &ApiClient) -> Result<Value> {
    object(&client.agent_profile().await?)
}

/// The object `ucconv whoami --json` prints, made by the same function.
pub(super) async fn whoami(ctx: &Context, client: &ApiClient) -> Result<Value> {
    let identity = crate::commands::whoami::identity(ctx, client).await?;
    serde_json::to_value(identity).map_err(crate::output::from_json_error)
}
