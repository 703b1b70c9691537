//! Failures end to end: every error status, bodies that are not JSON, tolerant decoding of odd but
//! valid answers, network failures and redirects. Each has its documented exit code and one message.

mod common;

use std::time::{Duration, Instant};

use common::{Harness, parse_json, run};
use serde_json::json;
use ucconv_emulator::{DEFAULT_KEY, Emulator, Fault, FaultRule, Options};

/// Runs `ucconv <args>` against a server answering `fault` once: (exit code, stdout, stderr).
fn with_fault(fault: Fault, args: &[&str]) -> (i32, String, String) {
    let h = Harness::new();
    h.emulator.inject(FaultRule::times(fault, 1));
    let (code, stdout, stderr) = run(h.ucconv().arg("--retries=0").args(args));
    for text in [&stdout, &stderr] {
        assert!(!text.contains(DEFAULT_KEY), "the key leaked: {text}");
    }
    (code, stdout, stderr)
}

fn assert_one_error_line(stderr: &str, message: &str) {
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some(format!("error: {message}").as_str()),
        "{stderr}"
    );
    for line in lines {
        assert!(
            line.starts_with("hint: "),
            "only a hint may follow: {stderr}"
        );
    }
}

#[test]
fn error_statuses_map_to_documented_exit_codes() {
    for (status, exit) in [
        (400, 1),
        (401, 3),
        (403, 3),
        (404, 4),
        (409, 1),
        (410, 3),
        (429, 5),
        (500, 7),
        (502, 7),
        (503, 7),
    ] {
        let (code, stdout, stderr) = with_fault(
            Fault::error(status, "Something specific happened."),
            &["list"],
        );
        assert_eq!(code, exit, "HTTP {status}: {stderr}");
        assert_eq!(stdout, "");
        assert_one_error_line(
            &stderr,
            &format!("Something specific happened. (HTTP {status})"),
        );
    }
}

#[test]
fn developer_message_is_used_when_there_is_no_user_message() {
    let body = json!({"error": {"user_message": null, "developer_message": "Bad offset."}, "success": false});
    let (code, _, stderr) = with_fault(Fault::json(400, body), &["list"]);
    assert_eq!(code, 1);
    assert_one_error_line(&stderr, "Bad offset. (HTTP 400)");
}

#[test]
fn an_html_error_page_gives_the_status_line() {
    let (code, stdout, stderr) = with_fault(Fault::html(502), &["get", "abc"]);
    assert_eq!(code, 7);
    assert_eq!(stdout, "");
    assert_one_error_line(&stderr, "the server answered 502 Bad Gateway (HTTP 502)");
    assert!(!stderr.contains("<html"), "{stderr}");
}

#[test]
fn the_uc_rest_error_header_is_used_when_the_body_says_nothing() {
    let fault =
        Fault::raw(500, "text/plain", "oops").with_header("UC-REST-ERROR", "Database unavailable");
    let (code, _, stderr) = with_fault(fault, &["auth"]);
    assert_eq!(code, 7);
    assert_one_error_line(&stderr, "Database unavailable (HTTP 500)");
}

