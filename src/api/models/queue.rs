//! Webchat queues on the wire: a queue's status, its agents and the customers waiting in it.

use super::Object;

wire_type!(
    /// ConversationWebchatQueueStatus: one webchat queue, its agents and its waiting customers.
    QueueStatus
);
wire_type!(
    /// ConversationWebchatQueueStatusAgent: an agent as one queue sees them.
    QueueAgent
);
wire_type!(
    /// ConversationWebchatQueueStatusQueueEntry: a customer waiting in a queue.
    QueueEntry
);

impl QueueStatus {
    pub fn name(&self) -> Option<&str> {
        self.text("queue_name")
    }
    pub fn waiting_count(&self) -> Option<i64> {
        self.int("customer_waiting_count")
    }
    pub fn active_count(&self) -> Option<i64> {
        self.int("customer_active_count")
    }
    pub fn agents_available(&self) -> Option<i64> {
        self.int("agent_available_count")
    }
    pub fn agents_busy(&self) -> Option<i64> {
        self.int("agent_busy_count")
    }
    pub fn agents_unavailable(&self) -> Option<i64> {
        self.int("agent_unavailable_count")
    }
    /// Average hold time in seconds (the API sends a number, possibly fractional).
    pub fn average_hold_seconds(&self) -> Option<f64> {
        self.0.0.get("customer_average_hold_time_seconds")?.as_f64()
    }
    /// When the longest-waiting customer started waiting.
    pub fn oldest_waiting_dts(&self) -> Option<&str> {
        self.text("customer_waiting_join_dts")
    }
}

/// The fields of a queue status that hold its agents and its waiting customers.
pub const QUEUE_AGENTS: &str = "agents";
pub const QUEUE_ENTRIES: &str = "queue_entries";
/// The field every flattened agent or entry carries, naming its queue.
pub const QUEUE_NAME: &str = "queue_name";

impl QueueAgent {
    pub fn name(&self) -> Option<&str> {
        self.text("conversation_participant_name")
    }
    pub fn arn(&self) -> Option<&str> {
        self.text("conversation_participant_arn")
    }
    pub fn queue_name(&self) -> Option<&str> {
        self.text(QUEUE_NAME)
    }
    /// `available`, `busy`, `unavailable`, or whatever else the API sends.
    pub fn status(&self) -> Option<&str> {
        self.text("agent_status")
    }
    pub fn custom_status_name(&self) -> Option<&str> {
        self.text("custom_status_name")
    }
    pub fn last_chat_dts(&self) -> Option<&str> {
        self.text("last_chat_dts")
    }
}

impl QueueEntry {
    /// The entry's uuid: what `take` passes as `conversation_webchat_queue_uuid`.
    pub fn uuid(&self) -> Option<&str> {
        self.text("conversation_webchat_queue_uuid")
    }
    pub fn arn(&self) -> Option<&str> {
        self.text("conversation_participant_arn")
    }
    pub fn name(&self) -> Option<&str> {
        self.text("conversation_participant_name")
    }
    pub fn email(&self) -> Option<&str> {
        self.text("email")
    }
    pub fn question(&self) -> Option<&str> {
        self.str("question")
    }
    pub fn join_dts(&self) -> Option<&str> {
        self.text("join_dts")
    }
    pub fn queue_name(&self) -> Option<&str> {
        self.text(QUEUE_NAME)
    }
}
