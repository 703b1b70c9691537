//! The agent's live loop against the emulator: queue, status, take, messages, follow, mark-read.
//! Each asserts the exact request the emulator received and the output in each format.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Harness, parse_json, run};
use ucconv_emulator::{AGENT_ARN, Fault, FaultRule};

fn only(h: &Harness, method: &str) -> ucconv_emulator::RecordedRequest {
    let mut matching: Vec<_> = h
        .requests()
        .into_iter()
        .filter(|r| r.method == method)
        .collect();
    assert_eq!(matching.len(), 1, "one {method}: {matching:#?}");
    matching.remove(0)
}

#[test]
fn queue_lists_the_board_waiting_customers_and_agents() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["queue", "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("QUEUE"), "{stdout}");
    assert!(
        stdout.contains("Support") && stdout.contains("Sales Team"),
        "{stdout}"
    );
    let request = h.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path,
        "/rest/v2/conversation/conversations/queues/statuses"
    );
    common::assert_wire_headers(&request);
    common::assert_no_body(&request);

    let (_, json, _) = run(h.ucconv().args(["queue", "--json"]));
    let board = parse_json(&json);
    assert_eq!(board.as_array().unwrap().len(), 2);
    assert!(
        board[0]["queue_entries"].is_array(),
        "the API's objects, whole"
    );

    let (_, waiting, _) = run(h.ucconv().args(["queue", "--waiting", "--json"]));
    let waiting = parse_json(&waiting);
    let entries = waiting.as_array().unwrap();
    assert!(!entries.is_empty());
    for entry in entries {
        assert!(
            entry["queue_name"].is_string() && entry["conversation_webchat_queue_uuid"].is_string()
        );
    }
    let (_, agents, _) = run(h.ucconv().args(["queue", "--agents", "-o", "jsonl"]));
    let agents: Vec<_> = agents.lines().map(parse_json).collect();
    assert!(
        agents.iter().all(|a| a["queue_name"].is_string()),
        "each agent names its queue"
    );
    assert!(
        agents
            .iter()
            .any(|a| a["conversation_participant_arn"] == AGENT_ARN)
    );
    let (_, tsv, _) = run(h.ucconv().args(["queue", "--waiting"]));
    assert_eq!(tsv.lines().count(), entries.len());
    assert_eq!(tsv.lines().next().unwrap().split('\t').count(), 6);
}

