//! Shapes of conversations, their participants and messages, and of `auth` and `start` answers.

use schemars::JsonSchema;

/// ConversationSummary: one conversation as `list` and `search` give it.
#[derive(JsonSchema)]
pub(crate) struct ConversationSummary {
    /// The conversation's UUID: what `get`, `join`, `leave` and `messages` take.
    conversation_uuid: Option<String>,
    /// The conversation's ARN.
    conversation_arn: Option<String>,
    /// The merchant (store) id.
    merchant_id: Option<String>,
    /// The body of the last message.
    last_conversation_message_body: Option<String>,
    /// The ARN of whoever wrote the last message.
    last_conversation_participant_arn: Option<String>,
    /// The name of whoever wrote the last message.
    last_conversation_participant_name: Option<String>,
    /// When the last message was sent (ISO-8601 with an offset).
    last_message_dts: Option<String>,
    /// When the last interactive message (not a notice) was sent.
    last_interactive_message_dts: Option<String>,
    /// When the customer's oldest unanswered message was sent: set while a customer waits for an
    /// answer.
    customer_first_message_unresponded_to_dts: Option<String>,
    /// When the conversation started.
    start_dts: Option<String>,
    /// How many messages the conversation has.
    message_count: Option<i64>,
    /// Whether it has messages the agent has not read.
    unread_messages: Option<bool>,
    /// Whether the conversation is closed.
    closed: Option<bool>,
    /// Whether the conversation is visible.
    visible: Option<bool>,
    /// The channel: `sms` or `websocket` (webchat); others may appear.
    #[schemars(extend("examples" = ["sms", "websocket"]))]
    medium: Option<String>,
    /// Everyone in the conversation, present or gone.
    participants: Option<Vec<ConversationParticipant>>,
    /// The conversation's detected sentiment.
    sentiment: Option<ConversationSentiment>,
}

/// Conversation: what `get` shows, the summary's fields plus the messages.
#[derive(JsonSchema)]
pub(crate) struct Conversation {
    #[serde(flatten)]
    summary: ConversationSummary,
    /// The messages, oldest first (the newest `--messages N` of them).
    messages: Option<Vec<ConversationMessage>>,
    /// The conversation's base language (ISO 639-1).
    base_language_iso_code: Option<String>,
    /// Whether a virtual (AI) agent handles the conversation.
    virtual_agent: Option<bool>,
    /// What the virtual agent has cost.
    virtual_agent_cost: Option<f64>,
}

/// ConversationParticipant: a customer or an agent in a conversation.
#[derive(JsonSchema)]
pub(crate) struct ConversationParticipant {
    /// The participant's UUID in this conversation.
    conversation_participant_uuid: Option<String>,
    /// The participant's ARN; a customer's has a `:participant:customer:` segment, an agent's
    /// `:participant:agent:` (assumed, as in the SDK's examples).
    conversation_participant_arn: Option<String>,
    /// The participant's name.
    conversation_participant_name: Option<String>,
    /// The participant's status, a free string.
    #[schemars(extend("examples" = ["joined", "left"]))]
    status: Option<String>,
    /// When they joined.
    joined_dts: Option<String>,
    /// When they left; unset while they are in the conversation.
    left_dts: Option<String>,
    /// When they last sent a message.
    last_message_dts: Option<String>,
    /// How many messages they have not read.
    unread_messages: Option<i64>,
    /// The participant's email.
    email: Option<String>,
    /// The participant's phone number (SMS conversations).
    sms_phone_number: Option<String>,
    /// The participant's language (ISO 639-1).
    language_iso_code: Option<String>,
    /// The participant's time zone.
    timezone: Option<String>,
    /// The participant's profile image URL.
    profile_image_url: Option<String>,
}

/// ConversationSentiment: the detected mood of a conversation, with scores.
#[derive(JsonSchema)]
pub(crate) struct ConversationSentiment {
    /// The overall sentiment: `POSITIVE`, `NEUTRAL`, `NEGATIVE` or `MIXED`; others may appear.
    #[schemars(extend("examples" = ["POSITIVE", "NEUTRAL", "NEGATIVE", "MIXED"]))]
    sentiment: Option<String>,
    /// When the sentiment was last detected.
    last_detect_sentiment: Option<String>,
    /// The positive score.
    positive: Option<f64>,
    /// The neutral score.
    neutral: Option<f64>,
    /// The negative score.
    negative: Option<f64>,
    /// The mixed score.
    mixed: Option<f64>,
}

