//! Webchat queues: seeded agents and waiting customers, and the ConversationWebchatQueueStatus they render as.

use jiff::{Timestamp, ToSpan};
use serde::Serialize;
use serde_json::{Value, json};

use crate::data::{self, AGENT_ARN, AGENT_NAME, FIRST_NAMES, LAST_NAMES, MERCHANT_ID, dts};
use crate::hostile::hostile;

/// The seeded queues; the space in the second makes clients percent-encode the path segment.
pub const QUEUE_NAMES: [&str; 2] = ["Support", "Sales Team"];
/// The values `agent_status` takes (docs/api.md §4); an update naming another is refused.
pub const AGENT_STATUSES: [&str; 3] = ["available", "busy", "unavailable"];
/// The emulator agent's user id, as `auth` reports it.
pub const AGENT_USER_ID: &str = "1001";
/// Past this many waiting customers the longest waiter gives up (abandons), so that generated
/// activity in a long demo keeps queues readable and memory bounded.
const MAX_WAITING: usize = 10;

/// What customers ask while they wait for an agent.
const QUESTIONS: &[&str] = &[
    "Hi, where is my order? It was supposed to arrive yesterday.",
    "Do you ship to Canada?",
    "Is the large size back in stock yet?",
    "Can I change the shipping address on my order?",
    "How do I return an item that arrived damaged?",
    "My discount code is not working at checkout.",
    "Do you offer gift wrapping?",
    "Can I talk to someone about a bulk order?",
];

/// The seeded colleagues of the emulator agent, per queue: (user id, name).
const ROSTERS: [&[(&str, &str)]; 2] = [
    &[
        ("1002", "Morgan (Support)"),
        ("1003", "Riley (Support)"),
        ("1004", "Casey (Support)"),
    ],
    &[("1005", "Jordan (Sales)"), ("1002", "Morgan (Support)")],
];

const CUSTOM_STATUSES: &[&str] = &["Lunch", "In a meeting", "Training"];

#[derive(Clone, Debug)]
pub struct QueueAgent {
    pub arn: String,
    pub name: String,
    pub user_id: String,
    pub status: String,
    pub custom_status: Option<(String, String)>,
    pub last_chat: Option<Timestamp>,
    pub profile_image_url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QueueEntry {
    pub conversation_webchat_queue_uuid: String,
    pub conversation_participant_arn: String,
    pub conversation_participant_name: String,
    pub email: String,
    pub question: String,
    pub join_dts: String,
    pub participant_language_iso_code: String,
    pub queue_name: String,
    /// The join time itself, which `take` needs for the first message's epoch.
    #[serde(skip)]
    pub joined: Timestamp,
}

#[derive(Clone, Debug)]
pub struct Queue {
    pub name: String,
    pub agents: Vec<QueueAgent>,
    /// Oldest first.
    pub entries: Vec<QueueEntry>,
    pub active: u64,
    pub chats: u64,
    pub abandoned: u64,
    pub hold_seconds: u64,
    pub chat_seconds: u64,
    pub abandon_seconds: u64,
}

impl QueueEntry {
    /// A customer who joined `queue` at `joined`, with a fresh uuid and customer arn.
    pub fn new(
        rng: &mut fastrand::Rng,
        queue: &str,
        name: &str,
        question: &str,
        joined: Timestamp,
    ) -> QueueEntry {
        let joined = data::whole_second(joined);
        QueueEntry {
            conversation_webchat_queue_uuid: data::uuid(rng),
            conversation_participant_arn: format!(
                "arn:ultracart:conversation:{MERCHANT_ID}:participant:customer:{}",
                rng.u32(100_000..999_999)
            ),
            conversation_participant_name: name.to_string(),
            email: email_for(name),
            question: question.to_string(),
            join_dts: dts(joined),
            participant_language_iso_code: "en".into(),
            queue_name: queue.to_string(),
            joined,
        }
    }
}

/// A plausible address for a name: `Ava Chen` writes from `ava.chen@example.com`.
fn email_for(name: &str) -> String {
    let local: String = name
        .split_whitespace()
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let local = if local.is_empty() {
        "customer".to_string()
    } else {
        local
    };
    format!("{local}@example.com")
}

/// A random customer name and question, as a new waiter brings.
pub fn random_customer(rng: &mut fastrand::Rng) -> (String, String) {
    let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
    let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
    let question = QUESTIONS[rng.usize(..QUESTIONS.len())];
    (format!("{first} {last}"), question.to_string())
}

/// The emulator's own agent as it appears in every queue before anything is changed.
fn emulator_agent() -> QueueAgent {
    QueueAgent {
        arn: AGENT_ARN.into(),
        name: AGENT_NAME.into(),
        user_id: AGENT_USER_ID.into(),
        status: "unavailable".into(),
        custom_status: None,
        last_chat: None,
        profile_image_url: None,
    }
}

fn seeded_agent(rng: &mut fastrand::Rng, user_id: &str, name: &str, now: Timestamp) -> QueueAgent {
    let status = match rng.u8(..100) {
        0..45 => "available",
        45..80 => "busy",
        _ => "unavailable",
    };
    let custom_status = (status == "unavailable" && rng.bool()).then(|| {
        let name = CUSTOM_STATUSES[rng.usize(..CUSTOM_STATUSES.len())];
        (data::uuid(rng), name.to_string())
    });
    QueueAgent {
        arn: format!("arn:ultracart:conversation:{MERCHANT_ID}:participant:agent:{user_id}"),
        name: name.into(),
        user_id: user_id.into(),
        status: status.into(),
        custom_status,
        last_chat: Some(data::whole_second(now) - rng.i64(120..5_400).seconds()),
        profile_image_url: rng
            .bool()
            .then(|| format!("https://media.example.com/agents/{user_id}.png")),
    }
}

/// The two queues of [`QUEUE_NAMES`], the same for the same seed: agents with their statuses and
/// 1–3 customers who joined a few minutes before `now`; `hostile` laces the customers' text.
pub fn seed_queues(seed: u64, now: Timestamp, hostile_text: bool) -> Vec<Queue> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x0917_e0e5);
    let mut hostile_rng = fastrand::Rng::with_seed(seed ^ 0x0bad_0917);
    QUEUE_NAMES
        .iter()
        .zip(ROSTERS)
        .map(|(name, roster)| {
            let agents = std::iter::once(emulator_agent())
                .chain(
                    roster
                        .iter()
                        .map(|(id, agent)| seeded_agent(&mut rng, id, agent, now)),
                )
                .collect();
            let mut waits: Vec<i64> = (0..rng.usize(1..=3)).map(|_| rng.i64(30..900)).collect();
            waits.sort_unstable_by(|a, b| b.cmp(a));
            let entries = waits
                .into_iter()
                .map(|wait| {
                    let (customer, question) = random_customer(&mut rng);
                    let mut entry =
                        QueueEntry::new(&mut rng, name, &customer, &question, now - wait.seconds());
                    if hostile_text {
                        entry.conversation_participant_name =
                            hostile(&entry.conversation_participant_name, &mut hostile_rng);
                        entry.question = hostile(&entry.question, &mut hostile_rng);
                    }
                    entry
                })
                .collect();
            Queue {
                name: name.to_string(),
                agents,
                entries,
                active: rng.u64(0..4),
                chats: rng.u64(5..60),
                abandoned: rng.u64(0..6),
                hold_seconds: rng.u64(20..240),
                chat_seconds: rng.u64(180..900),
                abandon_seconds: rng.u64(60..400),
            }
        })
        .collect()
}

