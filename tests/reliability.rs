//! Hardening end to end: retries and their limits, slow and broken bodies, verbose logs without
//! secrets, Ctrl-C while paging, and what reaches the server when things go wrong.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Harness, parse_json, run};
use serde_json::json;
use ucconv_emulator::{DEFAULT_KEY, DEFAULT_OAUTH_TOKEN, Fault, FaultRule, Options};

fn rate_limited() -> Fault {
    Fault::error(429, "rate of 10000 per 86400 second(s) exceeded.")
}

fn retry_lines(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.contains("retrying in")).count()
}

#[test]
fn a_429_then_success_is_retried_and_announced() {
    let h = Harness::new();
    h.emulator.inject(FaultRule::times(rate_limited(), 2));
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--limit", "2"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 2);
    assert_eq!(h.requests().len(), 3);
    assert_eq!(retry_lines(&stderr), 2, "{stderr}");
    assert!(
        stderr.contains("rate limited (HTTP 429); retrying in"),
        "{stderr}"
    );
    assert!(stderr.contains("(retry 2 of 3)"), "{stderr}");
}

#[test]
fn retry_after_in_seconds_and_as_a_date_is_honoured() {
    for value in ["0", "Wed, 21 Oct 2015 07:28:00 GMT"] {
        let h = Harness::new();
        h.emulator.inject(FaultRule::times(
            rate_limited().with_header("Retry-After", value),
            1,
        ));
        let (code, _, stderr) = run(h.ucconv().args(["auth"]));
        assert_eq!(code, 0, "{value}: {stderr}");
        assert!(stderr.contains("retrying in 0s"), "{value}: {stderr}");
        assert_eq!(h.requests().len(), 2);
    }
}

#[test]
fn a_429_that_never_ends_exits_5_after_the_retries() {
    let h = Harness::new();
    h.emulator.inject(FaultRule::always(rate_limited()));
    let (code, stdout, stderr) = run(h.ucconv().args(["list"]));
    assert_eq!(code, 5, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(h.requests().len(), 4, "one try and three retries");
    assert!(
        stderr.contains(
            "error: rate of 10000 per 86400 second(s) exceeded. (HTTP 429, after 3 retries)"
        ),
        "{stderr}"
    );
}

#[test]
fn a_wait_over_a_minute_is_not_slept() {
    let h = Harness::new();
    h.emulator.inject(FaultRule::always(
        rate_limited().with_header("Retry-After", "3600"),
    ));
    let started = Instant::now();
    let (code, _, stderr) = run(h.ucconv().args(["list", "--json"]));
    assert_eq!(code, 5);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(h.requests().len(), 1);
    let error = parse_json(&stderr);
    assert_eq!(error["error"]["code"], "rate_limited");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("the server asks to wait 3600s, try again after"),
        "{message}"
    );
}

#[test]
fn server_errors_are_retried_then_exit_7() {
    let h = Harness::new();
    h.emulator.inject(FaultRule::times(
        Fault::error(503, "Down").with_header("Retry-After", "0"),
        1,
    ));
    let (code, _, stderr) = run(h.ucconv().args(["get", &h.newest_uuid()]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("the server answered 503; retrying in 0s"),
        "{stderr}"
    );

    let h = Harness::new();
    h.emulator.inject(FaultRule::always(Fault::html(502)));
    let (code, _, stderr) = run(h.ucconv().args(["join", &h.newest_uuid()]));
    assert_eq!(code, 7);
    assert_eq!(
        h.requests().len(),
        4,
        "join is idempotent, so it is retried"
    );
    assert!(
        stderr.contains("error: the server answered 502 Bad Gateway (HTTP 502, after 3 retries)"),
        "{stderr}"
    );
}

#[test]
fn retries_zero_disables_retrying() {
    let h = Harness::new();
    h.emulator.inject(FaultRule::always(rate_limited()));
    let (code, _, stderr) = run(h.ucconv().args(["--retries", "0", "list"]));
    assert_eq!(code, 5);
    assert_eq!(h.requests().len(), 1);
    assert_eq!(retry_lines(&stderr), 0);
}

#[test]
fn start_is_retried_only_when_the_server_cannot_have_acted() {
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(Fault::error(503, "Busy"), 1).for_method("PUT"));
    let (code, _, _) = run(h.ucconv().args(["start", "--participant", "arn:p"]));
    assert_eq!(code, 7, "a 503 may come after the conversation was created");
    assert_eq!(h.requests().len(), 1);

    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(rate_limited(), 1).for_method("PUT"));
    let (code, stdout, _) = run(h.ucconv().args(["start", "--participant", "arn:p"]));
    assert_eq!(code, 0, "a 429 means it was not acted on");
    assert_eq!(h.requests().len(), 2);
    assert_eq!(stdout, format!("{}\n", h.newest_uuid()));
}

fn conversation_body(h: &Harness) -> Vec<u8> {
    let uuid = h.newest_uuid();
    json!({"conversation": h.emulator.conversation(&uuid).unwrap(), "success": true})
        .to_string()
        .into_bytes()
}

