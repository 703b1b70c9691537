//! The emulator's own contract: auth checks, paging metadata, shapes, state, faults and recording.

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;
use ucconv_emulator::{API_VERSION, DEFAULT_KEY, Emulator, Fault, FaultRule, Options, Shape};

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 exchange over a fresh connection; `auth` adds the key and version headers.
fn call(emulator: &Emulator, method: &str, target: &str, auth: bool, body: &str) -> Reply {
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

const LIST: &str = "/rest/v2/conversation/conversations";

fn start(options: Options) -> Emulator {
    Emulator::start(options).unwrap()
}

#[test]
fn credentials_and_version_header_are_required() {
    let emulator = start(Options::default());
    let reply = call(&emulator, "GET", LIST, false, "");
    assert_eq!(reply.status, 401);
    assert!(
        reply
            .head
            .contains("uc-rest-error: missing or invalid credentials")
    );
    assert_eq!(reply.json()["success"], false);

    let mut stream = TcpStream::connect(emulator.addr()).unwrap();
    write!(
        stream,
        "GET {LIST} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nx-ultracart-simple-key: {DEFAULT_KEY}\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 400"), "{raw}");
    assert!(raw.contains("X-UltraCart-Api-Version"), "{raw}");
}

#[test]
fn pages_carry_result_set_metadata() {
    let emulator = start(Options {
        conversations: 250,
        ..Options::default()
    });
    let first = call(&emulator, "GET", &format!("{LIST}?_limit=200"), true, "").json();
    let set = &first["metadata"]["result_set"];
    assert_eq!(first["conversations"].as_array().unwrap().len(), 200);
    assert_eq!(
        (set["more"].clone(), set["next_offset"].clone()),
        (Value::Bool(true), Value::from(200))
    );
    assert_eq!(set["total_records"], 250);

    let last = call(
        &emulator,
        "GET",
        &format!("{LIST}?_limit=200&_offset=200"),
        true,
        "",
    )
    .json();
    assert_eq!(last["conversations"].as_array().unwrap().len(), 50);
    assert_eq!(last["metadata"]["result_set"]["more"], false);
    assert_eq!(last["metadata"]["result_set"]["next_offset"], Value::Null);

    for bad in ["_limit=201", "_limit=0", "_limit=x", "_offset=-1"] {
        assert_eq!(
            call(&emulator, "GET", &format!("{LIST}?{bad}"), true, "").status,
            400,
            "{bad}"
        );
    }
}

#[test]
fn shapes_differ_as_the_api_generations_do() {
    let original = start(Options {
        shape: Shape::Original,
        ..Options::default()
    });
    let current = start(Options::default());
    let uuid = original.conversation_uuids()[0].clone();
    assert_eq!(
        uuid,
        current.conversation_uuids()[0],
        "same seed, same data"
    );

    let bare = call(&original, "GET", &format!("{LIST}/{uuid}"), true, "").json();
    assert_eq!(bare["conversation_uuid"], Value::from(uuid.clone()));
    assert!(bare.get("medium").is_none());
    let wrapped = call(&current, "GET", &format!("{LIST}/{uuid}?limit=1"), true, "").json();
    assert_eq!(wrapped["success"], true);
    assert_eq!(
        wrapped["conversation"]["messages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let flat = call(
        &original,
        "PUT",
        "/rest/v2/conversation/agent/auth",
        true,
        "",
    )
    .json();
    assert!(flat["jwt"].is_string());
    let nested = call(
        &current,
        "PUT",
        "/rest/v2/conversation/agent/auth",
        true,
        "",
    )
    .json();
    assert!(nested["agent_auth"]["jwt"].is_string());
}

#[test]
fn join_leave_and_start_change_state() {
    let emulator = start(Options::default());
    let uuid = emulator.conversation_uuids()[3].clone();
    let status =
        |method: &str, path: String, body: &str| call(&emulator, method, &path, true, body).status;
    assert_eq!(
        status("DELETE", format!("{LIST}/{uuid}/leave"), ""),
        400,
        "not joined yet"
    );
    assert_eq!(status("PUT", format!("{LIST}/{uuid}/join"), ""), 200);
    assert_eq!(status("DELETE", format!("{LIST}/{uuid}/leave"), ""), 200);
    assert_eq!(status("PUT", format!("{LIST}/nope/join"), ""), 404);
    assert_eq!(status("PUT", format!("{LIST}/{uuid}/join"), "{bad"), 400);

    let started = call(
        &emulator,
        "PUT",
        LIST,
        true,
        r#"{"add_conversation_participant_arns":["arn:x"]}"#,
    )
    .json();
    let new_uuid = started["conversation"]["conversation_uuid"]
        .as_str()
        .unwrap();
    assert_eq!(emulator.conversation_uuids()[0], new_uuid, "listed first");
    assert_eq!(call(&emulator, "PUT", LIST, true, "{}").status, 400);
}

#[test]
fn faults_apply_to_matching_requests_for_their_count() {
    let emulator = start(Options::default());
    emulator.inject(
        FaultRule::times(Fault::error(503, "busy"), 2)
            .for_method("GET")
            .for_path("/conversations"),
    );
    assert_eq!(
        call(
            &emulator,
            "PUT",
            "/rest/v2/conversation/agent/auth",
            true,
            ""
        )
        .status,
        200
    );
    assert_eq!(call(&emulator, "GET", LIST, true, "").status, 503);
    let second = call(&emulator, "GET", LIST, false, "");
    assert_eq!(
        second.status, 503,
        "faults come before the credential check"
    );
    assert!(second.head.contains("uc-rest-error: busy"));
    assert_eq!(
        call(&emulator, "GET", LIST, true, "").status,
        200,
        "used up"
    );

    emulator.inject(FaultRule::always(Fault::html(502)));
    let page = call(&emulator, "GET", LIST, true, "");
    assert_eq!(page.status, 502);
    assert!(page.body.contains("<html>"));
    emulator.clear_faults();
    assert_eq!(call(&emulator, "GET", LIST, true, "").status, 200);
}

#[test]
fn requests_are_recorded_raw() {
    let emulator = start(Options::default());
    call(
        &emulator,
        "GET",
        &format!("{LIST}/a%2Fb?limit=2&x=y+z"),
        true,
        "",
    );
    let request = &emulator.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, format!("{LIST}/a%2Fb"));
    assert_eq!(request.query.as_deref(), Some("limit=2&x=y+z"));
    assert_eq!(
        request.query_pairs(),
        [
            ("limit".to_string(), "2".to_string()),
            ("x".into(), "y z".into())
        ]
    );
    assert_eq!(request.header("X-UltraCart-Api-Version"), Some(API_VERSION));
}

#[test]
fn seeds_are_deterministic() {
    let a = start(Options::default());
    let b = start(Options::default());
    let c = start(Options {
        seed: 7,
        ..Options::default()
    });
    assert_eq!(a.conversation_uuids(), b.conversation_uuids());
    assert_ne!(a.conversation_uuids(), c.conversation_uuids());
}
