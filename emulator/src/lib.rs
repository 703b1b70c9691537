//! A local, stateful emulator of UltraCart's REST API v2 Conversation endpoints, for tests, benchmarks and demos.
//!
//! It speaks the wire contract in `docs/api.md`: the six endpoints under `/rest/v2`, in the
//! original or the current response shape, checking credentials and the API version header. It
//! records every request it receives and can be told to misbehave ([`Fault`], [`FaultRule`]).
//!
//! It also speaks the agent's live loop of docs/api.md (webchat queue statuses, the agent's
//! status per queue, messages since an epoch, markread, taking a waiting customer), and makes
//! customers write in and join queues on a timer ([`Options::activity`]), on demand
//! ([`Emulator::add_message`], [`Emulator::add_waiting`]) or from scripts, through
//! `POST /_emulator/message` and `POST /_emulator/waiting` (unauthenticated and not recorded).
//!
//! And the agent's desk: conversation search, a webchat's context, canned messages, agent
//! profiles (the emulator agent's can be replaced), departments, permissions, and engagements, a
//! paged list with create/read/update/delete for generic request commands to be tested against.
//!
//! ```no_run
//! let emulator = ucconv_emulator::Emulator::start(ucconv_emulator::Options::default()).unwrap();
//! println!("{}", emulator.base_url()); // http://127.0.0.1:PORT/rest/v2
//! ```

// Handlers answer `Result<Response, Response>`, axum's idiom: the error *is* the response to send.
#![allow(clippy::result_large_err)]

mod activity;
mod context;
mod data;
mod desk;
mod engagements;
mod faults;
mod handlers;
mod handlers_agent;
mod hostile;
mod paging;
mod profiles;
mod queues;
mod routes;
mod search;

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::Timestamp;

pub use data::{AGENT_ARN, AGENT_NAME, MERCHANT_ID};
pub use engagements::SEEDED_ENGAGEMENTS;
pub use faults::{Fault, FaultRule};
pub use hostile::HOSTILE_SEQUENCES;
pub use profiles::AGENT_USER_ID;
pub use search::{HOSTILE_SEARCH_TOTAL, MAX_RANGE as MAX_SEARCH_RANGE};

/// The simple API key the emulator accepts unless told otherwise (64 hex characters, like UltraCart's).
pub const DEFAULT_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
/// The OAuth bearer token the emulator accepts unless told otherwise.
pub const DEFAULT_OAUTH_TOKEN: &str = "emulator-oauth-token";
/// The only API version the emulator answers.
pub const API_VERSION: &str = "2017-03-01";

/// Which generation of the API's response shapes to speak (docs/api.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Shape {
    /// Bare objects, as the original SDK page describes.
    Original,
    /// Wrapped in `{conversation|agent_auth, success, metadata, …}` envelopes, with newer fields.
    #[default]
    Current,
}

impl std::str::FromStr for Shape {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "original" => Ok(Shape::Original),
            "current" => Ok(Shape::Current),
            other => Err(format!(
                "unknown shape {other:?}: expected original or current"
            )),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Options {
    pub shape: Shape,
    pub conversations: usize,
    pub seed: u64,
    /// A frozen clock for deterministic output; `None` follows the system clock.
    pub now: Option<Timestamp>,
    pub simple_keys: Vec<String>,
    pub oauth_tokens: Vec<String>,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Send `total_records: null`, as the API may when it does not know.
    pub unknown_total: bool,
    /// Serve at most this many rows a page whatever `_limit` asks, like a server under load.
    /// This and the next two apply to every list that pages with `_limit`/`_offset`
    /// (conversations and engagements).
    pub page_cap: Option<usize>,
    /// Serve every page from the first row whatever `_offset` says, while the `result_set`
    /// metadata still echoes the offset and advances from it: a buggy server that keeps a client
    /// which trusts rows over metadata (or loops until an empty page) going forever.
    pub ignore_offset: bool,
    /// Answer `next_offset = offset + step` (and `more` while that is below the total) instead of
    /// `offset + count`, so consecutive pages overlap or skip rows. A step of 0 never advances.
    pub next_offset_step: Option<usize>,
    /// Lace every free-text field of the seeded data with terminal escape sequences and invisible
    /// or bidi characters, and make the dates of one conversation in ten unparseable ([`HOSTILE_SEQUENCES`]).
    pub hostile_text: bool,
    /// Generate live activity this often: a customer message in a random open conversation and
    /// a new customer waiting in a random queue, each tick. `None` keeps the data still.
    pub activity: Option<std::time::Duration>,
    /// Answer every conversation search with the first rows, whatever range it asks for, while
    /// echoing the requested `range_begin`/`range_end` and claiming a `total` of
    /// [`HOSTILE_SEARCH_TOTAL`]: a client that pages until `range_end >= total` loops unless it
    /// notices the repeats.
    pub search_ignores_range: bool,
    /// What `GET /conversation/permissions` says about `edit_settings`.
    pub edit_settings: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            shape: Shape::Current,
            conversations: 30,
            seed: 42,
            now: None,
            simple_keys: vec![DEFAULT_KEY.to_string()],
            oauth_tokens: vec![DEFAULT_OAUTH_TOKEN.to_string()],
            port: 0,
            unknown_total: false,
            page_cap: None,
            ignore_offset: false,
            next_offset_step: None,
            hostile_text: false,
            activity: None,
            search_ignores_range: false,
            edit_settings: false,
        }
    }
}

