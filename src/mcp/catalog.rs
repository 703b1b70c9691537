//! The tool table: one tool per ucconv operation, with what it tells a model and what it does to
//! the desk (MCP's annotations). Read-only tools first, then the writes.

use std::sync::Arc;

use rmcp::handler::server::common::schema_for_input;
use rmcp::model::JsonObject;

use super::inputs::{
    CannedInput, ConversationInput, GetInput, JoinInput, ListInput, MessagesInput, NoInput, Paging,
    ProfileSetInput, QueueInput, SearchInput, StartInput, StatusInput, TakeInput,
};
use super::tools::{Effect, Spec};

const fn read(
    name: &'static str,
    commands: &'static [&'static str],
    title: &'static str,
    description: &'static str,
    list: bool,
    schema: fn() -> std::result::Result<Arc<JsonObject>, String>,
) -> Spec {
    Spec {
        name,
        commands,
        title,
        description,
        effect: Effect::Read,
        list,
        schema,
    }
}

const fn write(
    name: &'static str,
    commands: &'static [&'static str],
    title: &'static str,
    description: &'static str,
    (destructive, idempotent): (bool, bool),
    schema: fn() -> std::result::Result<Arc<JsonObject>, String>,
) -> Spec {
    Spec {
        name,
        commands,
        title,
        description,
        effect: Effect::Write {
            destructive,
            idempotent,
        },
        list: false,
        schema,
    }
}

impl Spec {
    /// The output is a list after all: `{"items": […], "next_cursor": null}`.
    const fn listing(self) -> Spec {
        Spec { list: true, ..self }
    }
}

pub(crate) const TOOLS: &[Spec] = &[
    read(
        "list",
        &["list"],
        "List conversations",
        "Conversation summaries, newest first: conversation_uuid, participants, last message, unread. Filter by medium, by `before` a time, or to unread ones. Returns {items, next_cursor}; pass next_cursor back as `cursor` for the next page.",
        true,
        schema_for_input::<ListInput>,
    ),
    read(
        "get",
        &["get"],
        "Get a conversation",
        "One conversation as the API returns it: participants, every message (or the newest `messages`), medium, times. `uuid` takes the whole conversation_uuid, a unique prefix of 6+ characters, or the ARN.",
        false,
        schema_for_input::<GetInput>,
    ),
    read(
        "messages",
        &["messages"],
        "Messages of a conversation",
        "A conversation's messages from a time on (`since`; all by default), oldest first, as the API's message objects. Returns {items, next_cursor}.",
        true,
        schema_for_input::<MessagesInput>,
    ),
    read(
        "search",
        &["search"],
        "Search conversations",
        "Conversations matching text, a participant's email or phone, medium, language or dates, newest first (or oldest). Items are summaries like list's. Returns {items, next_cursor}.",
        true,
        schema_for_input::<SearchInput>,
    ),
    read(
        "queue",
        &["queue", "queue --waiting", "queue --agents"],
        "Webchat queues",
        "The webchat queues (view \"queues\"), the customers waiting in them with the entry to take (view \"waiting\"), or every agent's status in each queue (view \"agents\"). Returns {items, next_cursor}.",
        true,
        schema_for_input::<QueueInput>,
    ),
    read(
        "context",
        &["context"],
        "Webchat context",
        "What a webchat customer is looking at: current page, cart and total, recent orders, pages viewed. Webchat conversations only; SMS ones have none.",
        false,
        schema_for_input::<ConversationInput>,
    ),
    read(
        "canned",
        &["canned"],
        "Canned replies",
        "The canned replies (short code, text, departments), or those whose short code matches `short_code`. Returns {items, next_cursor}.",
        true,
        schema_for_input::<CannedInput>,
    ),
    read(
        "agents",
        &["agents"],
        "Agent profiles",
        "Every agent's profile: name, display name, user id, default status, chat limit, AI or human. Returns {items, next_cursor}.",
        true,
        schema_for_input::<Paging>,
    ),
    read(
        "departments",
        &["departments"],
        "Departments",
        "The conversation departments, each with its members. Returns {items, next_cursor}.",
        true,
        schema_for_input::<Paging>,
    ),
    read(
        "whoami",
        &["whoami"],
        "Who am I",
        "The agent these credentials act as: name, user_id, edit_settings permission, where the credentials came from and the base URL.",
        false,
        schema_for_input::<NoInput>,
    ),
    read(
        "profile",
        &["profile"],
        "Your agent profile",
        "Your own agent profile as the API returns it (display name, default status, language, chat limit…).",
        false,
        schema_for_input::<NoInput>,
    ),
    write(
        "join",
        &["join"],
        "Join a conversation",
        "Adds you (the agent the credentials belong to) to a conversation's participants; with `language`, messages are translated for you. Joining again changes nothing.",
        (false, true),
        schema_for_input::<JoinInput>,
    ),
    write(
        "leave",
        &["leave"],
        "Leave a conversation",
        "Removes you from a conversation's participants. Asks nothing first: confirm with the user before calling it.",
        (true, true),
        schema_for_input::<ConversationInput>,
    ),
    write(
        "start",
        &["start"],
        "Start a conversation",
        "Starts a new conversation with the given participant ARNs (optionally in a webchat queue) and returns it with its conversation_uuid. Each call starts another one.",
        (false, false),
        schema_for_input::<StartInput>,
    ),
    write(
        "take",
        &["take"],
        "Take a waiting customer",
        "Starts the conversation with a customer waiting in a webchat queue (an entry from the queue tool, view \"waiting\"); returns it with its conversation_uuid. A customer taken is no longer waiting.",
        (false, false),
        schema_for_input::<TakeInput>,
    ),
    write(
        "status",
        &["status STATE"],
        "Set your availability",
        "Sets your status (available, busy, unavailable) in the named webchat queues, or in all of them; replaces the status you had there.",
        (true, true),
        schema_for_input::<StatusInput>,
    )
    .listing(),
    write(
        "mark_read",
        &["mark-read"],
        "Mark a conversation read",
        "Clears a conversation's unread state for you.",
        // Not destructive: it clears a flag the next message sets again.
        (false, true),
        schema_for_input::<ConversationInput>,
    ),
    write(
        "profile_set",
        &["profile set"],
        "Change your agent profile",
        "Changes the named fields of your agent profile (display_name, default_status, language, chat_limit), keeping every other; returns the saved profile.",
        (true, true),
        schema_for_input::<ProfileSetInput>,
    ),
];
