//! `_limit`/`_offset` paging and its `metadata.result_set`, shared by every list that pages.
//!
//! The hostile-server options ([`crate::Options::page_cap`], `ignore_offset`, `next_offset_step`,
//! `unknown_total`) live here, so every paged list misbehaves the same way when told to.

use std::collections::HashMap;
use std::ops::Range;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use crate::State;
use crate::handlers::parse_number;
use crate::routes::error;

/// `_limit` when none is given, and the most it may ask for (docs/api.md §3).
pub(crate) const DEFAULT_LIMIT: usize = 100;
pub(crate) const MAX_LIMIT: usize = 200;

/// The `_limit` and `_offset` a request asks for, or the 400 the API answers for bad ones.
pub(crate) fn limit_offset(query: &HashMap<String, String>) -> Result<(usize, usize), Response> {
    let limit = parse_number(query, "_limit")?.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            &format!("Parameter _limit must be between 1 and {MAX_LIMIT}."),
        ));
    }
    let offset = parse_number(query, "_offset")?.unwrap_or(0);
    Ok((limit, offset))
}

/// Which of `total` rows to serve for `limit` and `offset`, and the `result_set` describing them.
pub(crate) fn page(
    state: &State,
    total: usize,
    limit: usize,
    offset: usize,
) -> (Range<usize>, Value) {
    let served = state.options.page_cap.map_or(limit, |cap| cap.min(limit));
    // A server that ignores `_offset` still does its metadata arithmetic from it.
    let first_row = if state.options.ignore_offset {
        0
    } else {
        offset
    };
    let rows = first_row.min(total)..first_row.saturating_add(served).min(total);
    let count = rows.len();
    let next = offset.saturating_add(state.options.next_offset_step.unwrap_or(count));
    let more = next < total;
    let result_set = json!({
        "count": count,
        "limit": limit,
        "more": more,
        "next_offset": more.then_some(next),
        "offset": offset,
        "total_records": (!state.options.unknown_total).then_some(total)
    });
    (rows, result_set)
}
