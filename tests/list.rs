//! `ucconv list` end to end: the exact requests, paging, and every output format, in both API shapes.

mod common;

use common::{Harness, assert_no_body, assert_wire_headers, parse_json, run};
use serde_json::Value;
use ucconv_emulator::{Options, Shape};

#[test]
fn list_sends_the_wire_request_and_prints_tsv_in_a_pipe() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--limit", "5"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");

    let request = h.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/rest/v2/conversation/conversations");
    assert_eq!(request.query.as_deref(), Some("_limit=5"));
    assert_wire_headers(&request);
    assert_no_body(&request);

    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    let uuids = h.emulator.conversation_uuids();
    for (line, uuid) in lines.iter().zip(&uuids) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 8, "{line}");
        assert_eq!(fields[0], uuid);
        assert!(fields[1].ends_with('Z'), "RFC 3339 time: {}", fields[1]);
        assert!(["sms", "websocket"].contains(&fields[6]));
    }
}

#[test]
fn default_limit_is_100_and_filters_are_sent_only_when_given() {
    let h = Harness::with(Options {
        conversations: 150,
        ..Options::default()
    });
    let (code, stdout, _) = run(h.ucconv().arg("list"));
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 100);
    assert_eq!(h.only_request().query.as_deref(), Some("_limit=100"));

    h.emulator.clear_requests();
    let (code, stdout, stderr) = run(h.ucconv().args([
        "list",
        "--limit",
        "10",
        "--offset",
        "3",
        "--medium",
        "sms",
        "--before",
        "2026-11-25T11:00:00Z",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let request = h.only_request();
    assert_eq!(
        request.query_pairs(),
        [
            ("_limit".to_string(), "10".to_string()),
            ("_offset".into(), "3".into()),
            ("medium".into(), "sms".into()),
            ("before".into(), "2026-11-25T11:00:00+00:00".into()),
        ]
    );
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        assert_eq!(line.split('\t').nth(6), Some("sms"));
        assert!(line.split('\t').nth(1).unwrap() < "2026-11-25T11:00:00Z");
    }
}

#[test]
fn bad_list_flags_are_usage_errors_without_requests() {
    let h = Harness::new();
    for args in [
        &["list", "--limit", "0"][..],
        &["list", "--limit", "ten"],
        &["list", "--medium", "fax"],
        &["list", "--before", "someday"],
        &["list", "--all", "--limit", "5"],
    ] {
        let (code, stdout, stderr) = run(h.ucconv().args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "");
        assert!(stderr.contains("error"), "{stderr}");
    }
    assert!(h.requests().is_empty());
}

#[test]
fn json_is_the_api_objects_unwrapped_in_one_array() {
    let h = Harness::new();
    let (code, stdout, _) = run(h.ucconv().args(["list", "--limit", "3", "--json"]));
    assert_eq!(code, 0);
    let array = parse_json(&stdout);
    let items = array.as_array().expect("an array");
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[0]["conversation_uuid"],
        Value::from(h.newest_uuid()),
        "newest first"
    );
    // The whole summary, as the API sent it, not a reduced view.
    assert!(items[0]["participants"].is_array());
    assert!(items[0]["sentiment"]["sentiment"].is_string());
}

#[test]
fn jsonl_is_one_object_a_line() {
    let h = Harness::new();
    let (code, stdout, _) = run(h.ucconv().args(["list", "--limit", "4", "-o", "jsonl"]));
    assert_eq!(code, 0);
    let objects: Vec<Value> = stdout.lines().map(parse_json).collect();
    assert_eq!(objects.len(), 4);
    assert!(objects.iter().all(|o| o["conversation_uuid"].is_string()));
}

#[test]
fn more_than_200_pages_at_200_and_stops_at_exactly_the_limit() {
    let h = Harness::with(Options {
        conversations: 450,
        ..Options::default()
    });
    let (code, stdout, _) = run(h.ucconv().args(["list", "--limit", "250", "--json"]));
    assert_eq!(code, 0);
    let items = parse_json(&stdout);
    assert_eq!(items.as_array().map(Vec::len), Some(250));
    let queries: Vec<_> = h.requests().iter().map(|r| r.query.clone()).collect();
    assert_eq!(
        queries,
        [
            Some("_limit=200".to_string()),
            Some("_limit=50&_offset=200".to_string())
        ]
    );
}