impl Queue {
    /// Adds a waiter at the back; past [`MAX_WAITING`] the one waiting longest abandons.
    pub fn push_entry(&mut self, entry: QueueEntry) {
        if self.entries.len() >= MAX_WAITING {
            self.entries.remove(0);
            self.abandoned += 1;
        }
        self.entries.push(entry);
    }

    pub fn emulator_agent(&mut self) -> &mut QueueAgent {
        if let Some(index) = self.agents.iter().position(|a| a.arn == AGENT_ARN) {
            &mut self.agents[index]
        } else {
            self.agents.insert(0, emulator_agent());
            &mut self.agents[0]
        }
    }

    /// Removes the waiter with this uuid, as an agent taking the chat does, and counts the chat.
    pub fn take(&mut self, entry_uuid: &str, now: Timestamp) -> Option<QueueEntry> {
        let index = self
            .entries
            .iter()
            .position(|e| e.conversation_webchat_queue_uuid == entry_uuid)?;
        let entry = self.entries.remove(index);
        self.active += 1;
        self.chats += 1;
        self.emulator_agent().last_chat = Some(now);
        Some(entry)
    }

    /// The ConversationWebchatQueueStatus, with counts computed from the agents and waiters.
    pub fn status(&self) -> Value {
        let count = |status: &str| self.agents.iter().filter(|a| a.status == status).count();
        // The next chat goes to the available agent who has waited longest since their last one.
        let next = self
            .agents
            .iter()
            .enumerate()
            .filter(|(_, a)| a.status == "available")
            .min_by_key(|(_, a)| a.last_chat)
            .map(|(index, _)| index);
        let agents: Vec<Value> = self
            .agents
            .iter()
            .enumerate()
            .map(|(index, agent)| {
                let (custom_uuid, custom_name) = agent.custom_status.clone().unzip();
                json!({
                    "conversation_participant_arn": agent.arn,
                    "conversation_participant_name": agent.name,
                    "agent_user_id": agent.user_id,
                    "agent_status": agent.status,
                    "custom_status_uuid": custom_uuid,
                    "custom_status_name": custom_name,
                    "last_chat_dts": agent.last_chat.map(dts),
                    "next_round_robin": next == Some(index),
                    "profile_image_url": agent.profile_image_url
                })
            })
            .collect();
        json!({
            "queue_name": self.name,
            "agent_count": self.agents.len(),
            "agent_available_count": count("available"),
            "agent_busy_count": count("busy"),
            "agent_unavailable_count": count("unavailable"),
            "customer_waiting_count": self.entries.len(),
            "customer_active_count": self.active,
            "customer_chat_count": self.chats,
            "customer_abandon_count": self.abandoned,
            "customer_average_hold_time_seconds": self.hold_seconds,
            "customer_average_chat_time_seconds": self.chat_seconds,
            "customer_average_abandon_time_seconds": self.abandon_seconds,
            "customer_waiting_join_dts": self.entries.iter().map(|e| e.joined).min().map(dts),
            "agents": agents,
            "queue_entries": serde_json::to_value(&self.entries).unwrap_or(Value::Null)
        })
    }
}
