//! The documented shape of each wire type, for `ucconv schema`: every field the API documents,
//! its type and its known values, as JSON Schema (schemars).
//!
//! A wire type is a JSON map read through accessors (see the parent module), so it has no fields
//! to derive a schema from. Each one's `JsonSchema` delegates to a shape struct here instead. The
//! shapes follow the reader's tolerance: every field is optional and may be `null`, enum-like
//! strings are plain strings whose known values are only described (the reader shows an unknown
//! one as it came), and other properties are allowed (the API adds fields; they reach `--json`
//! output untouched). Descriptions come from the SDK's (`agent-models.json`) and docs/api.md.

// Nothing builds a shape: each exists for its schema alone.
#![allow(dead_code)]

mod conversation;
mod desk;
mod queue;

pub(crate) use conversation::*;
pub(crate) use desk::*;
pub(crate) use queue::*;

/// `impl JsonSchema for $wire` as the schema of `$shape`, under the shape's name.
macro_rules! schema_of {
    ($($wire:ty => $shape:ty),* $(,)?) => {$(
        impl schemars::JsonSchema for $wire {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                <$shape as schemars::JsonSchema>::schema_name()
            }
            fn schema_id() -> std::borrow::Cow<'static, str> {
                <$shape as schemars::JsonSchema>::schema_id()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <$shape as schemars::JsonSchema>::json_schema(generator)
            }
        }
    )*};
}

schema_of!(
    super::Summary => ConversationSummary,
    super::Conversation => Conversation,
    super::ConversationParticipant => ConversationParticipant,
    super::ConversationMessage => ConversationMessage,
    super::AgentAuth => ConversationAgentAuth,
    super::StartedConversation => ConversationStartResponse,
    super::QueueStatus => ConversationWebchatQueueStatus,
    super::QueueAgent => ConversationWebchatQueueStatusAgent,
    super::QueueEntry => ConversationWebchatQueueStatusQueueEntry,
    super::WebchatContext => ConversationWebchatContext,
    super::CannedMessage => ConversationCannedMessage,
    super::AgentProfile => ConversationAgentProfile,
    super::Department => ConversationDepartment,
);

/// A document is its object as the server sent it: its schema is its wire type's.
impl<T: schemars::JsonSchema> schemars::JsonSchema for crate::api::wire::Document<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}
