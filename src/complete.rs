//! Dynamic shell completion: conversation ids (with who and the last message as the description)
//! and profile names, computed when the shell asks, through clap_complete's completion engine.
//!
//! Completion runs while a person waits at a prompt, so it must be quick and quiet: recent
//! conversations come from one small list request with a 2-second timeout and no retries, kept in
//! a cache for a minute, and any failure (no credentials, no network) completes nothing rather
//! than printing an error into the command line.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Parser;
use clap_complete::engine::CompletionCandidate;
use serde::{Deserialize, Serialize};

use crate::api::client::ListQuery;
use crate::api::models::SummaryFields;
use crate::cli::GlobalArgs;
use crate::context::Context;
use crate::output::table;
use crate::output::ui::Ui;

/// How many recent conversations are offered.
const RECENT: u32 = 50;
/// How long a fetched list is reused: long enough for a few tabs in a row, short enough to be fresh.
const CACHE_FOR: Duration = Duration::from_secs(60);

/// The context a completion runs in: the environment's credentials and base URL, nothing said.
fn context() -> Option<Context> {
    #[derive(Parser)]
    struct Defaults {
        #[command(flatten)]
        global: GlobalArgs,
    }
    let mut global = Defaults::try_parse_from(["ucconv"]).ok()?.global;
    global.timeout = 2;
    global.retries = 0;
    Context::new(global, Ui::silent()).ok()
}

#[derive(Serialize, Deserialize)]
struct Cache {
    base_url: String,
    /// Seconds since the epoch when the list was fetched.
    at: u64,
    items: Vec<(String, String)>,
}

fn cache_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "ucconv")?;
    Some(dirs.cache_dir().join("completion.json"))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn cached(base_url: &str) -> Option<Vec<(String, String)>> {
    let text = std::fs::read_to_string(cache_path()?).ok()?;
    let cache: Cache = serde_json::from_str(&text).ok()?;
    let fresh = now().saturating_sub(cache.at) < CACHE_FOR.as_secs();
    (fresh && cache.base_url == base_url).then_some(cache.items)
}

fn remember(base_url: &str, items: &[(String, String)]) {
    let Some(path) = cache_path() else { return };
    let Some(dir) = path.parent() else { return };
    let cache = Cache {
        base_url: base_url.to_string(),
        at: now(),
        items: items.to_vec(),
    };
    let Ok(text) = serde_json::to_vec(&cache) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    if let Ok(mut temp) = tempfile::NamedTempFile::new_in(dir) {
        let _ = std::io::Write::write_all(&mut temp, &text);
        let _ = temp.persist(&path);
    }
}

/// (uuid, "who: last message") for the most recent conversations.
fn recent() -> Option<Vec<(String, String)>> {
    let ctx = context()?;
    let client = ctx.api_client().ok()?;
    let base_url = ctx.base_url_given().unwrap_or_default();
    if let Some(items) = cached(&base_url) {
        return Some(items);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    let query = ListQuery {
        limit: Some(RECENT),
        ..ListQuery::default()
    };
    let page = runtime
        .block_on(client.list_conversations(&query, String::new()))
        .ok()?;
    let items: Vec<(String, String)> = page
        .rows
        .iter()
        .filter_map(|row| {
            let summary = row.read().ok()?;
            let who = summary
                .customer()
                .and_then(|c| c.label().map(str::to_string))
                .unwrap_or_default();
            let said = summary.last_message_body().unwrap_or_default();
            let help = table::truncate(&format!("{who}: {said}"), 60);
            Some((summary.uuid()?.to_string(), help))
        })
        .collect();
    remember(&base_url, &items);
    Some(items)
}

/// Candidates for a conversation argument.
pub(crate) fn conversations() -> Vec<CompletionCandidate> {
    recent()
        .unwrap_or_default()
        .into_iter()
        .map(|(uuid, help)| CompletionCandidate::new(uuid).help(Some(help.into())))
        .collect()
}

/// Candidates for `--profile` and `config use`: the profiles in the config file.
pub(crate) fn profiles() -> Vec<CompletionCandidate> {
    let Some(ctx) = context() else {
        return Vec::new();
    };
    let Ok(config) = ctx.config() else {
        return Vec::new();
    };
    config
        .profiles
        .keys()
        .map(|name| {
            let default = config.default_profile.as_deref() == Some(name.as_str());
            let help = if default {
                "the default profile"
            } else {
                "profile"
            };
            CompletionCandidate::new(name.clone()).help(Some(help.into()))
        })
        .collect()
}
