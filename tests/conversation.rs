//! `get`, `join`, `leave` and `start` end to end, in both API shapes, checking the server's state too.

mod common;

use common::{Harness, assert_no_body, assert_wire_headers, parse_json, run};
use serde_json::{Value, json};
use ucconv_emulator::{AGENT_ARN, Shape};

const SHAPES: [Shape; 2] = [Shape::Original, Shape::Current];

#[test]
fn get_sends_the_wire_request_and_returns_the_bare_conversation_in_both_shapes() {
    for shape in SHAPES {
        let h = Harness::shape(shape);
        let uuid = h.newest_uuid();
        let (code, stdout, stderr) = run(h.ucconv().args(["get", &uuid, "--json"]));
        assert_eq!(code, 0, "{shape:?}: {stderr}");
        let request = h.only_request();
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.path,
            format!("/rest/v2/conversation/conversations/{uuid}")
        );
        assert_eq!(request.query, None, "no limit unless --messages");
        assert_wire_headers(&request);
        assert_no_body(&request);

        let conversation = parse_json(&stdout);
        assert_eq!(
            conversation["conversation_uuid"],
            Value::from(uuid.clone()),
            "{shape:?}"
        );
        assert!(
            conversation.get("success").is_none(),
            "envelope removed: {shape:?}"
        );
        assert!(
            conversation["messages"]
                .as_array()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[test]
fn get_messages_sends_limit_and_the_transcript_shows_them() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let full = h.emulator.conversation(&uuid).unwrap();
    let newest = full["messages"].as_array().unwrap().last().unwrap().clone();

    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .args(["get", &uuid, "--messages", "1", "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(h.only_request().query.as_deref(), Some("limit=1"));
    assert!(
        stdout.starts_with(&format!("Conversation  {uuid}\n")),
        "{stdout}"
    );
    assert!(stdout.contains("\nParticipants\nNAME"), "{stdout}");
    assert!(stdout.contains("\nTranscript\n"), "{stdout}");
    let body = newest["body"].as_str().unwrap();
    let first_words: String = body
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        stdout.contains(&first_words),
        "newest message in transcript: {stdout}"
    );
    let author = newest["author_conversation_participant_name"]
        .as_str()
        .unwrap();
    assert!(stdout.contains(author), "{stdout}");
}

#[test]
fn get_tsv_is_one_line_per_message() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let expected = h.emulator.conversation(&uuid).unwrap()["messages"]
        .as_array()
        .unwrap()
        .len();
    let (code, stdout, _) = run(h.ucconv().args(["get", &uuid]));
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), expected);
    assert!(stdout.lines().all(|l| l.split('\t').count() == 5));
}

#[test]
fn uuids_are_one_percent_encoded_path_segment() {
    let h = Harness::new();
    for (uuid, encoded) in [
        ("a/b", "a%2Fb"),
        ("x?y=1", "x%3Fy%3D1"),
        ("sp ace", "sp%20ace"),
        ("ünï", "%C3%BCn%C3%AF"),
        ("..%2F", "..%252F"),
    ] {
        h.emulator.clear_requests();
        let (code, _, stderr) = run(h.ucconv().args(["get", uuid]));
        assert_eq!(code, 4, "{uuid}: {stderr}");
        // Six characters or more are looked up as a prefix first; the id is sent all the same.
        let request = h.requests().pop().unwrap();
        assert_eq!(
            request.path,
            format!("/rest/v2/conversation/conversations/{encoded}")
        );
        assert_eq!(request.query, None);
    }
    for dots in [".", ".."] {
        let (code, _, stderr) = run(h.ucconv().args(["get", dots]));
        assert_eq!(code, 2, "{stderr}");
    }
}

#[test]
fn missing_uuid_off_a_terminal_names_the_argument() {
    let h = Harness::new();
    for command in ["get", "join", "leave"] {
        let (code, stdout, stderr) = run(h.ucconv().arg(command));
        assert_eq!(code, 2, "{command}");
        assert_eq!(stdout, "");
        assert!(stderr.contains("UUID"), "{stderr}");
    }
    assert!(h.requests().is_empty());
}