#[test]
fn success_false_in_a_2xx_answer_is_an_error() {
    let body = json!({"conversation": null, "success": false,
                      "error": {"user_message": "Conversation is archived."}});
    let (code, stdout, stderr) = with_fault(Fault::json(200, body), &["get", "abc"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_one_error_line(&stderr, "Conversation is archived. (HTTP 200)");
}

#[test]
fn answers_that_are_not_json_objects_exit_8() {
    for (fault, message) in [
        (
            Fault::raw(200, "application/json", "{\"conversations\": [{\"conv"),
            "not valid JSON",
        ),
        (
            Fault::raw(200, "application/json", "{\"a\": 1} trailing"),
            "not valid JSON",
        ),
        (Fault::raw(200, "application/json", ""), "empty response"),
        (Fault::raw(200, "text/plain", "OK"), "not valid JSON"),
        (
            Fault::raw(200, "application/json", "[1, 2]"),
            "got an array",
        ),
        (
            Fault::json(200, json!({"conversations": "nope"})),
            "not an array",
        ),
    ] {
        let (code, stdout, stderr) = with_fault(fault, &["list"]);
        assert_eq!(code, 8, "{message}: {stderr}");
        assert_eq!(stdout, "");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(message),
            "{stderr}"
        );
    }
}

#[test]
fn json_output_turns_errors_into_one_json_object_on_stderr() {
    let (code, stdout, stderr) = with_fault(
        Fault::error(404, "Conversation x was not found."),
        &["get", "x", "--json"],
    );
    assert_eq!(code, 4);
    assert_eq!(stdout, "");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let error = parse_json(&stderr);
    assert_eq!(error["error"]["code"], "not_found");
    assert_eq!(error["error"]["status"], 404);
    assert_eq!(
        error["error"]["message"],
        "Conversation x was not found. (HTTP 404)"
    );
    assert!(error["error"]["hint"].is_string());
}

#[test]
fn a_null_laden_list_still_prints_in_every_format() {
    let nulls = json!({
        "conversations": [
            {"conversation_uuid": "u-1", "conversation_arn": null, "merchant_id": null,
             "last_conversation_message_body": null, "last_conversation_participant_arn": null,
             "last_conversation_participant_name": null, "last_message_dts": null,
             "start_dts": null, "message_count": null, "unread_messages": null, "closed": null,
             "visible": null, "medium": null, "participants": null, "sentiment": null},
            {"conversation_uuid": null, "participants": [null, {"conversation_participant_name": null}]}
        ],
        "metadata": {"result_set": {"count": null, "more": null, "next_offset": null,
                                    "offset": null, "total_records": null}},
        "success": null, "error": null, "warning": null
    });
    for format in ["table", "tsv", "json", "jsonl"] {
        let (code, stdout, stderr) =
            with_fault(Fault::json(200, nulls.clone()), &["list", "-o", format]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert_eq!(stderr, "");
        assert!(stdout.contains("u-1"), "{format}: {stdout}");
    }
    let (_, stdout, _) = with_fault(Fault::json(200, nulls.clone()), &["list", "--json"]);
    assert_eq!(
        parse_json(&stdout),
        nulls["conversations"],
        "nulls are kept as they came"
    );
}

#[test]
fn a_null_laden_conversation_still_renders() {
    let conversation = json!({
        "conversation": {"conversation_uuid": "u-1", "messages": [
            {"body": null, "message_dts": null, "author_conversation_participant_name": null,
             "media_urls": null, "type": null},
            null
        ], "participants": null, "start_dts": null, "closed": null},
        "success": true
    });
    for format in ["table", "tsv", "json"] {
        let (code, stdout, stderr) = with_fault(
            Fault::json(200, conversation.clone()),
            &["get", "u-1", "-o", format],
        );
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(!stdout.is_empty());
    }
}

#[test]
fn unknown_fields_enum_values_and_big_numbers_survive() {
    let body = r#"{"conversations": [{"conversation_uuid": "u-1", "medium": "carrier-pigeon",
        "message_count": 123456789012345678901234567890, "virtual_agent_cost": 0.10,
        "brand_new_field": {"nested": [1, 2.50]}}], "metadata": {}, "success": true}"#;
    let (code, stdout, _) = with_fault(
        Fault::raw(200, "application/json", body),
        &["list", "-o", "jsonl"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "{\"conversation_uuid\":\"u-1\",\"medium\":\"carrier-pigeon\",\"message_count\":123456789012345678901234567890,\"virtual_agent_cost\":0.10,\"brand_new_field\":{\"nested\":[1,2.50]}}\n"
    );
    let (code, stdout, _) = with_fault(
        Fault::raw(200, "application/json", body),
        &["list", "-o", "tsv"],
    );
    assert_eq!(code, 0);
    assert_eq!(stdout.trim_end().split('\t').nth(6), Some("carrier-pigeon"));
}

