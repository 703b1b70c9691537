//! `--dry-run` on every command that writes: it prints the exact request, sends no write, and the
//! real run then sends just what it printed.

mod common;

use common::{Harness, parse_json, run};
use serde_json::{Value, json};
use ucconv_emulator::{DEFAULT_KEY, RecordedRequest};

/// Runs `args` with `--dry-run`, then for real, and checks that the request the real run sent
/// is the one the dry run printed. Returns the printed requests.
fn dry_then_real(h: &Harness, args: &[&str]) -> Vec<Value> {
    h.emulator.clear_requests();
    let (code, stdout, stderr) = run(h.ucconv().args(args).arg("--dry-run"));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    assert_eq!(stderr, "", "{args:?}");
    assert!(!stdout.contains(DEFAULT_KEY), "the key never prints");
    let planned: Vec<Value> = stdout.lines().map(parse_json).collect();
    assert!(!planned.is_empty(), "{args:?}: nothing printed");
    let reads = h.requests();
    assert!(
        reads.iter().all(|r| r.method == "GET"),
        "{args:?}: a dry run sent a write: {reads:#?}"
    );
    h.emulator.clear_requests();
    let (code, _, stderr) = run(h.ucconv().args(args));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    let writes: Vec<RecordedRequest> = h
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .collect();
    assert_eq!(writes.len(), planned.len(), "{args:?}");
    for (plan, sent) in planned.iter().zip(&writes) {
        assert_same_request(plan, sent, args);
    }
    planned
}

fn assert_same_request(plan: &Value, sent: &RecordedRequest, args: &[&str]) {
    assert_eq!(plan["method"], sent.method, "{args:?}");
    let url = plan["url"].as_str().unwrap();
    let target = match &sent.query {
        Some(query) => format!("{}?{query}", sent.path),
        None => sent.path.clone(),
    };
    assert!(
        url.ends_with(&target),
        "{args:?}: printed {url}, sent {target}"
    );
    let body = sent.body_json().unwrap_or(Value::Null);
    assert_eq!(plan["body"], body, "{args:?}");
    let headers = plan["headers"].as_object().unwrap();
    for (name, value) in headers {
        let received = sent
            .header(name)
            .unwrap_or_else(|| panic!("{args:?}: {name} not sent"));
        if value == "[redacted]" {
            assert_eq!(received, DEFAULT_KEY, "{name}");
        } else {
            assert_eq!(value.as_str(), Some(received), "{args:?}: {name}");
        }
    }
    assert_eq!(headers["x-ultracart-simple-key"], "[redacted]");
}