#[test]
fn all_pages_through_everything_without_duplicates() {
    let h = Harness::with(Options {
        conversations: 401,
        ..Options::default()
    });
    let (code, stdout, _) = run(h.ucconv().args(["list", "--all"]));
    assert_eq!(code, 0);
    let uuids: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(uuids, h.emulator.conversation_uuids());
    assert_eq!(h.requests().len(), 3);
}

#[test]
fn empty_list_prints_nothing_in_tsv_and_an_empty_array_in_json() {
    let h = Harness::with(Options {
        conversations: 0,
        ..Options::default()
    });
    let (code, stdout, _) = run(h.ucconv().arg("list"));
    assert_eq!((code, stdout.as_str()), (0, ""));
    let (code, stdout, _) = run(h.ucconv().args(["list", "--json"]));
    assert_eq!((code, parse_json(&stdout)), (0, Value::Array(vec![])));
}

#[test]
fn original_shape_lists_the_same_way() {
    let h = Harness::shape(Shape::Original);
    let (code, stdout, _) = run(h.ucconv().args(["list", "--limit", "2", "--json"]));
    assert_eq!(code, 0);
    let items = parse_json(&stdout);
    assert_eq!(items[0]["conversation_uuid"], Value::from(h.newest_uuid()));
    assert!(
        items[0].get("medium").is_none(),
        "original shape has no medium"
    );
}

#[test]
fn table_output_has_header_and_cut_messages() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--limit", "3", "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("ID  "), "a short id below 140 columns");
    for column in ["WHEN", "FROM", "LAST MESSAGE", "MSGS", "UNREAD", "MEDIUM"] {
        assert!(lines[0].contains(column), "{column} in {}", lines[0]);
    }
    for line in &lines {
        assert!(line.chars().count() <= 100, "fits COLUMNS=100: {line}");
    }
    assert!(lines[1].starts_with(&format!("{}  ", &h.newest_uuid()[..8])));
    assert!(lines[1].contains(" ago") || lines[1].contains("waiting "));
}

#[test]
fn colors_follow_the_flag_and_the_environment_off_a_terminal() {
    let h = Harness::new();
    let bold = "\u{1b}[1m";
    let table = ["list", "--limit", "3", "-o", "table"];
    let (_, plain, _) = run(h.ucconv().args(table));
    assert!(!plain.contains(bold), "no colors in a pipe");
    let (_, forced, _) = run(h.ucconv().args(table).env("CLICOLOR_FORCE", "1"));
    assert!(forced.contains(bold), "CLICOLOR_FORCE");
    let (_, vetoed, _) = run(h
        .ucconv()
        .args(table)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1"));
    assert!(!vetoed.contains(bold), "NO_COLOR wins over CLICOLOR_FORCE");
    let (_, always, _) = run(h
        .ucconv()
        .args(table)
        .arg("--color=always")
        .env("NO_COLOR", "1"));
    assert!(always.contains(bold), "--color always wins over NO_COLOR");
    let (_, tsv, _) = run(h
        .ucconv()
        .args(["list", "--limit", "3", "--color", "always"]));
    assert!(!tsv.contains('\u{1b}'), "TSV is never styled");
}

#[test]
fn unread_filters_locally_and_reads_full_pages() {
    let h = Harness::with(Options {
        conversations: 450,
        ..Options::default()
    });
    let (code, stdout, _) = run(h.ucconv().args(["list", "--unread", "--limit", "5"]));
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines.iter().all(|l| l.split('\t').nth(5) == Some("true")),
        "{stdout}"
    );
    assert_eq!(
        h.only_request().query.as_deref(),
        Some("_limit=200"),
        "no unread parameter is sent"
    );

    h.emulator.clear_requests();
    let (_, all, _) = run(h.ucconv().args(["list", "--all"]));
    let unread_total = all
        .lines()
        .filter(|l| l.split('\t').nth(5) == Some("true"))
        .count();
    let (_, stdout, _) = run(h.ucconv().args(["list", "--all", "--unread"]));
    assert_eq!(stdout.lines().count(), unread_total);
    assert!(unread_total > 5 && unread_total < 450);
}
