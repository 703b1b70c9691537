//! Scale and machine output: paging that streams and never repeats, JSON parsed back into types,
//! `--jq`, and the JSON error shape.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Harness, run};
use serde::Deserialize;
use ucconv_emulator::{Fault, FaultRule, Options};

fn harness(conversations: usize, tweak: impl FnOnce(&mut Options)) -> Harness {
    let mut options = Options {
        conversations,
        ..Options::default()
    };
    tweak(&mut options);
    Harness::with(options)
}

fn uuids_of(tsv: &str) -> Vec<String> {
    tsv.lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

fn queries(h: &Harness) -> Vec<String> {
    h.requests()
        .iter()
        .map(|r| r.query.clone().unwrap_or_default())
        .collect()
}

#[test]
fn all_follows_next_offset_when_pages_end_early_and_total_is_unknown() {
    let h = harness(450, |o| {
        o.page_cap = Some(150);
        o.unknown_total = true;
    });
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--all"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(uuids_of(&stdout), h.emulator.conversation_uuids());
    assert_eq!(
        queries(&h),
        [
            "_limit=200",
            "_limit=200&_offset=150",
            "_limit=200&_offset=300"
        ]
    );
}

#[test]
fn a_limit_above_200_stops_at_exactly_the_limit_even_with_short_pages() {
    let h = harness(450, |o| o.page_cap = Some(150));
    let (code, stdout, _) = run(h.ucconv().args(["list", "--limit", "250"]));
    assert_eq!(code, 0);
    assert_eq!(uuids_of(&stdout), h.emulator.conversation_uuids()[..250]);
    assert_eq!(queries(&h), ["_limit=200", "_limit=100&_offset=150"]);
}

#[test]
fn conversations_pushed_across_a_page_boundary_print_once() {
    let h = harness(450, |_| {});
    let original = h.emulator.conversation_uuids();
    // Just before the second page, three customers write in: the list shifts down by three.
    h.emulator.inject(
        FaultRule::times(Fault::Shift(3), 1)
            .for_path("/conversations")
            .after(1),
    );
    let (code, stdout, _) = run(h.ucconv().args(["list", "--all"]));
    assert_eq!(code, 0);
    assert_eq!(uuids_of(&stdout), original, "each once, in order");
    assert_eq!(h.emulator.conversation_uuids().len(), 453);
}

#[test]
fn the_first_page_is_written_before_the_last_page_is_requested() {
    let h = harness(450, |_| {});
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    h.emulator.inject(
        FaultRule::times(Fault::Hold(gate.clone()), 1)
            .for_path("/conversations")
            .after(2),
    );
    let mut child = h
        .ucconv_std()
        .args(["list", "--all"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..400 {
        line.clear();
        stdout.read_line(&mut line).unwrap();
        assert!(line.ends_with('\n'), "a whole row");
    }
    // Two pages are out while the third request is still held by the server.
    common::wait_for_requests(&h, 3);
    assert_eq!(gate.available_permits(), 0);
    gate.add_permits(1);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(rest.lines().count(), 50);
}

#[derive(Debug, Deserialize)]
struct Participant {
    conversation_participant_arn: String,
    conversation_participant_name: String,
    status: String,
}

#[derive(Debug, Deserialize)]
struct Summary {
    conversation_uuid: String,
    last_message_dts: String,
    message_count: u32,
    unread_messages: bool,
    medium: String,
    participants: Vec<Participant>,
}

#[derive(Debug, Deserialize)]
struct Message {
    author_conversation_participant_name: String,
    body: String,
    media_urls: Vec<String>,
    message_epoch: i64,
}

#[derive(Debug, Deserialize)]
struct Conversation {
    conversation_uuid: String,
    messages: Vec<Message>,
    participants: Vec<Participant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Outcome {
    conversation_uuid: String,
    action: String,
    ok: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorBody {
    code: String,
    status: Option<u16>,
    message: String,
    hint: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorObject {
    error: ErrorBody,
}

#[test]
fn json_and_jsonl_parse_back_into_types() {
    let h = harness(250, |_| {});
    let (_, stdout, _) = run(h.ucconv().args(["list", "--all", "--json"]));
    let summaries: Vec<Summary> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summaries.len(), 250);
    assert!(
        summaries
            .iter()
            .all(|s| !s.participants.is_empty() && s.message_count > 0)
    );
    assert!(summaries[0].last_message_dts.ends_with("+00:00"));
    assert!(
        summaries.iter().any(|s| s.unread_messages) && summaries.iter().any(|s| s.medium == "sms")
    );

    let (_, stdout, _) = run(h.ucconv().args(["list", "--all", "-o", "jsonl"]));
    let lines: Vec<Summary> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines
            .iter()
            .map(|s| &s.conversation_uuid)
            .collect::<Vec<_>>(),
        summaries
            .iter()
            .map(|s| &s.conversation_uuid)
            .collect::<Vec<_>>()
    );

    let uuid = h.newest_uuid();
    let (_, stdout, _) = run(h.ucconv().args(["get", &uuid, "--json"]));
    let conversation: Conversation = serde_json::from_str(&stdout).unwrap();
    assert_eq!(conversation.conversation_uuid, uuid);
    assert!(
        conversation
            .messages
            .iter()
            .all(|m| m.message_epoch > 0 && !m.body.is_empty())
    );
    assert!(
        !conversation.messages[0]
            .author_conversation_participant_name
            .is_empty()
    );
    let _ = conversation
        .messages
        .iter()
        .map(|m| m.media_urls.len())
        .sum::<usize>();
    assert!(
        conversation
            .participants
            .iter()
            .all(|p| p.status == "joined")
    );
    assert!(
        conversation.participants[0]
            .conversation_participant_arn
            .contains(":customer:")
    );
    assert!(
        !conversation.participants[0]
            .conversation_participant_name
            .is_empty()
    );

    let (_, stdout, _) = run(h.ucconv().args(["join", &uuid, "--json"]));
    let outcome: Outcome = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (
            outcome.conversation_uuid.as_str(),
            outcome.action.as_str(),
            outcome.ok
        ),
        (uuid.as_str(), "join", true)
    );

    let (code, _, stderr) = run(h.ucconv().args(["get", "nope", "-o", "jsonl"]));
    assert_eq!(code, 4);
    let error: ErrorObject = serde_json::from_str(&stderr).unwrap();
    assert_eq!(
        (error.error.code.as_str(), error.error.status),
        ("not_found", Some(404))
    );
    assert!(error.error.message.contains("nope") && error.error.hint.is_some());
}

#[test]
fn jq_filters_every_json_output() {
    let h = harness(450, |_| {});
    let (code, stdout, _) = run(h.ucconv().args(["list", "--all", "--jq", "length"]));
    assert_eq!((code, stdout.as_str()), (0, "450\n"));

    let (_, stdout, _) =
        run(h
            .ucconv()
            .args(["list", "--limit", "3", "--jq", ".[].conversation_uuid"]));
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        h.emulator.conversation_uuids()[..3]
    );

    let uuid = h.newest_uuid();
    let (_, stdout, _) = run(h.ucconv().args(["get", &uuid, "--jq", ".medium"]));
    assert_eq!(stdout, "sms\n", "strings print raw");
    let (_, stdout, _) = run(h
        .ucconv()
        .args(["get", &uuid, "--jq", "{n: (.messages | length)}"]));
    assert_eq!(stdout, "{\"n\":3}\n");
    let (_, stdout, _) = run(h
        .ucconv()
        .args(["auth", "--jq", ".jwt | split(\".\") | length"]));
    assert_eq!(stdout, "3\n");
    let (_, stdout, _) = run(h.ucconv().args(["join", &uuid, "--jq", ".ok"]));
    assert_eq!(stdout, "true\n");

    let (_, stdout, _) = run(h
        .ucconv()
        .args(["list", "--limit", "2", "-o", "jsonl", "--jq", ".medium"]));
    assert_eq!(stdout, "sms\nsms\n", "JSONL: the filter runs on each line");
}

#[test]
fn a_bad_jq_filter_is_a_usage_error_before_any_request() {
    let h = harness(5, |_| {});
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--jq", ".[] |"]));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    let error: ErrorObject = serde_json::from_str(&stderr).unwrap();
    assert_eq!(error.error.code, "usage");
    assert!(
        error.error.message.starts_with("invalid --jq filter"),
        "{}",
        error.error.message
    );
    assert!(h.requests().is_empty());

    let (code, _, stderr) = run(h.ucconv().args(["list", "-o", "tsv", "--jq", "."]));
    assert_eq!(code, 2, "{stderr}");

    let (code, _, stderr) = run(h.ucconv().args(["list", "--jq", ".[0].medium.nope[]"]));
    assert_eq!(code, 1);
    let error: ErrorObject = serde_json::from_str(&stderr).unwrap();
    assert_eq!(error.error.code, "jq");
}

#[test]
fn all_with_json_prints_every_conversation_of_a_large_inbox() {
    let h = harness(2000, |_| {});
    let started = Instant::now();
    let (code, stdout, _) = run(h.ucconv().args(["list", "--all", "--json"]));
    assert_eq!(code, 0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(items.len(), 2000);
    assert_eq!(h.requests().len(), 10, "200 a request");
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_server_that_pretty_prints_still_gives_one_json_object_a_line() {
    let h = harness(5, |_| {});
    // Written out by hand: a json! literal would already have turned 1.50 into 1.5.
    let body = "{\n  \"conversations\": [\n    {\n      \"conversation_uuid\": \"a\",\n      \"n\": 1.50\n    },\n    {\"conversation_uuid\": \"b\"}\n  ],\n  \"success\": true\n}\n";
    h.emulator.inject(FaultRule::times(
        Fault::raw(200, "application/json", body),
        1,
    ));
    let (code, stdout, _) = run(h.ucconv().args(["list", "-o", "jsonl"]));
    assert_eq!(code, 0);
    assert_eq!(
        stdout, "{\"conversation_uuid\":\"a\",\"n\":1.50}\n{\"conversation_uuid\": \"b\"}\n",
        "a multi-line object is re-encoded on one line; a one-line object is copied as it came"
    );
}