#[test]
fn strings_where_numbers_were_due_are_tolerated() {
    let body = json!({"conversations": [{"conversation_uuid": "u-1", "message_count": "7", "unread_messages": "true"}],
                      "metadata": {"result_set": {"more": "false", "total_records": "1"}}});
    let (code, stdout, _) = with_fault(Fault::json(200, body), &["list"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "u-1\t\t-\t\t7\ttrue\t\t\n");
}

#[test]
fn connection_refused_exits_6() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h
        .ucconv()
        .env("UCCONV_BASE_URL", common::closed_base_url())
        .arg("list"));
    assert_eq!(code, 6);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr.lines().filter(|l| l.contains("retrying in")).count(),
        3,
        "{stderr}"
    );
    let last = stderr.lines().find(|l| l.starts_with("error: ")).unwrap();
    assert!(
        last.starts_with("error: cannot connect to 127.0.0.1"),
        "{stderr}"
    );
    assert!(last.ends_with("(after 3 retries)"), "{stderr}");
}

#[test]
fn a_stalled_server_ends_in_exit_6_within_the_timeout() {
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(Fault::Delay(Duration::from_secs(10)), 1));
    let started = Instant::now();
    let (code, _, stderr) = run(h.ucconv().args(["--timeout", "1", "list"]));
    assert_eq!(code, 6, "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(8), "no hang");
    assert_one_error_line(&stderr, "no answer from 127.0.0.1 within 1s");
}

#[test]
fn a_redirect_to_another_host_is_not_followed_with_the_key() {
    let other = Emulator::start(Options::default()).unwrap();
    let h = Harness::new();
    let target = format!(
        "http://localhost:{}/rest/v2/conversation/conversations",
        other.addr().port()
    );
    h.emulator.inject(FaultRule::times(
        Fault::raw(302, "", "").with_header("Location", &target),
        1,
    ));
    let (code, stdout, stderr) = run(h.ucconv().arg("list"));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("not following it with your credentials"),
        "{stderr}"
    );
    assert!(
        other.requests().is_empty(),
        "nothing reached the other host"
    );
}

#[test]
fn invalid_base_urls_are_refused_before_any_request() {
    let h = Harness::new();
    for url in [
        "http://example.com/rest/v2",
        "not a url",
        "ftp://127.0.0.1/",
    ] {
        let (code, _, stderr) = run(h.ucconv().env("UCCONV_BASE_URL", url).arg("list"));
        assert_eq!(code, 2, "{url}: {stderr}");
        assert!(stderr.contains("invalid base URL"), "{stderr}");
    }
    assert!(h.requests().is_empty());
}

#[test]
fn a_closed_stdout_exits_0_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let h = Harness::with(Options {
        conversations: 3000,
        ..Options::default()
    });
    let mut child = h
        .ucconv_std()
        .args(["list", "--all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: like `| head -1`, the pipe closes with output still to come.
    let output = child.wait_with_output().unwrap();
    assert!(first.contains('\t'));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn ctrl_c_during_a_request_exits_130_promptly() {
    use std::process::Stdio;

    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(Fault::Delay(Duration::from_secs(20)), 1));
    let child = h
        .ucconv_std()
        .args(["list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    common::wait_for_requests(&h, 1);
    let interrupted_at = Instant::now();
    common::interrupt(&child);
    let output = child.wait_with_output().unwrap();
    assert!(
        interrupted_at.elapsed() < Duration::from_secs(5),
        "promptly"
    );
    assert_eq!(output.status.code(), Some(130));
    assert_eq!(output.stdout, b"", "no half-written JSON");
    let error = parse_json(&String::from_utf8_lossy(&output.stderr));
    assert_eq!(error["error"]["code"], "interrupted");
}

#[test]
fn the_usage_line_never_shows_base_url_as_required() {
    let h = Harness::new();
    let (code, _, stderr) = run(h.ucconv().args(["config", "use"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("Usage: ucconv config use <NAME>"),
        "{stderr}"
    );
    assert!(!stderr.contains("--base-url"), "{stderr}");
}
