//! Shapes of webchat queues: a queue's status, its agents and the customers waiting in it.

use schemars::JsonSchema;

/// ConversationWebchatQueueStatus: one webchat queue, its agents and its waiting customers.
#[derive(JsonSchema)]
pub(crate) struct ConversationWebchatQueueStatus {
    /// The queue's name: what `status --queue` takes.
    queue_name: Option<String>,
    /// How many agents are in the queue.
    agent_count: Option<i64>,
    /// How many of them are available.
    agent_available_count: Option<i64>,
    /// How many of them are busy.
    agent_busy_count: Option<i64>,
    /// How many of them are unavailable.
    agent_unavailable_count: Option<i64>,
    /// How many customers are waiting.
    customer_waiting_count: Option<i64>,
    /// How many customers are in an active chat.
    customer_active_count: Option<i64>,
    /// How many chats there were.
    customer_chat_count: Option<i64>,
    /// How many customers gave up waiting.
    customer_abandon_count: Option<i64>,
    /// The average wait before a chat, in seconds.
    customer_average_hold_time_seconds: Option<f64>,
    /// The average chat's length, in seconds.
    customer_average_chat_time_seconds: Option<f64>,
    /// The average wait before giving up, in seconds.
    customer_average_abandon_time_seconds: Option<f64>,
    /// Date/time that the oldest person joined the queue.
    customer_waiting_join_dts: Option<String>,
    /// The queue's agents.
    agents: Option<Vec<ConversationWebchatQueueStatusAgent>>,
    /// The customers waiting.
    queue_entries: Option<Vec<ConversationWebchatQueueStatusQueueEntry>>,
}

/// ConversationWebchatQueueStatusAgent: an agent as one queue sees them.
#[derive(JsonSchema)]
pub(crate) struct ConversationWebchatQueueStatusAgent {
    /// The agent's participant ARN.
    conversation_participant_arn: Option<String>,
    /// The agent's name.
    conversation_participant_name: Option<String>,
    /// Agent user id (populated by Java so the dispatch-scheduler Lambda can read it directly
    /// without parsing conversation_participant_arn).
    agent_user_id: Option<String>,
    /// Status of the agent: `available`, `busy` or `unavailable`; others may appear.
    #[schemars(extend("examples" = ["available", "busy", "unavailable"]))]
    agent_status: Option<String>,
    /// Active custom status uuid for this agent (null when on a system status).
    custom_status_uuid: Option<String>,
    /// Active custom status display name for this agent (denormalized).
    custom_status_name: Option<String>,
    /// Date/time that this agent took their last chat.
    last_chat_dts: Option<String>,
    /// Whether this agent gets the next chat in the round robin.
    next_round_robin: Option<bool>,
    /// Profile image URL.
    profile_image_url: Option<String>,
    /// The queue the agent is in. Not the API's: ucconv adds it where agents of every queue are
    /// listed together (`queue --agents`, `status`).
    queue_name: Option<String>,
}

/// ConversationWebchatQueueStatusQueueEntry: a customer waiting in a queue.
#[derive(JsonSchema)]
pub(crate) struct ConversationWebchatQueueStatusQueueEntry {
    /// The entry's UUID: what `take` takes.
    conversation_webchat_queue_uuid: Option<String>,
    /// The customer's participant ARN.
    conversation_participant_arn: Option<String>,
    /// The customer's name.
    conversation_participant_name: Option<String>,
    /// The customer's email.
    email: Option<String>,
    /// What the customer asked.
    question: Option<String>,
    /// Date/time the customer joined the queue.
    join_dts: Option<String>,
    /// The customer's language (ISO 639-1).
    participant_language_iso_code: Option<String>,
    /// The queue the customer waits in (ucconv adds it when the API leaves it out).
    queue_name: Option<String>,
}
