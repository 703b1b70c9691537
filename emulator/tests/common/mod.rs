//! Helpers the emulator's test files share: one raw HTTP/1.1 exchange, starting an emulator, reading queues.

// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;
use ucconv_emulator::{AGENT_ARN, API_VERSION, DEFAULT_KEY, Emulator, Options};

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 exchange over a fresh connection; `auth` adds the key and version headers.
pub fn call(emulator: &Emulator, method: &str, target: &str, auth: bool, body: &str) -> Reply {
    let mut stream = TcpStream::connect(emulator.addr()).unwrap();
    let mut request = format!("{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    if auth {
        request.push_str(&format!(
            "x-ultracart-simple-key: {DEFAULT_KEY}\r\nX-UltraCart-Api-Version: {API_VERSION}\r\n"
        ));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    Reply {
        status: head[9..12].parse().unwrap(),
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

pub const LIST: &str = "/rest/v2/conversation/conversations";

pub fn start(options: Options) -> Emulator {
    Emulator::start(options).unwrap()
}

pub const STATUSES: &str = "/rest/v2/conversation/conversations/queues/statuses";
pub const NOW: &str = "2026-11-25T12:00:00Z";

pub fn frozen() -> Options {
    Options {
        now: Some(NOW.parse().unwrap()),
        ..Options::default()
    }
}

pub fn statuses(emulator: &Emulator) -> Vec<Value> {
    let reply = call(emulator, "GET", STATUSES, true, "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["queue_statuses"].as_array().unwrap().clone()
}

pub fn queue<'a>(statuses: &'a [Value], name: &str) -> &'a Value {
    statuses.iter().find(|q| q["queue_name"] == name).unwrap()
}

pub fn emulator_agent(queue: &Value) -> &Value {
    queue["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["conversation_participant_arn"] == AGENT_ARN)
        .unwrap()
}

pub fn status_path(encoded_queue: &str) -> String {
    format!("{LIST}/queues/{encoded_queue}/status")
}

/// The uuid of the first listed conversation that is open and has at least `messages` messages.
pub fn conversation_with(emulator: &Emulator, messages: usize) -> String {
    emulator
        .conversation_uuids()
        .into_iter()
        .find(|uuid| {
            let c = emulator.conversation(uuid).unwrap();
            c["closed"] == false && c["messages"].as_array().unwrap().len() >= messages
        })
        .unwrap()
}
