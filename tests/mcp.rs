//! `ucconv mcp` driven by a real MCP client, the Python `mcp` package (tests/mcp_client.py),
//! against the emulator: the handshake, which tools are offered, calls and their errors, and the
//! requests the emulator received.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Harness, parse_json, run};
use serde_json::{Value, json};
use ucconv_emulator::{Fault, FaultRule};

const CLIENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mcp_client.py");
const READS: &[&str] = &[
    "list",
    "get",
    "messages",
    "search",
    "queue",
    "context",
    "canned",
    "agents",
    "departments",
    "whoami",
    "profile",
];
const WRITES: &[&str] = &[
    "join",
    "leave",
    "start",
    "take",
    "status",
    "mark_read",
    "profile_set",
];

/// Whether the Python client can run. Without it the tests pass with a note, except in CI
/// (`CI=true`), where a missing client must not pass for a tested server.
fn client_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import mcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        let why = "python3 with the `mcp` package is missing (python3 -m pip install mcp)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
        eprintln!("skipped: {why}");
    }
    found
}

/// Runs one client session of `ucconv <args>` with the harness's environment and `calls`:
/// `{"initialize", "tools", "calls"}` as they were on the wire.
fn session(h: &Harness, args: &[&str], calls: Value) -> Value {
    let ucconv = h.ucconv_std();
    let env: serde_json::Map<String, Value> = ucconv
        .get_envs()
        .filter_map(|(name, value)| {
            Some((name.to_str()?.to_string(), Value::from(value?.to_str()?)))
        })
        .collect();
    let plan = json!({
        "command": ucconv.get_program().to_str().unwrap(),
        "args": args,
        "env": env,
        "calls": calls,
    });
    let mut child = Command::new("python3")
        .arg(CLIENT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(plan.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the client failed: {stderr}");
    parse_json(&String::from_utf8(output.stdout).unwrap())
}

fn names(out: &Value) -> Vec<String> {
    out["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tool| tool["name"].as_str().unwrap().to_string())
        .collect()
}

fn tool<'a>(out: &'a Value, name: &str) -> &'a Value {
    out["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|tool| tool["name"] == name)
        .unwrap_or_else(|| panic!("no tool {name}"))
}

fn uuids(result: &Value) -> Vec<String> {
    result["structuredContent"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["conversation_uuid"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_handshake_names_the_server_and_only_read_tools_are_offered() {
    if !client_available() {
        return;
    }
    let h = Harness::new();
    let out = session(
        &h,
        &["mcp"],
        json!([{"tool": "join", "arguments": {"uuid": h.newest_uuid()}}]),
    );
    let info = &out["initialize"]["serverInfo"];
    assert_eq!(info["name"], "ucconv");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert!(out["initialize"]["capabilities"]["tools"].is_object());
    assert_eq!(names(&out), READS);
    for name in READS {
        let tool = tool(&out, name);
        assert_eq!(
            tool["annotations"],
            json!({"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true}),
            "{name}"
        );
        assert_eq!(tool["inputSchema"]["type"], "object", "{name}");
        assert!(tool["description"].as_str().unwrap().len() > 40, "{name}");
    }
    let list = &tool(&out, "list")["inputSchema"]["properties"];
    assert_eq!(list["limit"]["maximum"], 200);
    assert!(list["cursor"].is_object() && list["unread"].is_object());
    assert_eq!(
        tool(&out, "get")["inputSchema"]["required"],
        json!(["uuid"])
    );
    // Structured output described by the CLI's own schemas (`ucconv schema`): list's items are
    // `list --json`'s, with their definitions; the client checked each result against these.
    let output = &tool(&out, "list")["outputSchema"];
    assert_eq!(output["required"], json!(["items", "next_cursor"]));
    for name in READS {
        assert_eq!(tool(&out, name)["outputSchema"]["type"], "object", "{name}");
    }
    // Not listed, so not callable: a protocol error, and nothing reaches the API.
    assert_eq!(out["calls"][0]["protocol_error"]["code"], -32602);
    assert!(h.requests().is_empty(), "{:?}", h.requests());
    let (code, cli, stderr) = run(h.ucconv().args(["schema", "list"]));
    assert_eq!(code, 0, "{stderr}");
    let cli = parse_json(&cli);
    assert_eq!(output["properties"]["items"]["items"], cli["items"]);
    assert_eq!(output["$defs"], cli["$defs"]);
}

#[test]
fn allow_writes_adds_the_writes_with_their_annotations() {
    if !client_available() {
        return;
    }
    let h = Harness::new();
    let out = session(&h, &["mcp", "--allow-writes"], json!([]));
    let expected: Vec<&str> = READS.iter().chain(WRITES).copied().collect();
    assert_eq!(names(&out), expected);
    let cases = [
        ("join", false, true),
        ("leave", true, true),
        ("start", false, false),
        ("take", false, false),
        ("status", true, true),
        ("mark_read", false, true),
        ("profile_set", true, true),
    ];
    for (name, destructive, idempotent) in cases {
        assert_eq!(
            tool(&out, name)["annotations"],
            json!({"readOnlyHint": false, "destructiveHint": destructive,
                   "idempotentHint": idempotent, "openWorldHint": true}),
            "{name}"
        );
    }
}

#[test]
fn tools_limits_the_set_and_an_unknown_name_is_a_usage_error() {
    if client_available() {
        let h = Harness::new();
        let out = session(
            &h,
            &["mcp", "--tools", "list,get"],
            json!([{"tool": "search"}]),
        );
        assert_eq!(names(&out), ["list", "get"]);
        assert_eq!(out["calls"][0]["protocol_error"]["code"], -32602);
    }
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["mcp", "--tools", "list,lsit"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "stdout is the protocol's: {stdout}");
    assert!(stderr.contains("\"lsit\""), "{stderr}");
    for name in READS.iter().chain(WRITES) {
        assert!(stderr.contains(name), "{name} in {stderr}");
    }
    let (code, _, stderr) = run(h.ucconv().args(["mcp", "--tools", "join"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--allow-writes"), "{stderr}");
    assert!(h.requests().is_empty());
}

#[test]
fn list_pages_with_its_cursor_and_get_returns_what_the_cli_prints() {
    if !client_available() {
        return;
    }
    let h = Harness::new();
    let all = h.emulator.conversation_uuids();
    let out = session(
        &h,
        &["mcp"],
        json!([
            {"tool": "list", "arguments": {"limit": 3}},
            {"tool": "list", "arguments": {"limit": 3}, "cursor_from": 0},
            {"tool": "get", "arguments": {"uuid": all[1]}},
            {"tool": "get", "arguments": {"uuid": &all[1][..8]}},
        ]),
    );
    let (first, second) = (&out["calls"][0], &out["calls"][1]);
    assert_eq!(first["isError"], false);
    assert_eq!(uuids(first), all[..3]);
    assert_eq!(uuids(second), all[3..6]);
    assert!(first["structuredContent"]["next_cursor"].is_string());
    // The same JSON as text, for clients without structured output.
    let text = first["content"][0]["text"].as_str().unwrap();
    assert_eq!(parse_json(text), first["structuredContent"]);
    let lists: Vec<Option<String>> = h
        .requests()
        .iter()
        .filter(|r| r.path == "/rest/v2/conversation/conversations")
        .map(|r| r.query.clone())
        .collect();
    // Two pages, then the prefix's lookup (one full page of the newest, as the CLI does it).
    assert_eq!(
        lists,
        [
            Some("_limit=3".into()),
            Some("_limit=3&_offset=3".into()),
            Some("_limit=200".into())
        ]
    );

    let (code, cli, stderr) = run(h.ucconv().args(["get", &all[1], "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let cli = parse_json(&cli);
    assert_eq!(out["calls"][2]["structuredContent"], cli);
    assert_eq!(
        out["calls"][3]["structuredContent"], cli,
        "a prefix resolves"
    );
    assert_eq!(cli["conversation_uuid"], all[1].as_str());
}

#[test]
fn a_write_with_allow_writes_reaches_the_emulator() {
    if !client_available() {
        return;
    }
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let out = session(
        &h,
        &["mcp", "--allow-writes"],
        json!([{"tool": "join", "arguments": {"uuid": uuid, "language": "es"}}]),
    );
    let result = &out["calls"][0];
    assert_eq!(result["isError"], false, "{result}");
    assert_eq!(
        result["structuredContent"],
        json!({"conversation_uuid": uuid, "action": "join", "ok": true})
    );
    let request = h.only_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.path,
        format!("/rest/v2/conversation/conversations/{uuid}/join")
    );
    assert_eq!(
        request.body_json().unwrap(),
        json!({"participant_language_iso_code": "es"})
    );
    common::assert_wire_headers(&request);
}

#[test]
fn errors_are_tool_results_with_the_clis_codes() {
    if !client_available() {
        return;
    }
    let h = Harness::new();
    let missing = "00000000-0000-0000-0000-000000000000";
    let out = session(
        &h,
        &["mcp"],
        json!([
            {"tool": "get", "arguments": {"uuid": missing}},
            {"tool": "list", "arguments": {"limit": 0}},
            {"tool": "list", "arguments": {"limt": 5}},
            {"tool": "list", "arguments": {"cursor": "not-a-cursor"}},
            {"tool": "get", "arguments": {"uuid": "  "}},
        ]),
    );
    let (code, _, stderr) = run(h.ucconv().args(["get", missing, "--json"]));
    assert_eq!(code, 4);
    let cli = parse_json(stderr.trim());
    let not_found = &out["calls"][0];
    assert_eq!(not_found["isError"], true);
    assert_eq!(
        not_found["structuredContent"], cli,
        "the CLI's error object"
    );
    assert_eq!(cli["error"]["code"], "not_found");
    assert_eq!(cli["error"]["status"], 404);
    let text = not_found["content"][0]["text"].as_str().unwrap();
    assert_eq!(parse_json(text), cli);
    for (index, says) in [(1, "limit 0"), (2, "limt"), (3, "cursor"), (4, "uuid")] {
        let error = &out["calls"][index];
        assert_eq!(error["isError"], true, "{error}");
        assert_eq!(
            error["structuredContent"]["error"]["code"], "usage",
            "{error}"
        );
        let message = error["structuredContent"]["error"]["message"]
            .as_str()
            .unwrap();
        assert!(message.contains(says), "{message}");
    }
    // Only the two `get`s of the missing uuid (ours and the CLI's) reached the API.
    let paths: Vec<String> = h.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
}

#[test]
fn a_rate_limit_is_retried_as_in_the_cli() {
    if !client_available() {
        return;
    }
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(Fault::error(429, "Slow down."), 1));
    let out = session(
        &h,
        &["mcp"],
        json!([{"tool": "list", "arguments": {"limit": 2}}]),
    );
    let result = &out["calls"][0];
    assert_eq!(result["isError"], false, "{result}");
    assert_eq!(uuids(result).len(), 2);
    assert_eq!(h.requests().len(), 2, "the 429, then the retry");
}

#[test]
fn messages_page_forward_by_time_without_repeats_or_gaps() {
    if !client_available() {
        return;
    }
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let (code, cli, stderr) = run(h.ucconv().args(["messages", &uuid, "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let ids = |messages: &Value| -> Vec<String> {
        messages
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["conversation_message_uuid"].as_str().unwrap().to_string())
            .collect()
    };
    let expected = ids(&parse_json(&cli));
    assert!(expected.len() >= 3, "{expected:?}");
    let calls: Vec<Value> = (0..expected.len())
        .map(|i| match i {
            0 => json!({"tool": "messages", "arguments": {"uuid": uuid, "limit": 1}}),
            _ => json!({"tool": "messages", "arguments": {"uuid": uuid, "limit": 1}, "cursor_from": i - 1}),
        })
        .collect();
    let out = session(&h, &["mcp"], Value::Array(calls));
    let mut seen = Vec::new();
    for (i, call) in out["calls"].as_array().unwrap().iter().enumerate() {
        assert_eq!(call["isError"], false, "{call}");
        seen.extend(ids(&call["structuredContent"]["items"]));
        let last = i + 1 == expected.len();
        assert_eq!(
            call["structuredContent"]["next_cursor"].is_null(),
            last,
            "{i}: {call}"
        );
    }
    assert_eq!(seen, expected);
}

/// Without any client library: raw JSON-RPC lines in, and every line out is JSON-RPC, so nothing
/// but the protocol reaches stdout, even when a call fails and retries are logged.
#[test]
fn stdout_carries_only_the_protocol() {
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(Fault::error(503, "Busy."), 1));
    let mut child = h
        .ucconv_std()
        .args(["-v", "mcp"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "raw", "version": "0"}}}),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call",
               "params": {"name": "get", "arguments": {"uuid": "00000000-0000-0000-0000-000000000000"}}}),
        json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
               "params": {"name": "list", "arguments": {"limit": 1}}}),
    ];
    let mut stdin = child.stdin.take().unwrap();
    for line in &lines {
        writeln!(stdin, "{line}").unwrap();
    }
    // Read until all three are answered, then close stdin: the server stops at end of input.
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let mut answers: Vec<Value> = Vec::new();
    for line in std::io::BufRead::lines(stdout) {
        let line = line.unwrap();
        seen.push_str(&line);
        seen.push('\n');
        answers.push(parse_json(&line));
        if [1, 2, 3]
            .iter()
            .all(|id| answers.iter().any(|a| a["id"] == *id))
        {
            break;
        }
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = seen;
    assert!(answers.iter().all(|a| a["jsonrpc"] == "2.0"), "{stdout}");
    let by_id = |id: u64| {
        answers
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id}: {stdout}"))
    };
    assert_eq!(by_id(1)["result"]["serverInfo"]["name"], "ucconv");
    assert_eq!(by_id(2)["result"]["isError"], true);
    assert_eq!(
        by_id(2)["result"]["structuredContent"]["error"]["code"],
        "not_found"
    );
    assert_eq!(by_id(3)["result"]["isError"], false);
    assert_eq!(
        by_id(3)["result"]["structuredContent"]["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(
        stderr.contains("503"),
        "the retry is logged on stderr: {stderr}"
    );
}