fn agent(h: &Harness, uuid: &str) -> Option<Value> {
    h.emulator.conversation(uuid).unwrap()["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["conversation_participant_arn"] == AGENT_ARN)
        .cloned()
}

#[test]
fn join_then_leave_changes_the_servers_state_in_both_shapes() {
    for shape in SHAPES {
        let h = Harness::shape(shape);
        let uuid = h.newest_uuid();
        assert!(agent(&h, &uuid).is_none());

        let (code, stdout, stderr) = run(h.ucconv().args(["join", &uuid, "-o", "table"]));
        assert_eq!(code, 0, "{shape:?}: {stderr}");
        let short = &uuid[..8];
        assert_eq!(
            stdout,
            format!("✓ Joined conversation {short}. Next: ucconv get {short}\n")
        );
        let request = h.only_request();
        assert_eq!(request.method, "PUT");
        assert_eq!(
            request.path,
            format!("/rest/v2/conversation/conversations/{uuid}/join")
        );
        assert_wire_headers(&request);
        assert_no_body(&request);
        assert_eq!(agent(&h, &uuid).unwrap()["status"], "joined");

        h.emulator.clear_requests();
        let (code, stdout, stderr) = run(h.ucconv().args(["leave", &uuid, "--yes", "--json"]));
        assert_eq!(code, 0, "{shape:?}: {stderr}");
        assert_eq!(
            parse_json(&stdout),
            json!({"conversation_uuid": uuid, "action": "leave", "ok": true})
        );
        let request = h.only_request();
        assert_eq!(request.method, "DELETE");
        assert_eq!(
            request.path,
            format!("/rest/v2/conversation/conversations/{uuid}/leave")
        );
        assert_wire_headers(&request);
        assert_no_body(&request);
        assert!(agent(&h, &uuid).unwrap()["left_dts"].is_string());
    }
}

#[test]
fn join_with_a_language_sends_the_join_request_body() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let (code, stdout, _) = run(h.ucconv().args(["join", &uuid, "--language", "es"]));
    assert_eq!(code, 0);
    assert_eq!(stdout, format!("{uuid}\tjoin\n"));
    let request = h.only_request();
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.body_json(),
        Some(json!({"participant_language_iso_code": "es"}))
    );
    assert_eq!(agent(&h, &uuid).unwrap()["language_iso_code"], "es");
}

#[test]
fn leave_off_a_terminal_needs_yes() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let (code, stdout, stderr) = run(h.ucconv().args(["leave", &uuid]));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("--yes"), "{stderr}");
    assert!(h.requests().is_empty(), "nothing sent before confirming");
}

#[test]
fn leave_when_not_a_participant_reports_the_servers_message() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let (code, _, stderr) = run(h.ucconv().args(["leave", &uuid, "--yes"]));
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: You are not a participant in this conversation. (HTTP 400)\n"
    );
}

#[test]
fn start_sends_the_start_request_and_prints_only_the_uuid() {
    for shape in SHAPES {
        let h = Harness::shape(shape);
        let (code, stdout, stderr) = run(h.ucconv().args([
            "start",
            "--participant",
            "arn:ultracart:conversation:DEMO:participant:customer:1",
            "--participant",
            "arn:ultracart:conversation:DEMO:participant:customer:2",
            "--conversation-arn",
            "arn:ultracart:conversation:DEMO:conversation:custom",
        ]));
        assert_eq!(code, 0, "{shape:?}: {stderr}");
        let request = h.only_request();
        assert_eq!(request.method, "PUT");
        assert_eq!(request.path, "/rest/v2/conversation/conversations");
        assert_wire_headers(&request);
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(
            request.body_json(),
            Some(json!({
                "add_conversation_participant_arns": [
                    "arn:ultracart:conversation:DEMO:participant:customer:1",
                    "arn:ultracart:conversation:DEMO:participant:customer:2"
                ],
                "conversation_arn": "arn:ultracart:conversation:DEMO:conversation:custom"
            })),
            "no nulls, no queue when not given"
        );
        // The new conversation is the newest, and its uuid is all that stdout holds.
        assert_eq!(stdout, format!("{}\n", h.newest_uuid()));
    }
}

#[test]
fn start_json_is_the_unwrapped_object_and_queue_is_sent() {
    for shape in SHAPES {
        let h = Harness::shape(shape);
        // The emulator takes the queue uuid as a waiting customer's entry, as `take` does.
        let entry = h.emulator.queue_entries()[0]["conversation_webchat_queue_uuid"]
            .as_str()
            .unwrap()
            .to_string();
        let (code, stdout, stderr) = run(h.ucconv().args([
            "start",
            "--participant",
            "arn:p:1",
            "--queue",
            &entry,
            "--json",
        ]));
        assert_eq!(code, 0, "{stderr}");
        let started = parse_json(&stdout);
        assert_eq!(started["conversation_uuid"], Value::from(h.newest_uuid()));
        assert!(started["conversation_arn"].is_string());
        assert_eq!(
            h.only_request().body_json().unwrap()["conversation_webchat_queue_uuid"],
            entry.as_str()
        );
    }
}

#[test]
fn start_without_participants_is_a_usage_error() {
    let h = Harness::new();
    let (code, _, stderr) = run(h.ucconv().arg("start"));
    assert_eq!(code, 2);
    assert!(stderr.contains("--participant"), "{stderr}");
    assert!(h.requests().is_empty());
}

#[test]
fn get_messages_n_says_how_many_earlier_messages_are_hidden() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[3].clone();
    let total = h.emulator.conversation(&uuid).unwrap()["messages"]
        .as_array()
        .unwrap()
        .len();
    assert!(total > 2, "the seed has a longer conversation here");
    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .args(["get", &uuid, "--messages", "2", "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    let hidden = total - 2;
    assert!(
        stdout.contains(&format!(
            "({hidden} earlier messages not shown: `ucconv get {}` shows them all)",
            &uuid[..8]
        )),
        "{stdout}"
    );
    let (_, all, _) = run(h.ucconv().args(["get", &uuid, "-o", "table"]));
    assert!(!all.contains("earlier message"), "{all}");
}