#[test]
fn a_body_that_trickles_past_the_timeout_ends_in_exit_6() {
    let h = Harness::new();
    let body = conversation_body(&h);
    h.emulator.inject(FaultRule::times(
        Fault::Trickle {
            body,
            chunk: 16,
            pause: Duration::from_millis(200),
        },
        1,
    ));
    let started = Instant::now();
    let (code, stdout, stderr) = run(h.ucconv().args(["--timeout", "1", "get", "x"]));
    assert_eq!(code, 6, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "bounded by the timeout"
    );
    assert!(
        stderr.contains("no answer from 127.0.0.1 within 1s"),
        "{stderr}"
    );
    assert_eq!(h.requests().len(), 1, "a timeout is not retried");
}

#[test]
fn a_connection_dropped_mid_body_is_a_network_error_or_a_retry() {
    let h = Harness::new();
    let body = conversation_body(&h);
    h.emulator.inject(FaultRule::times(
        Fault::DropMidBody { body: body.clone() },
        1,
    ));
    let (code, _, stderr) = run(h.ucconv().args(["--retries", "0", "get", "x"]));
    assert_eq!(code, 6, "{stderr}");
    assert!(
        stderr.starts_with("error: the connection to 127.0.0.1 failed"),
        "{stderr}"
    );

    h.emulator
        .inject(FaultRule::times(Fault::DropMidBody { body }, 1));
    let uuid = h.newest_uuid();
    let (code, stdout, stderr) = run(h.ucconv().args(["get", &uuid]));
    assert_eq!(code, 0, "retried: {stderr}");
    assert!(!stdout.is_empty());
}

#[test]
fn no_content_where_json_was_due_exits_8() {
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(Fault::raw(204, "", ""), 1));
    let (code, _, stderr) = run(h.ucconv().args(["get", "x"]));
    assert_eq!(code, 8);
    assert_eq!(
        stderr.lines().next(),
        Some("error: the server sent an empty response")
    );
}

#[test]
fn verbose_logs_requests_and_statuses_with_credentials_redacted() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["-v", "list", "--limit", "1"]));
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 1, "logs stay off stdout");
    assert!(
        stderr.contains("> GET /rest/v2/conversation/conversations?_limit=1\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("> x-ultracart-simple-key: [redacted]\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("> x-ultracart-api-version: 2017-03-01\n"),
        "{stderr}"
    );
    assert!(stderr.contains("< 200 OK ("), "{stderr}");
    assert!(!stderr.contains(DEFAULT_KEY));
    assert!(!stderr.contains("\"conversations\""), "-v has no bodies");

    let (code, _, stderr) = run(h
        .bare()
        .env("UCCONV_OAUTH_TOKEN", DEFAULT_OAUTH_TOKEN)
        .args(["-vv", "start", "--participant", "arn:p"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("> authorization: [redacted]\n"), "{stderr}");
    assert!(
        stderr.contains("{\"add_conversation_participant_arns\":[\"arn:p\"]}"),
        "-vv shows bodies"
    );
    assert!(
        stderr.contains("\"conversation_uuid\""),
        "-vv shows the response body"
    );
    assert!(!stderr.contains(DEFAULT_OAUTH_TOKEN));
}

#[test]
fn ctrl_c_while_paging_keeps_what_was_printed() {
    let h = Harness::with(Options {
        conversations: 500,
        ..Options::default()
    });
    // The first page comes at once; the second stalls, and Ctrl-C arrives while it is awaited.
    h.emulator.inject(
        FaultRule::times(Fault::Delay(Duration::from_secs(30)), 1)
            .for_path("/conversations")
            .after(1),
    );
    let mut child = h
        .ucconv_std()
        .args(["list", "--all", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    // The first page: "[", then 200 elements, the last one's line completed only by what follows.
    let mut printed = String::new();
    for _ in 0..200 {
        stdout.read_line(&mut printed).unwrap();
    }
    common::wait_for_requests(&h, 2);
    common::interrupt(&child);
    let status = child.wait().unwrap();
    std::io::Read::read_to_string(&mut stdout, &mut printed).unwrap();
    assert_eq!(status.code(), Some(130));
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines[0], "[");
    assert_eq!(
        lines.len(),
        201,
        "the opening bracket and the first page, nothing after"
    );
    for line in &lines[1..] {
        parse_json(line.trim_end_matches(','));
    }
    assert!(
        !printed.ends_with('\n'),
        "the array is left open, as documented"
    );
}

#[test]
fn an_unreadable_config_names_the_file() {
    let h = Harness::new();
    std::fs::create_dir_all(h.config_path()).unwrap();
    let (code, _, stderr) = run(h.bare().arg("list"));
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!(
            "error: the config file {} is not a regular file",
            h.config_path().display()
        )),
        "{stderr}"
    );
}

#[test]
fn retries_10_means_ten_retries() {
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::always(Fault::error(503, "Down")).for_path("/conversations"));
    let (code, _, stderr) = run(h.ucconv().args(["--retries", "10", "list"]));
    assert_eq!(code, 7, "{stderr}");
    assert_eq!(h.requests().len(), 11, "one try and ten retries: {stderr}");
    assert!(stderr.contains("(HTTP 503, after 10 retries)"), "{stderr}");
    assert!(
        !stderr.contains("the server asks"),
        "ucconv's own backoff: {stderr}"
    );
}
