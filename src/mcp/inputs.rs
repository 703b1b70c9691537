//! Each tool's arguments: what serde accepts is what the JSON Schema (schemars) tells the client.

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Clone, Copy, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub(crate) enum Medium {
    Sms,
    Websocket,
}

impl Medium {
    pub(crate) fn wire(self) -> &'static str {
        match self {
            Medium::Sms => "sms",
            Medium::Websocket => "websocket",
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub(crate) enum AgentStatus {
    Available,
    Busy,
    Unavailable,
}

impl AgentStatus {
    pub(crate) fn wire(self) -> &'static str {
        match self {
            AgentStatus::Available => "available",
            AgentStatus::Busy => "busy",
            AgentStatus::Unavailable => "unavailable",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub(crate) enum QueueView {
    /// One item per queue: waiting count, active chats, agents by status, hold time
    #[default]
    Queues,
    /// One item per waiting customer, with the entry `take` takes
    Waiting,
    /// One item per agent per queue, with their status
    Agents,
}

/// Page size and position, for every tool that returns a list.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub(crate) struct Paging {
    /// How many items to return (default 20, at most 200)
    #[schemars(range(min = 1, max = 200))]
    pub(crate) limit: Option<u32>,
    /// The next_cursor of the previous call, for the next page; leave out for the first page
    pub(crate) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct ListInput {
    #[serde(flatten)]
    pub(crate) paging: Paging,
    /// Only conversations on this medium
    pub(crate) medium: Option<Medium>,
    /// Only conversations whose last message is older than this: RFC 3339, a date like
    /// 2026-11-01, epoch milliseconds, or a duration ago like 3d
    pub(crate) before: Option<String>,
    /// Only conversations with unread messages
    pub(crate) unread: Option<bool>,
}

/// A conversation, for the tools that act on one.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct ConversationInput {
    /// The conversation: its conversation_uuid, a unique prefix of it (6 or more characters) or
    /// its ARN
    pub(crate) uuid: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct GetInput {
    #[serde(flatten)]
    pub(crate) conversation: ConversationInput,
    /// Only the newest N messages of the transcript
    #[schemars(range(min = 1))]
    pub(crate) messages: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct MessagesInput {
    #[serde(flatten)]
    pub(crate) conversation: ConversationInput,
    #[serde(flatten)]
    pub(crate) paging: Paging,
    /// Only messages from this time on: RFC 3339, a date, epoch milliseconds, or a duration ago
    /// like 15m (default: from the first message)
    pub(crate) since: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct SearchInput {
    #[serde(flatten)]
    pub(crate) paging: Paging,
    /// Text to find in messages and names
    pub(crate) text: Option<String>,
    /// Only conversations with this participant email
    pub(crate) email: Option<String>,
    /// Only conversations with this participant phone number
    pub(crate) phone: Option<String>,
    /// Only conversations on this medium
    pub(crate) medium: Option<Medium>,
    /// Only conversations in this language (ISO 639-1, e.g. en)
    pub(crate) language: Option<String>,
    /// Only conversations active from this time on (same forms as `before` of list)
    pub(crate) since: Option<String>,
    /// Only conversations active before this time
    pub(crate) until: Option<String>,
    /// Oldest first (newest first by default)
    pub(crate) oldest: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct QueueInput {
    #[serde(flatten)]
    pub(crate) paging: Paging,
    /// What to list (default: queues)
    pub(crate) view: Option<QueueView>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct CannedInput {
    #[serde(flatten)]
    pub(crate) paging: Paging,
    /// Only the replies whose short code matches this
    pub(crate) short_code: Option<String>,
}

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct NoInput {}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct JoinInput {
    #[serde(flatten)]
    pub(crate) conversation: ConversationInput,
    /// Your language as an ISO 639-1 code (e.g. en, es), for translated messages
    pub(crate) language: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct StartInput {
    /// ARNs of the participants to add (at least one)
    #[schemars(length(min = 1))]
    pub(crate) participants: Vec<String>,
    /// ARN to give the new conversation
    pub(crate) conversation_arn: Option<String>,
    /// UUID of the webchat queue to start it in
    pub(crate) queue: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct TakeInput {
    /// The waiting customer's entry (conversation_webchat_queue_uuid, or a unique prefix), from
    /// the queue tool with view "waiting"
    pub(crate) entry: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct StatusInput {
    /// The status to set
    pub(crate) state: AgentStatus,
    /// The queues to set it in, by name
    pub(crate) queues: Option<Vec<String>>,
    /// Set it in every queue instead
    pub(crate) all_queues: Option<bool>,
    /// A custom status's UUID (give custom_status_name too)
    pub(crate) custom_status: Option<String>,
    /// The custom status's name (give custom_status too)
    pub(crate) custom_status_name: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct ProfileSetInput {
    /// The name customers see
    pub(crate) display_name: Option<String>,
    /// The status you start in
    pub(crate) default_status: Option<AgentStatus>,
    /// Your language (ISO 639-1, e.g. en)
    pub(crate) language: Option<String>,
    /// How many chats at once
    pub(crate) chat_limit: Option<u32>,
}