/// ConversationMessage: one message of a conversation.
#[derive(JsonSchema)]
pub(crate) struct ConversationMessage {
    /// The message's UUID.
    conversation_message_uuid: Option<String>,
    /// The author's participant ARN.
    author_conversation_participant_arn: Option<String>,
    /// The author's name.
    author_conversation_participant_name: Option<String>,
    /// The message's text.
    body: Option<String>,
    /// Message type: `message`, `notice`, `engagement prompt` or `tool call`; others may appear.
    #[serde(rename = "type")]
    #[schemars(extend("examples" = ["message", "notice", "engagement prompt", "tool call"]))]
    kind: Option<String>,
    /// The message's subtype, a free string.
    message_type: Option<String>,
    /// Message date/time.
    message_dts: Option<String>,
    /// Message epoch milliseconds.
    message_epoch: Option<i64>,
    /// URLs of attached media.
    media_urls: Option<Vec<String>>,
    /// Upload keys of attached files.
    upload_keys: Option<Vec<String>>,
    /// The sending client's own id for the message.
    client_message_id: Option<String>,
    /// The message's language (ISO 639-1).
    language_iso_code: Option<String>,
    /// The message translated for other participants.
    translations: Option<Vec<ConversationMessageTranslation>>,
    /// How the message's delivery went, per participant.
    transport_statuses: Option<Vec<ConversationMessageTransportStatus>>,
    /// Delay message transmission until date/time.
    delay_until_dts: Option<String>,
    /// The merchant (store) id.
    merchant_id: Option<String>,
}

/// ConversationMessageTranslation: a message's body in another language.
#[derive(JsonSchema)]
pub(crate) struct ConversationMessageTranslation {
    /// The translated text.
    body: Option<String>,
    /// Its language (ISO 639-1).
    language_iso_code: Option<String>,
}

/// ConversationMessageTransportStatus: a message's delivery to one participant.
#[derive(JsonSchema)]
pub(crate) struct ConversationMessageTransportStatus {
    /// The participant the message goes to.
    conversation_participant_arn: Option<String>,
    /// The status of the message transport: `accepted`, `scheduled`, `queued`, `sending`, `sent`,
    /// `read`, `TWILIO_CREDENTIALS_MISSING`, `SENT_TO_TWILIO`, `TWILIO_ERROR`, `SENT_TO_PINPOINT`,
    /// `PINPOINT_ERROR`; others may appear.
    #[schemars(extend("examples" = ["accepted", "scheduled", "queued", "sending", "sent", "read",
        "TWILIO_CREDENTIALS_MISSING", "SENT_TO_TWILIO", "TWILIO_ERROR", "SENT_TO_PINPOINT",
        "PINPOINT_ERROR"]))]
    status: Option<String>,
}

/// ConversationAgentAuth: who the agent is and how to open its websocket (flat in the original
/// API, under `agent_auth` in the current one; ucconv prints it unwrapped).
#[derive(JsonSchema)]
pub(crate) struct ConversationAgentAuth {
    /// The agent's participant ARN.
    conversation_participant_arn: Option<String>,
    /// The agent's name.
    conversation_participant_name: Option<String>,
    /// The token for the agent websocket; its `exp` claim says when it expires.
    jwt: Option<String>,
    /// The agent websocket's URL.
    websocket_url: Option<String>,
    /// The merchant (store) id.
    merchant_id: Option<String>,
    /// The agent's user id.
    user_id: Option<i64>,
    /// The agent's group ids.
    group_ids: Option<Vec<i64>>,
    /// Whether the agent administers chat.
    chat_admin: Option<bool>,
    /// Whether the agent may chat.
    chat_user: Option<bool>,
}

/// ConversationStartResponse: the new conversation. The original API answers only
/// `conversation_arn` and `conversation_uuid`; the current one a whole Conversation (unwrapped).
#[derive(JsonSchema)]
pub(crate) struct ConversationStartResponse {
    #[serde(flatten)]
    conversation: Conversation,
}
