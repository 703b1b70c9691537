//! The emulator's state: seeded, deterministic conversations and how each wire shape renders them.

use jiff::{Timestamp, ToSpan};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::Shape;
use crate::hostile::make_hostile;

/// The merchant every seeded conversation belongs to.
pub const MERCHANT_ID: &str = "DEMO";
/// The agent the emulator's credentials authenticate as: `join` adds this participant.
pub const AGENT_ARN: &str = "arn:ultracart:conversation:DEMO:participant:agent:1001";
pub const AGENT_NAME: &str = "Emulator Agent";

#[derive(Clone, Debug, Serialize)]
pub struct Participant {
    pub conversation_participant_uuid: String,
    pub conversation_participant_arn: String,
    pub conversation_participant_name: String,
    pub status: String,
    pub joined_dts: String,
    pub left_dts: Option<String>,
    pub last_message_dts: Option<String>,
    pub unread_messages: u32,
    pub language_iso_code: String,
    pub sms_phone_number: Option<String>,
    pub email: Option<String>,
    pub timezone: String,
}

impl Participant {
    /// A participant who joined at `joined`, has not left or written yet, and speaks English.
    pub fn joined(uuid: String, arn: String, name: String, joined: Timestamp) -> Participant {
        Participant {
            conversation_participant_uuid: uuid,
            conversation_participant_arn: arn,
            conversation_participant_name: name,
            status: "joined".into(),
            joined_dts: dts(joined),
            left_dts: None,
            last_message_dts: None,
            unread_messages: 0,
            language_iso_code: "en".into(),
            sms_phone_number: None,
            email: None,
            timezone: "UTC".into(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Message {
    pub conversation_message_uuid: String,
    pub author_conversation_participant_arn: String,
    pub author_conversation_participant_name: String,
    pub body: String,
    pub media_urls: Vec<String>,
    pub message_dts: String,
    pub message_epoch: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub language_iso_code: String,
    pub transport_statuses: Vec<Value>,
}

#[derive(Clone, Debug)]
pub struct Conversation {
    pub conversation_uuid: String,
    pub conversation_arn: String,
    pub start_dts: Timestamp,
    pub closed: bool,
    pub visible: bool,
    pub unread_messages: bool,
    pub medium: String,
    pub sentiment: &'static str,
    pub base_language_iso_code: String,
    pub participants: Vec<Participant>,
    pub messages: Vec<Message>,
    /// Sort key: the time of the newest message, or the start when there is none.
    pub last_activity: Timestamp,
    /// Sent instead of every date/time of the conversation, to test clients against garbage.
    pub bad_dates: Option<String>,
}

/// UltraCart writes date/times with an explicit `+00:00` offset.
pub fn dts(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// `ts` without its fraction of a second: `dts` cannot show one, and epochs must match it.
pub fn whole_second(ts: Timestamp) -> Timestamp {
    Timestamp::from_second(ts.as_second()).unwrap_or(ts)
}

pub fn uuid(rng: &mut fastrand::Rng) -> String {
    let n = rng.u128(..);
    let hex = format!("{n:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Ava", "Ben", "Chloe", "Diego", "Emma", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena",
    "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen",
    "Yusuf", "Zoe",
];
pub(crate) const LAST_NAMES: &[&str] = &[
    "Adams", "Brooks", "Chen", "Duarte", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Kaur", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Quispe", "Rossi", "Silva", "Tanaka",
];
pub(crate) const CUSTOMER_LINES: &[&str] = &[
    "Hi, where is my order? It was supposed to arrive yesterday.",
    "Can I change the shipping address on order DEMO-10442?",
    "Do you ship to Canada?",
    "The discount code SPRING20 is not working at checkout.",
    "I was charged twice for the same order, can you help?",
    "Is the large size back in stock yet?",
    "How do I return an item that arrived damaged?",
    "Thanks, that fixed it!",
    "Can you cancel my subscription renewal?",
    "What are your support hours over the holidays?",
];
const AGENT_LINES: &[&str] = &[
    "Happy to help! Let me look that up for you.",
    "I've updated the address; you'll get a new confirmation email shortly.",
    "Yes, we ship to Canada. Duties are calculated at checkout.",
    "I've issued a refund for the duplicate charge. It takes 3-5 business days.",
    "That item is back in stock as of this morning.",
    "I've emailed you a prepaid return label.",
];

/// Builds `count` conversations from `seed`, the newest ending a few minutes before `now`;
/// `hostile` laces their text with [`crate::HOSTILE_SEQUENCES`] and spoils every tenth one's dates.
pub fn seed_conversations(
    count: usize,
    seed: u64,
    now: Timestamp,
    hostile: bool,
) -> Vec<Conversation> {
    let mut rng = fastrand::Rng::with_seed(seed);
    // A second generator, so hostile data has the same uuids, times and text underneath.
    let mut hostile_rng = fastrand::Rng::with_seed(seed ^ 0x0bad_7e47);
    // Whole seconds, so every message_epoch is exactly the milliseconds of its message_dts.
    let mut last_activity = whole_second(now);
    (0..count)
        .map(|index| {
            // Gaps grow slowly so a few hundred conversations span weeks, like a real inbox.
            let gap_seconds = 60 + rng.i64(0..(600 + 40 * index as i64).min(86_400));
            last_activity -= gap_seconds.seconds();
            let mut conversation = seed_one(&mut rng, last_activity);
            if hostile {
                make_hostile(&mut conversation, &mut hostile_rng, index % 10 == 0);
            }
            conversation
        })
        .collect()
}

fn seed_one(rng: &mut fastrand::Rng, last_activity: Timestamp) -> Conversation {
    let conversation_uuid = uuid(rng);
    let medium = if rng.bool() { "sms" } else { "websocket" };
    let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
    let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
    let customer_name = format!("{first} {last}");
    let customer_arn = format!(
        "arn:ultracart:conversation:{MERCHANT_ID}:participant:customer:{}",
        rng.u32(100_000..999_999)
    );
    let message_count = rng.usize(1..7);
    let first_message = last_activity - (message_count as i64 * 90).seconds();
    let start_dts = first_message - 5.seconds();

    let mut customer = Participant::joined(uuid(rng), customer_arn, customer_name, start_dts);
    customer.sms_phone_number =
        (medium == "sms").then(|| format!("+1555{:07}", rng.u32(0..10_000_000)));
    customer.email =
        (medium == "websocket").then(|| format!("{first}.{last}@example.com").to_lowercase());
    customer.timezone = "America/New_York".into();
    let mut participants = vec![customer];
    let staffed = message_count > 1;
    if staffed {
        let mut agent = Participant::joined(
            uuid(rng),
            "arn:ultracart:conversation:DEMO:participant:agent:1002".into(),
            "Morgan (Support)".into(),
            start_dts + 30.seconds(),
        );
        agent.timezone = "America/Chicago".into();
        participants.push(agent);
    }

    let messages = (0..message_count)
        .map(|n| {
            let from_customer = n % 2 == 0 || !staffed;
            let author = &participants[usize::from(!from_customer)];
            let body = if from_customer {
                CUSTOMER_LINES[rng.usize(..CUSTOMER_LINES.len())]
            } else {
                AGENT_LINES[rng.usize(..AGENT_LINES.len())]
            };
            let at = first_message + (n as i64 * 90).seconds();
            let media_urls = if rng.u8(..) < 20 {
                vec![format!(
                    "https://media.example.com/uploads/{}.jpg",
                    rng.u32(1000..9999)
                )]
            } else {
                Vec::new()
            };
            Message {
                conversation_message_uuid: uuid(rng),
                author_conversation_participant_arn: author.conversation_participant_arn.clone(),
                author_conversation_participant_name: author.conversation_participant_name.clone(),
                body: body.into(),
                media_urls,
                message_dts: dts(at),
                message_epoch: at.as_millisecond(),
                kind: "message".into(),
                language_iso_code: "en".into(),
                transport_statuses: vec![serde_json::json!({"status": "delivered"})],
            }
        })
        .collect::<Vec<_>>();
    for participant in &mut participants {
        participant.last_message_dts = messages
            .iter()
            .rev()
            .find(|m| {
                m.author_conversation_participant_arn == participant.conversation_participant_arn
            })
            .map(|m| m.message_dts.clone());
    }

    Conversation {
        conversation_arn: format!(
            "arn:ultracart:conversation:{MERCHANT_ID}:conversation:{conversation_uuid}"
        ),
        conversation_uuid,
        start_dts,
        closed: rng.u8(..) < 40,
        visible: true,
        unread_messages: rng.u8(..) < 80,
        medium: medium.into(),
        sentiment: ["POSITIVE", "NEUTRAL", "NEGATIVE", "MIXED"][rng.usize(..4)],
        base_language_iso_code: "en".into(),
        participants,
        messages,
        last_activity,
        bad_dates: None,
    }
}

/// Fields the original API never sent; the `original` shape leaves them out.
const CURRENT_ONLY: &[&str] = &[
    "medium",
    "visible",
    "sentiment",
    "last_interactive_message_dts",
    "customer_first_message_unresponded_to_dts",
    "base_language_iso_code",
    "virtual_agent",
    "virtual_agent_cost",
    "language_iso_code",
    "email",
    "sms_phone_number",
    "timezone",
];

fn strip_current_only(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !CURRENT_ONLY.contains(&key.as_str()));
            map.values_mut().for_each(strip_current_only);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_current_only),
        _ => {}
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    // Serializing these plain structs cannot fail: they hold only strings, numbers and vectors.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Conversation {
    /// The customer's first message after the last one from anybody else, while the customer
    /// has the last word: what `customer_first_message_unresponded_to_dts` reports.
    fn unanswered_since(&self) -> Option<&Message> {
        let from_customer = |m: &&Message| {
            m.author_conversation_participant_arn
                .contains(":participant:customer:")
        };
        let waiting = self.messages.iter().rev().take_while(from_customer).last();
        waiting.filter(|_| !self.closed)
    }

    fn common_fields(&self) -> Map<String, Value> {
        let last = self.messages.last();
        let mut map = Map::new();
        let mut put = |key: &str, value: Value| {
            map.insert(key.to_string(), value);
        };
        put("conversation_uuid", self.conversation_uuid.clone().into());
        put("conversation_arn", self.conversation_arn.clone().into());
        put("merchant_id", MERCHANT_ID.into());
        let date = |ts: Timestamp| self.bad_dates.clone().unwrap_or_else(|| dts(ts));
        put("start_dts", date(self.start_dts).into());
        put("last_message_dts", date(self.last_activity).into());
        put(
            "customer_first_message_unresponded_to_dts",
            self.unanswered_since()
                .map(|m| m.message_dts.clone())
                .into(),
        );
        put(
            "last_interactive_message_dts",
            date(self.last_activity).into(),
        );
        put(
            "last_conversation_message_body",
            last.map(|m| m.body.clone()).into(),
        );
        put(
            "last_conversation_participant_arn",
            last.map(|m| m.author_conversation_participant_arn.clone())
                .into(),
        );
        put(
            "last_conversation_participant_name",
            last.map(|m| m.author_conversation_participant_name.clone())
                .into(),
        );
        put("message_count", self.messages.len().into());
        put("unread_messages", self.unread_messages.into());
        put("closed", self.closed.into());
        put("visible", self.visible.into());
        put("medium", self.medium.clone().into());
        put("participants", to_value(&self.participants));
        put(
            "sentiment",
            serde_json::json!({"sentiment": self.sentiment, "positive": 0.25, "neutral": 0.5, "negative": 0.15, "mixed": 0.1}),
        );
        map
    }

    /// The ConversationSummary that `list` returns.
    pub fn summary(&self, shape: Shape) -> Value {
        finish(Value::Object(self.common_fields()), shape)
    }

    /// The full Conversation that `get` returns, with at most `message_limit` of the newest messages.
    pub fn full(&self, shape: Shape, message_limit: Option<usize>) -> Value {
        let mut map = self.common_fields();
        let skip = message_limit.map_or(0, |limit| self.messages.len().saturating_sub(limit));
        map.insert("messages".into(), to_value(&self.messages[skip..].to_vec()));
        map.insert(
            "base_language_iso_code".into(),
            self.base_language_iso_code.clone().into(),
        );
        map.insert("virtual_agent".into(), false.into());
        map.insert("virtual_agent_cost".into(), 0.0.into());
        finish(Value::Object(map), shape)
    }

    /// The messages whose `message_epoch` is at least `since`, oldest first, at most `limit`:
    /// the oldest ones, so a client can page forward from the last epoch it saw.
    pub fn messages_since(&self, since: i64, limit: usize, shape: Shape) -> Value {
        let mut messages: Vec<&Message> = self
            .messages
            .iter()
            .filter(|m| m.message_epoch >= since)
            .collect();
        messages.sort_by_key(|m| m.message_epoch);
        messages.truncate(limit);
        finish(to_value(&messages), shape)
    }
}

fn finish(mut value: Value, shape: Shape) -> Value {
    if shape == Shape::Original {
        strip_current_only(&mut value);
    }
    value
}