/// One request as the emulator received it, before any routing or decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    /// The path exactly as sent, still percent-encoded.
    pub path: String,
    /// The raw query string, without `?`; `None` when the URL had none.
    pub query: Option<String>,
    /// Header names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RecordedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON; `None` when there is no body or it is not JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The query's `name=value` pairs, decoded.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.query
            .as_deref()
            .map(|query| {
                query
                    .split('&')
                    .filter(|pair| !pair.is_empty())
                    .map(|pair| {
                        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                        (routes::percent_decode(key), routes::percent_decode(value))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub(crate) struct State {
    pub options: Options,
    pub addr: SocketAddr,
    // Lock order, to rule out deadlocks: queues, then conversations, then rng. The agent
    // profile and the engagements are only ever locked alone.
    pub queues: Mutex<Vec<queues::Queue>>,
    pub conversations: Mutex<Vec<data::Conversation>>,
    pub agent_profile: Mutex<serde_json::Map<String, serde_json::Value>>,
    pub engagements: Mutex<engagements::Engagements>,
    pub requests: Mutex<Vec<RecordedRequest>>,
    pub faults: Mutex<Vec<FaultRule>>,
    pub rng: Mutex<fastrand::Rng>,
}

/// A poisoned lock only means another handler panicked; the data is still usable for an emulator.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    pub fn now(&self) -> Timestamp {
        self.options.now.unwrap_or_else(Timestamp::now)
    }
}

/// A running emulator on its own thread; stops when dropped.
pub struct Emulator {
    state: Arc<State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Emulator {
    /// Binds 127.0.0.1 (never another address) and serves on a background thread.
    pub fn start(options: Options) -> std::io::Result<Emulator> {
        let listener = TcpListener::bind(("127.0.0.1", options.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let now = options.now.unwrap_or_else(Timestamp::now);
        let state = Arc::new(State {
            conversations: Mutex::new(data::seed_conversations(
                options.conversations,
                options.seed,
                now,
                options.hostile_text,
            )),
            queues: Mutex::new(queues::seed_queues(options.seed, now, options.hostile_text)),
            agent_profile: Mutex::new(profiles::seed_profile()),
            engagements: Mutex::new(engagements::seed_engagements(
                options.seed,
                options.hostile_text,
            )),
            rng: Mutex::new(fastrand::Rng::with_seed(options.seed ^ 0x5eed)),
            options,
            addr,
            requests: Mutex::new(Vec::new()),
            faults: Mutex::new(Vec::new()),
        });
        let (shutdown, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let app = routes::router(state.clone());
        let activity = state.options.activity.map(|every| (state.clone(), every));
        std::thread::Builder::new()
            .name(format!("ucconv-emulator-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    // Spawned on this runtime, so it stops with the server when the emulator drops.
                    if let Some((state, every)) = activity {
                        tokio::spawn(activity::run(state, every));
                    }
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = shutdown_rx.await;
                        })
                        .await;
                });
            })?;
        Ok(Emulator {
            state,
            shutdown: Some(shutdown),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.state.addr
    }

    /// `http://127.0.0.1:PORT/rest/v2`, the value for `UCCONV_BASE_URL`.
    pub fn base_url(&self) -> String {
        format!("http://{}/rest/v2", self.state.addr)
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.requests).clone()
    }

    pub fn clear_requests(&self) {
        lock(&self.state.requests).clear();
    }

    /// Adds a fault; rules are tried in the order added, and a rule whose count runs out is dropped.
    pub fn inject(&self, rule: FaultRule) {
        lock(&self.state.faults).push(rule);
    }

    pub fn clear_faults(&self) {
        lock(&self.state.faults).clear();
    }

    /// The uuids of the stored conversations, newest first.
    pub fn conversation_uuids(&self) -> Vec<String> {
        lock(&self.state.conversations)
            .iter()
            .map(|c| c.conversation_uuid.clone())
            .collect()
    }

    /// A stored conversation as `get` would return it in the current shape (without envelope).
    pub fn conversation(&self, uuid: &str) -> Option<serde_json::Value> {
        lock(&self.state.conversations)
            .iter()
            .find(|c| c.conversation_uuid == uuid)
            .map(|c| c.full(Shape::Current, None))
    }

    /// Adds a message from the conversation's customer, as if they had just written it (see
    /// `Options::activity`); the new message's uuid, or `None` when there is no such conversation.
    pub fn add_message(&self, conversation_uuid: &str, body: &str) -> Option<String> {
        activity::add_message(&self.state, Some(conversation_uuid), Some(body))
            .map(|(_, message)| message.conversation_message_uuid)
    }

    /// Adds a customer waiting in the named queue; the new entry's uuid, or `None` when there
    /// is no such queue.
    pub fn add_waiting(&self, queue_name: &str, name: &str, question: &str) -> Option<String> {
        activity::add_waiting(&self.state, Some(queue_name), Some(name), Some(question))
            .map(|entry| entry.conversation_webchat_queue_uuid)
    }

    /// The emulator agent's `agent_status` in the named queue; `None` when there is no such queue.
    pub fn agent_status(&self, queue_name: &str) -> Option<String> {
        lock(&self.state.queues)
            .iter_mut()
            .find(|q| q.name == queue_name)
            .map(|q| q.emulator_agent().status.clone())
    }

    /// The emulator agent's ConversationAgentProfile as `GET /conversation/agent/profile` serves
    /// it (without envelope): as seeded, or as the last update replaced it.
    pub fn agent_profile(&self) -> serde_json::Value {
        profiles::stored(&self.state)
    }

    /// The stored engagements, in oid order (the list serves them by name).
    pub fn engagements(&self) -> Vec<serde_json::Value> {
        lock(&self.state.engagements).rows.clone()
    }

    /// Every customer waiting, queue by queue and oldest first, as the queue status lists them.
    pub fn queue_entries(&self) -> Vec<serde_json::Value> {
        lock(&self.state.queues)
            .iter()
            .flat_map(|q| &q.entries)
            .map(|entry| serde_json::to_value(entry).unwrap_or(serde_json::Value::Null))
            .collect()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