#[test]
fn status_sets_each_named_queue_and_queue_agents_shows_it() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args([
        "status",
        "busy",
        "--queue",
        "Sales Team",
        "--custom-status",
        "cs-1",
        "--custom-status-name",
        "Lunch",
        "-o",
        "table",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("busy in Sales Team"), "{stdout}");
    let put = only(&h, "PUT");
    assert_eq!(
        put.path,
        "/rest/v2/conversation/conversations/queues/Sales%20Team/status"
    );
    assert_eq!(put.header("content-type"), Some("application/json"));
    assert_eq!(
        put.body_json().unwrap(),
        serde_json::json!({"agent_status": "busy", "custom_status_uuid": "cs-1", "custom_status_name": "Lunch"})
    );
    assert_eq!(
        h.emulator.agent_status("Sales Team").as_deref(),
        Some("busy")
    );

    let (_, shown, _) = run(h.ucconv().args(["status", "-o", "table"]));
    assert!(
        shown.contains("Sales Team") && shown.contains("busy (Lunch)"),
        "{shown}"
    );

    h.emulator.clear_requests();
    let (code, _, stderr) = run(h
        .ucconv()
        .args(["status", "available", "--all-queues", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let puts: Vec<_> = h
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert_eq!(puts.len(), 2, "every queue");
    for put in &puts {
        assert_eq!(
            put.body_json().unwrap(),
            serde_json::json!({"agent_status": "available"})
        );
    }
    assert_eq!(
        h.emulator.agent_status("Support").as_deref(),
        Some("available")
    );
}

#[test]
fn status_needs_a_queue_and_the_custom_status_as_a_pair() {
    let h = Harness::new();
    for args in [
        &["status", "busy"][..],
        &[
            "status",
            "busy",
            "--queue",
            "Support",
            "--custom-status",
            "x",
        ],
        &["status", "sleeping", "--queue", "Support"],
    ] {
        let (code, _, stderr) = run(h.ucconv().args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
    assert!(
        h.requests().iter().all(|r| r.method == "GET"),
        "nothing set"
    );
}

#[test]
fn take_turns_a_waiting_customer_into_the_newest_conversation() {
    let h = Harness::new();
    let (_, waiting, _) = run(h.ucconv().args(["queue", "--waiting", "--json"]));
    let entry = parse_json(&waiting)[0].clone();
    let entry_uuid = entry["conversation_webchat_queue_uuid"]
        .as_str()
        .unwrap()
        .to_string();
    h.emulator.clear_requests();
    let (code, stdout, stderr) = run(h.ucconv().args(["take", &entry_uuid[..8], "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    let put = only(&h, "PUT");
    assert_eq!(put.path, "/rest/v2/conversation/conversations");
    assert_eq!(
        put.body_json().unwrap(),
        serde_json::json!({
            "add_conversation_participant_arns": [entry["conversation_participant_arn"]],
            "conversation_webchat_queue_uuid": entry_uuid
        })
    );
    let uuid = stdout.trim();
    assert_eq!(stdout.lines().count(), 1, "the uuid alone: {stdout}");
    assert_eq!(h.newest_uuid(), uuid, "listed first");
    let (_, after, _) = run(h.ucconv().args(["queue", "--waiting", "--json"]));
    assert!(!after.contains(&entry_uuid), "no longer waiting");
}

#[test]
fn take_off_a_terminal_names_the_argument() {
    let h = Harness::new();
    let (code, _, stderr) = run(h.ucconv().arg("take"));
    assert_eq!(code, 2);
    assert!(stderr.contains("ucconv take <ENTRY>"), "{stderr}");
}

#[test]
fn messages_since_sends_epoch_milliseconds_and_prints_every_format() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[3].clone();
    let (code, stdout, stderr) = run(h.ucconv().args([
        "messages",
        &uuid,
        "--since",
        "2026-11-25T10:00:00Z",
        "--limit",
        "5",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let request = h.only_request();
    assert_eq!(
        request.path,
        format!("/rest/v2/conversation/conversations/{uuid}/messages/1795600800000")
    );
    assert_eq!(request.query.as_deref(), Some("limit=5"));
    let messages = parse_json(&stdout);
    assert!(
        messages
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["message_epoch"].as_i64().unwrap() >= 1_795_600_800_000)
    );

    h.emulator.clear_requests();
    let (_, all, _) = run(h.ucconv().args(["messages", &uuid, "-o", "tsv"]));
    assert_eq!(
        h.only_request().path,
        format!("/rest/v2/conversation/conversations/{uuid}/messages/0")
    );
    let full = h.emulator.conversation(&uuid).unwrap();
    assert_eq!(
        all.lines().count(),
        full["messages"].as_array().unwrap().len()
    );
    let (_, table, _) = run(h
        .ucconv()
        .args(["messages", &uuid, "--since", "15m", "-o", "table"]));
    assert!(!table.is_empty());
    let (code, _, stderr) = run(h.ucconv().args(["messages", &uuid, "--since", "yesterday"]));
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn mark_read_clears_unread_and_get_can_do_it_too() {
    let h = Harness::new();
    let uuids = h.emulator.conversation_uuids();
    let unread: Vec<String> = uuids
        .iter()
        .filter(|u| h.emulator.conversation(u).unwrap()["unread_messages"] == true)
        .take(2)
        .cloned()
        .collect();
    assert_eq!(unread.len(), 2, "the seed has unread conversations");
    let (code, stdout, stderr) = run(h.ucconv().args(["mark-read", &unread[0], "--json"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(parse_json(&stdout)["action"], "mark-read");
    let put = only(&h, "PUT");
    assert_eq!(
        put.path,
        format!("/rest/v2/conversation/conversations/{}/markread", unread[0])
    );
    common::assert_no_body(&put);
    assert_eq!(
        h.emulator.conversation(&unread[0]).unwrap()["unread_messages"],
        false
    );

    let (code, _, stderr) = run(h.ucconv().args(["get", &unread[1], "--mark-read"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        h.emulator.conversation(&unread[1]).unwrap()["unread_messages"],
        false
    );
}

/// Starts `ucconv follow …` with stdout piped; returns the child and a reader of its lines.
fn spawn_follow(
    h: &Harness,
    args: &[&str],
) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut child = h
        .ucconv_std()
        .arg("follow")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                return;
            }
        }
    });
    (child, lines)
}

fn next_line(lines: &std::sync::mpsc::Receiver<String>) -> serde_json::Value {
    let line = lines
        .recv_timeout(Duration::from_secs(10))
        .expect("an event line");
    parse_json(&line)
}

#[test]
fn follow_prints_the_tail_then_each_injected_message_exactly_once() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[3].clone();
    let total = h.emulator.conversation(&uuid).unwrap()["messages"]
        .as_array()
        .unwrap()
        .len();
    let (mut child, lines) = spawn_follow(
        &h,
        &[
            &uuid,
            "--interval",
            "1",
            "--tail",
            "2",
            "-o",
            "jsonl",
            "--count",
            "4",
        ],
    );
    let tail = [next_line(&lines), next_line(&lines)];
    assert!(
        tail.iter()
            .all(|e| e["event"] == "message" && e["conversation_uuid"] == uuid.as_str())
    );
    assert!(total >= 2);
    let first = h
        .emulator
        .add_message(&uuid, "Are you still there?")
        .unwrap();
    let second = h.emulator.add_message(&uuid, "Hello?").unwrap();
    let started = Instant::now();
    let events = [next_line(&lines), next_line(&lines)];
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "within an interval or two"
    );
    assert_eq!(events[0]["conversation_message_uuid"], first.as_str());
    assert_eq!(events[1]["conversation_message_uuid"], second.as_str());
    assert_eq!(events[1]["body"], "Hello?");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "--count ends it");
    assert!(
        lines.recv_timeout(Duration::from_millis(200)).is_err(),
        "nothing printed twice"
    );
    let messages: Vec<_> = h
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/messages/"))
        .collect();
    assert!(messages.len() >= 2, "polled with messages/{{since}}");
}

#[test]
fn follow_with_a_cursor_file_resumes_without_repeats_or_gaps() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[3].clone();
    let cursor = h.home.path().join("cursor.json");
    let cursor_arg = cursor.to_str().unwrap();
    let (mut child, lines) = spawn_follow(
        &h,
        &[
            &uuid,
            "--interval",
            "1",
            "--tail",
            "1",
            "-o",
            "jsonl",
            "--count",
            "2",
            "--cursor-file",
            cursor_arg,
        ],
    );
    let _tail = next_line(&lines);
    let a = h.emulator.add_message(&uuid, "first").unwrap();
    assert_eq!(next_line(&lines)["conversation_message_uuid"], a.as_str());
    assert_eq!(child.wait().unwrap().code(), Some(0));
    // While no follow runs, two more arrive; the restarted one shows exactly those.
    let b = h.emulator.add_message(&uuid, "second").unwrap();
    let c = h.emulator.add_message(&uuid, "third").unwrap();
    let (mut child, lines) = spawn_follow(
        &h,
        &[
            &uuid,
            "--interval",
            "1",
            "-o",
            "jsonl",
            "--count",
            "2",
            "--cursor-file",
            cursor_arg,
        ],
    );
    assert_eq!(next_line(&lines)["conversation_message_uuid"], b.as_str());
    assert_eq!(next_line(&lines)["conversation_message_uuid"], c.as_str());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn follow_all_reports_changed_conversations_and_new_waiting_customers() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[5].clone();
    let (mut child, lines) = spawn_follow(&h, &["--interval", "1", "-o", "jsonl", "--count", "2"]);
    // The first poll (a list and the queues) only learns what is there: change things once it
    // has been answered, which the second poll's first request shows.
    common::wait_for_requests(&h, 3);
    h.emulator.add_message(&uuid, "anyone?").unwrap();
    let entry = h
        .emulator
        .add_waiting("Support", "Zoe Zed", "Do you ship to Mars?")
        .unwrap();
    let mut events = [next_line(&lines), next_line(&lines)];
    events.sort_by_key(|e| e["event"].as_str().unwrap().to_string());
    assert_eq!(events[0]["event"], "conversation");
    assert_eq!(events[0]["conversation_uuid"], uuid.as_str());
    assert_eq!(events[1]["event"], "queue_waiting");
    assert_eq!(events[1]["conversation_webchat_queue_uuid"], entry.as_str());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn follow_backs_off_on_429_and_stops_at_timeout_total() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    h.emulator.inject(
        FaultRule::times(
            Fault::error(429, "Slow down.").with_header("Retry-After", "1"),
            1,
        )
        .for_path("/messages/")
        .after(1),
    );
    let started = Instant::now();
    let (code, _, stderr) = run(h.ucconv().args([
        "follow",
        &uuid,
        "--interval",
        "1",
        "--timeout-total",
        "3",
        "-o",
        "jsonl",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(6));
    assert!(
        stderr.contains("rate limited"),
        "the wait was said: {stderr}"
    );
}

#[test]
fn follow_exits_130_on_ctrl_c() {
    let h = Harness::new();
    let (mut child, _lines) = spawn_follow(&h, &["--interval", "1"]);
    common::wait_for_requests(&h, 2);
    common::interrupt(&child);
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(130));
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(2), "still running");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn follow_exec_runs_once_per_event_and_its_failure_is_not_fatal() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[3].clone();
    let file = h.home.path().join("events.jsonl");
    let script = format!("sh -c 'cat >> {}; exit 3'", file.display());
    let (code, _, stderr) = run(h.ucconv().args([
        "follow", &uuid, "--tail", "2", "--count", "2", "--exec", &script, "-o", "jsonl",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), 2, "{written}");
    assert!(written.lines().all(|l| parse_json(l)["event"] == "message"));
    assert_eq!(
        stderr.matches("failed").count(),
        1,
        "reported (once, as a warning): {stderr}"
    );
}

#[test]
fn follow_reports_a_participant_who_joins_and_leaves() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[3].clone();
    let (mut child, lines) = spawn_follow(
        &h,
        &[
            &uuid,
            "--interval",
            "1",
            "--tail",
            "1",
            "-o",
            "jsonl",
            "--count",
            "3",
        ],
    );
    let _tail = next_line(&lines);
    common::wait_for_requests(&h, 2);
    let (code, _, stderr) = run(h.ucconv().args(["join", &uuid]));
    assert_eq!(code, 0, "{stderr}");
    let joined = next_line(&lines);
    assert_eq!(joined["event"], "participant_joined");
    assert_eq!(joined["conversation_participant_arn"], AGENT_ARN);
    let (code, _, stderr) = run(h.ucconv().args(["leave", &uuid, "--yes"]));
    assert_eq!(code, 0, "{stderr}");
    let left = next_line(&lines);
    assert_eq!(left["event"], "participant_left");
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn take_of_an_entry_nobody_has_is_not_found() {
    let h = Harness::new();
    let (code, _, stderr) = run(h.ucconv().args(["take", "00000000"]));
    assert_eq!(code, 4, "{stderr}");
    assert!(
        h.requests().iter().all(|r| r.method == "GET"),
        "nothing started"
    );
}

#[test]
fn a_queue_that_does_not_exist_points_at_ucconv_queue() {
    let h = Harness::new();
    let (code, _, stderr) = run(h
        .ucconv()
        .args(["status", "busy", "--queue", "NoSuchQueue"]));
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains("`ucconv queue` lists the queues"),
        "{stderr}"
    );
}