#[test]
fn join_leave_and_mark_read_print_what_they_then_send() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let join = dry_then_real(&h, &["join", &uuid, "--language", "es"]);
    assert_eq!(join[0]["method"], "PUT");
    assert_eq!(
        join[0]["body"],
        json!({"participant_language_iso_code": "es"})
    );
    assert_eq!(join[0]["idempotent"], true);
    dry_then_real(&h, &["mark-read", &uuid]);
    // No --yes: a dry run changes nothing, so there is nothing to confirm.
    h.emulator.clear_requests();
    let (code, stdout, stderr) = run(h.ucconv().args(["leave", &uuid, "--dry-run"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        parse_json(&stdout)["url"]
            .as_str()
            .unwrap()
            .ends_with("/leave")
    );
    assert!(h.requests().is_empty(), "a full uuid needs no read either");
    dry_then_real(&h, &["leave", &uuid, "--yes"]);
}

#[test]
fn start_and_take_print_the_create_they_then_send() {
    let h = Harness::new();
    let start = dry_then_real(
        &h,
        &["start", "--participant", "arn:a", "--participant", "arn:b"],
    );
    assert_eq!(start[0]["idempotent"], false);
    let (_, waiting, _) = run(h.ucconv().args(["queue", "--waiting", "--json"]));
    let entry = parse_json(&waiting)[0]["conversation_webchat_queue_uuid"]
        .as_str()
        .unwrap()
        .to_string();
    let take = dry_then_real(&h, &["take", &entry]);
    assert_eq!(
        take[0]["body"]["conversation_webchat_queue_uuid"],
        entry.as_str()
    );
}

#[test]
fn status_prints_one_request_for_each_queue() {
    let h = Harness::new();
    let planned = dry_then_real(
        &h,
        &[
            "status",
            "busy",
            "--queue",
            "Support",
            "--queue",
            "Sales Team",
        ],
    );
    assert_eq!(planned.len(), 2);
    assert!(h.emulator.agent_status("Support").as_deref() == Some("busy"));
}

#[test]
fn profile_set_reads_then_prints_the_whole_profile_it_would_put() {
    let h = Harness::new();
    let planned = dry_then_real(&h, &["profile", "set", "--chat-limit", "7"]);
    assert_eq!(planned[0]["method"], "PUT");
    assert_eq!(planned[0]["body"]["chat_limit"], 7);
}

#[test]
fn api_dry_run_sends_nothing_whatever_the_method() {
    let h = Harness::new();
    let post = [
        "api",
        "-X",
        "POST",
        "/conversation/engagements",
        "-f",
        "engagement_name=Welcome",
    ];
    let (code, stdout, _) =
        run(h
            .ucconv()
            .args(post)
            .args(["-H", "Authorization: Bearer leaked", "--dry-run"]));
    assert_eq!(
        code, 2,
        "a header that would replace the credentials is still refused"
    );
    assert!(stdout.is_empty());
    let planned = dry_then_real(&h, &post);
    assert_eq!(planned[0]["body"], json!({"engagement_name": "Welcome"}));
    h.emulator.clear_requests();
    let (code, stdout, _) = run(h
        .ucconv()
        .args(["api", "/conversation/engagements", "--dry-run"]));
    assert_eq!(code, 0);
    assert_eq!(parse_json(&stdout)["method"], "GET");
    assert!(h.requests().is_empty(), "even a GET is only printed");
}

#[test]
fn dry_run_output_goes_through_jq() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let (code, stdout, _) =
        run(h
            .ucconv()
            .args(["join", &uuid, "--dry-run", "--jq", ".[].method"]));
    assert_eq!(code, 0);
    assert_eq!(
        stdout, "PUT\n",
        "--jq, like --json, sees the plan as one array"
    );
    let (_, stdout, _) =
        run(h
            .ucconv()
            .args(["join", &uuid, "--dry-run", "-o", "jsonl", "--jq", ".method"]));
    assert_eq!(stdout, "PUT\n", "with -o jsonl, each request");
    assert!(h.requests().is_empty());
}

#[test]
fn several_planned_requests_are_one_array_with_json_and_lines_without() {
    let h = Harness::new();
    let args = ["status", "busy", "--all-queues", "--dry-run"];
    let (code, stdout, _) = run(h.ucconv().args(args).arg("--json"));
    assert_eq!(code, 0);
    let planned = parse_json(&stdout);
    assert_eq!(planned.as_array().map(Vec::len), Some(2), "{stdout}");
    let (_, lines, _) = run(h.ucconv().args(args).args(["-o", "jsonl"]));
    assert_eq!(lines.lines().count(), 2);
    assert!(lines.lines().all(|l| parse_json(l)["method"] == "PUT"));
    let (_, count, _) = run(h.ucconv().args(args).args(["--json", "--jq", "length"]));
    assert_eq!(count, "2\n", "--jq sees the whole plan");
    let (code, methods, stderr) = run(h
        .ucconv()
        .args(args)
        .args(["--fields", "method,idempotent"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        methods,
        "{\"method\":\"PUT\",\"idempotent\":true}\n".repeat(2)
    );
    assert!(h.requests().iter().all(|r| r.method == "GET"));
}

#[test]
fn status_jsonl_is_one_object_a_line() {
    let h = Harness::new();
    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .args(["status", "busy", "--all-queues", "-o", "jsonl"]));
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<Value> = stdout.lines().map(parse_json).collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines
            .iter()
            .all(|l| l["agent_status"] == "busy" && l["ok"] == true)
    );
}
