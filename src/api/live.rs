//! The agent's live loop on the wire: webchat queues and the agent's status in them, messages
//! since a time, and marking a conversation read.

use reqwest::Method;
use serde::Serialize;

use super::client::{ApiClient, NO_BODY};
use super::models::{ConversationMessage, QueueStatus};
use super::wire::Document;
use crate::error::{Error, Result};

/// Body of `PUT …/queues/{queue_name}/status` (ConversationWebchatQueueStatusUpdateRequest): the
/// custom status comes as a pair or not at all; unset fields are left out.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct StatusUpdate {
    pub(crate) agent_status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) custom_status_uuid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) custom_status_name: Option<String>,
}

/// Assumed (the SDK gives no unit): the `since` of `GET …/messages/{since}` is epoch milliseconds,
/// like `message_epoch` ("Message epoch milliseconds"). The one place that says so.
pub(crate) type EpochMillis = i64;

impl ApiClient {
    /// `GET /conversation/conversations/queues/statuses`: every webchat queue.
    pub(crate) async fn queue_statuses(&self) -> Result<Vec<Document<QueueStatus>>> {
        let url = self.url("/conversation/conversations/queues/statuses", None, "", &[])?;
        let root = self
            .json_object(Method::GET, url, NO_BODY, true, "Loading the queues…")
            .await?;
        root.list("queue_statuses")
    }

    /// `PUT /conversation/conversations/queues/{queue_name}/status`; any 2xx is success.
    pub(crate) async fn set_queue_status(&self, queue: &str, update: &StatusUpdate) -> Result<()> {
        let url = self.url(
            "/conversation/conversations/queues",
            Some(queue),
            "/status",
            &[],
        )?;
        let label = format!("Setting your status in {queue}…");
        self.send(Method::PUT, url, Some(update), true, label)
            .await
            .map(drop)
            .map_err(|error| match error {
                Error::Api { status: 404, .. } => {
                    error.with_hint("`ucconv queue` lists the queues, by name")
                }
                other => other,
            })
    }

    /// `GET /conversation/conversations/{uuid}/messages/{since}?limit=N`. Whether `since` is
    /// inclusive is not known: callers de-duplicate by message uuid.
    pub(crate) async fn messages_since(
        &self,
        uuid: &str,
        since: EpochMillis,
        limit: Option<u32>,
    ) -> Result<Vec<Document<ConversationMessage>>> {
        let query: Vec<(&str, String)> = limit
            .map(|n| ("limit", n.to_string()))
            .into_iter()
            .collect();
        let suffix = format!("/messages/{}", since.max(0));
        let url = self.url("/conversation/conversations", Some(uuid), &suffix, &query)?;
        let root = self
            .json_object(Method::GET, url, NO_BODY, true, "Loading messages…")
            .await?;
        root.list("conversation_messages")
    }

    /// `PUT /conversation/conversations/{uuid}/markread`, without a body; any 2xx is success.
    pub(crate) async fn mark_read(&self, uuid: &str) -> Result<()> {
        let url = self.url("/conversation/conversations", Some(uuid), "/markread", &[])?;
        self.send(Method::PUT, url, NO_BODY, true, "Marking read…")
            .await
            .map(drop)
    }
}
