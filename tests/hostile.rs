//! Regression tests for defects a hostile server caused: paging that never advances, absurd
//! `Retry-After` values, huge cells, deep nesting, bodies past the cap and gzip bombs, huge
//! headers, escape-laden text, numbers that must keep their text, Ctrl-C and a closed stderr
//! while output is blocked, redirect loops, and inputs no server should ever see.

mod common;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Harness, parse_json, run};
use serde_json::{Value, json};
use ucconv::api::wire::MAX_DEPTH;
use ucconv_emulator::{Fault, FaultRule, Options};

const MIB: u64 = 1 << 20;

fn harness(tweak: impl FnOnce(&mut Options)) -> Harness {
    let mut options = Options::default();
    tweak(&mut options);
    Harness::with(options)
}

/// A harness whose emulator answers every request with `fault`.
fn always(fault: Fault) -> Harness {
    let h = Harness::new();
    h.emulator.inject(FaultRule::always(fault));
    h
}

/// A ConversationSummary with ordinary values, `extra`'s fields laid over them.
fn row(uuid: &str, extra: Value) -> Value {
    let mut row = json!({
        "conversation_uuid": uuid,
        "medium": "sms",
        "start_dts": "2026-11-25T10:00:00+00:00",
        "last_message_dts": "2026-11-25T11:00:00+00:00",
        "last_conversation_message_body": "Hello there",
        "last_conversation_participant_name": "Ada Lovelace",
        "message_count": 2,
        "unread_messages": false,
        "closed": false
    });
    if let (Some(fields), Value::Object(extra)) = (row.as_object_mut(), extra) {
        fields.extend(extra);
    }
    row
}

/// A list answer (ConversationsResponse) holding `rows`.
fn page(rows: Vec<Value>, more: bool, next_offset: Option<u64>) -> Fault {
    let count = rows.len();
    Fault::json(
        200,
        json!({
            "conversations": rows,
            "metadata": {"result_set": {
                "count": count, "more": more, "next_offset": next_offset, "total_records": null
            }},
            "success": true
        }),
    )
}

/// A list answer whose rows are raw JSON text, for rows `json!` cannot build (nested too deep).
fn raw_page(rows: &[String]) -> Fault {
    let body = format!(
        r#"{{"conversations": [{}], "success": true}}"#,
        rows.join(", ")
    );
    Fault::raw(200, "application/json", body)
}

/// A row holding `{"x": [[…]]}`, the array nested `depth` deep.
fn nested_row(depth: usize) -> String {
    format!(
        r#"{{"conversation_uuid": "deep", "x": {}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

/// `{"conversations":[`, spaces, `]}` of exactly `size` bytes, chunked (no Content-Length).
fn chunked_json(size: u64) -> Fault {
    Fault::Stream {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        prefix: br#"{"conversations":["#.to_vec(),
        filler: b" ".to_vec(),
        suffix: b"]}".to_vec(),
        size,
        content_length: false,
    }
}

/// The first field of each TSV line: the uuid, for `list`.
fn uuids_of(tsv: &str) -> Vec<&str> {
    tsv.lines()
        .map(|line| line.split('\t').next().unwrap_or_default())
        .collect()
}

fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.starts_with("error:"))
        .collect()
}

/// Exactly one `error:` line, containing `needle`.
fn assert_one_error(stderr: &str, needle: &str) {
    let errors = error_lines(stderr);
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    assert!(errors[0].contains(needle), "{needle:?} not in: {stderr}");
}

/// What a crash looks like: a panic (101), an abort (134), a segfault (139), a signal (-1).
fn assert_no_crash(code: i32, stderr: &str) {
    assert!(
        ![101, 134, 139, -1].contains(&code),
        "crashed with {code}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Text cut for an assertion message: some of these lines are 70,000 characters.
fn head(text: &str) -> String {
    text.chars().take(200).collect()
}

/// A bare socket on 127.0.0.1 answering every connection with `response` once the request head
/// is read, for answers the emulator cannot give. The base URL, and how many connections came.
fn raw_server(response: Vec<u8>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base_url = format!("http://{}/rest/v2", listener.local_addr().expect("address"));
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            if read_request_head(&mut stream).is_ok() {
                // The client may hang up halfway through a huge answer: that is the point.
                let _ = stream.write_all(&response);
                let _ = stream.flush();
            }
        }
    });
    (base_url, connections)
}

fn read_request_head(stream: &mut TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte)? == 0 {
            break;
        }
        head.push(byte[0]);
    }
    Ok(())
}

#[test]
fn list_all_stops_with_exit_8_when_the_server_ignores_offset() {
    let h = harness(|o| {
        o.ignore_offset = true;
        o.conversations = 500;
    });
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--all"]));
    assert_eq!(code, 8, "{stderr}");
    let requests = h.requests().len();
    assert!(requests < 10, "{requests} requests");
    assert_one_error(&stderr, "did not advance");
    let uuids = h.emulator.conversation_uuids();
    assert_eq!(
        uuids_of(&stdout),
        uuids[..200],
        "the first page, each row once"
    );
}

#[test]
fn paging_dedup_remembers_rows_repeated_from_the_page_before() {
    // next_offset = offset + step, though 200 rows were served: each page repeats rows of the
    // page before (all but one of them with a step of 1). A step of 1 with `--limit 1000` takes
    // 603 requests (about 40 s against the unoptimised emulator), so that case asks for less.
    for (step, limit) in [(1, "240"), (150, "1000")] {
        let h = harness(|o| {
            o.next_offset_step = Some(step);
            o.conversations = 2_000;
        });
        let (code, stdout, stderr) = run(h.ucconv().args(["list", "--limit", limit, "-o", "tsv"]));
        let case = format!("step {step}, --limit {limit}");
        assert_no_crash(code, &stderr);
        // Once a page repeats rows, only full pages are asked for, so the limit is reached.
        assert_eq!(code, 0, "{case}: {stderr}");
        let uuids = uuids_of(&stdout);
        let distinct: HashSet<&str> = uuids.iter().copied().collect();
        assert_eq!(distinct.len(), uuids.len(), "{case}: a row printed twice");
        assert!(uuids.len() > 200, "{case}: gave up after the first page");
        let expected = &h.emulator.conversation_uuids()[..uuids.len()];
        assert_eq!(uuids, expected, "{case}: in order, none skipped");
        assert_eq!(uuids.len().to_string(), limit, "{case}");
    }
}

#[test]
fn retry_after_beyond_any_clock_exits_5_without_a_panic() {
    for (status, exit) in [(429, 5), (503, 7)] {
        for value in ["300000000000", "9223372036854775807"] {
            let h = always(Fault::error(status, "Slow down.").with_header("Retry-After", value));
            let (code, stdout, stderr) = run(h.ucconv().args(["list"]));
            assert_no_crash(code, &stderr);
            assert_eq!(code, exit, "HTTP {status}, Retry-After {value}: {stderr}");
            assert_eq!(stdout, "");
            assert_one_error(&stderr, "the server asks to wait");
            assert!(
                stderr.contains("try again") || stderr.contains("never"),
                "{stderr}"
            );
            assert_eq!(h.requests().len(), 1, "a wait that long is not slept");
        }
    }
}

#[test]
fn a_table_cell_of_65536_characters_is_cut_not_a_panic() {
    let huge = "x".repeat(70_000);
    let cases = [
        ("conversation_uuid", row(&huge, json!({}))),
        ("medium", row("u-medium", json!({ "medium": huge }))),
        (
            "last_message_dts",
            row("u-dts", json!({ "last_message_dts": huge })),
        ),
    ];
    for (field, hostile) in cases {
        let h = always(page(vec![row("u-plain", json!({})), hostile], false, None));
        let (code, stdout, stderr) = run(h.ucconv().args(["list", "-o", "table"]));
        assert_no_crash(code, &stderr);
        assert_eq!(code, 0, "{field}: {stderr}");
        assert_eq!(stdout.lines().count(), 3, "{field}: a header and two rows");
        for line in stdout.lines() {
            let width = line.chars().count();
            assert!(width <= 100, "{field}: {width} columns: {}", head(line));
        }
    }
}

#[test]
fn a_page_of_several_cut_cells_still_fits_the_terminal() {
    let huge = "x".repeat(70_000);
    let rows = vec![
        row("u-plain", json!({})),
        row(&huge, json!({})),
        row("u-medium", json!({ "medium": huge })),
        row("u-dts", json!({ "last_message_dts": huge })),
    ];
    let h = always(page(rows, false, None));
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "-o", "table"]));
    assert_no_crash(code, &stderr);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 5, "a header and four rows");
    for line in stdout.lines() {
        let width = line.chars().count();
        assert!(width <= 100, "{width} columns: {}", head(line));
    }
}

#[test]
fn jq_on_a_row_nested_30000_deep_exits_8() {
    let h = always(raw_page(&[nested_row(30_000)]));
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--jq", ".[0]"]));
    assert_no_crash(code, &stderr);
    assert_eq!(code, 8, "{}", head(&stderr));
    assert_eq!(stdout, "");
    let error = parse_json(&stderr);
    let message = error["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(&format!("nested more than {MAX_DEPTH} levels")),
        "{stderr}"
    );
}

#[test]
fn a_row_nested_deeper_than_the_limit_is_an_error_not_a_blank() {
    let deep = nested_row(MAX_DEPTH + 36);
    for args in [
        &["list", "-o", "tsv"][..],
        &["list", "-o", "table"],
        &["list", "--unread"],
    ] {
        let h = always(raw_page(&[
            row("u-plain", json!({})).to_string(),
            deep.clone(),
        ]));
        let (code, stdout, stderr) = run(h.ucconv().args(args));
        assert_no_crash(code, &stderr);
        assert_eq!(code, 8, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert_one_error(&stderr, &format!("nested more than {MAX_DEPTH} levels"));
    }
}

#[test]
fn bodies_past_the_cap_exit_8() {
    let cases = [
        ("Content-Length", Fault::huge_json(3 * MIB)),
        ("chunked", chunked_json(3 * MIB)),
        ("gzip bomb", Fault::gzip_bomb(8 * MIB)),
    ];
    for (kind, fault) in cases {
        for args in [&["list"][..], &["get", "some-uuid"]] {
            let h = always(fault.clone());
            let (code, stdout, stderr) = run(h.ucconv().env("UCCONV_MAX_BODY_MIB", "1").args(args));
            assert_no_crash(code, &stderr);
            assert_eq!(code, 8, "{kind} {args:?}: {stderr}");
            assert_eq!(stdout, "", "{kind} {args:?}");
            assert_one_error(&stderr, "larger than 1 MiB");
            assert_eq!(
                h.requests().len(),
                1,
                "{kind} {args:?}: refused, not retried"
            );
        }
    }
}

#[test]
fn a_body_under_the_cap_still_works() {
    let h = always(Fault::huge_json(500 << 10));
    let (code, stdout, stderr) = run(h.ucconv().env("UCCONV_MAX_BODY_MIB", "1").args(["list"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "", "the array is empty");
    assert_eq!(stderr, "");
}

/// Peak resident set of a finished process as GNU time reports it, in KiB.
fn max_rss_from_time_report(report: &str) -> Option<u64> {
    report.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|n| n.trim().parse().ok())
    })
}

/// VmHWM (peak resident set) of a running process, in KiB.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        line.strip_prefix("VmHWM:")
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    })
}

#[test]
fn gzip_bomb_of_4_gib_is_refused_at_the_default_cap() {
    let h = always(Fault::gzip_bomb(4 << 30));
    let mut ucconv = h.ucconv_std();
    ucconv.args(["get", "some-uuid"]);
    let time = Path::new("/usr/bin/time");
    let report = h.home.path().join("time-report.txt");
    let mut command = if time.exists() {
        // GNU time writes its report to a file, so ucconv's stderr stays its own.
        let mut wrapped = Command::new(time);
        wrapped.env_clear();
        for (name, value) in ucconv.get_envs() {
            if let Some(value) = value {
                wrapped.env(name, value);
            }
        }
        wrapped
            .arg("-o")
            .arg(&report)
            .arg("-v")
            .arg(ucconv.get_program())
            .args(ucconv.get_args());
        wrapped
    } else {
        ucconv
    };
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ucconv starts");
    // Without GNU time, poll the peak while it runs (the last reading may miss the very end).
    let mut polled = None;
    while child.try_wait().expect("wait for ucconv").is_none() {
        if !time.exists() {
            polled = vm_hwm(child.id()).max(polled);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let elapsed = started.elapsed();
    let output = child.wait_with_output().expect("ucconv output");
    let code = output.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_no_crash(code, &stderr);
    assert_eq!(code, 8, "{stderr}");
    assert_eq!(stdout, "");
    assert_one_error(&stderr, "larger than 64 MiB");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    let peak = if time.exists() {
        std::fs::read_to_string(&report)
            .ok()
            .as_deref()
            .and_then(max_rss_from_time_report)
    } else {
        polled
    };
    match peak {
        Some(kib) => {
            eprintln!(
                "gzip bomb of 4 GiB: exit {code} after {elapsed:?}, peak RSS {} MB",
                kib * 1024 / 1_000_000
            );
            assert!(kib * 1024 < 300_000_000, "peak RSS {kib} KiB");
        }
        None => eprintln!("gzip bomb of 4 GiB: exit {code} after {elapsed:?}, peak RSS unknown"),
    }
}

#[test]
fn huge_headers_get_a_clear_error() {
    let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: ".to_vec();
    response.extend(std::iter::repeat_n(b'a', MIB as usize));
    response.extend_from_slice(b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    let (base_url, connections) = raw_server(response);
    let h = Harness::new();
    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .env("UCCONV_BASE_URL", &base_url)
            .args(["--timeout", "5", "list"]));
    assert_no_crash(code, &stderr);
    assert!(code == 6 || code == 8, "{code}: {stderr}");
    assert_eq!(stdout, "");
    assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");
    let connections = connections.load(Ordering::SeqCst);
    assert!((1..=4).contains(&connections), "{connections} connections");
}

/// Every trick a message can play on a terminal: OSC 52 (writes the clipboard), BEL, a C1 CSI
/// (clears the screen), a bidi override.
const HOSTILE_MESSAGE: &str = "Refund \u{1b}]52;c;aGk=\u{7}denied\u{9b}2J \u{202e}dnufer";
const TERMINAL_TRICKS: [char; 4] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'];

fn assert_no_tricks(text: &str, what: &str) {
    for trick in TERMINAL_TRICKS {
        assert!(!text.contains(trick), "{what}: {trick:?} in {text:?}");
    }
}

#[test]
fn server_error_text_is_cleaned_before_it_reaches_stderr() {
    // A header cannot carry ESC, BEL or DEL (no HTTP parser accepts them), but it can carry
    // UTF-8: the C1 CSI and the bidi override. (Seen: ucconv ignores a header that is not plain
    // ASCII and says "the server answered 400 Bad Request".)
    let header = "Refund \u{9b}2J \u{202e}dnufer";
    let head = format!(
        "HTTP/1.1 400 Bad Request\r\nUC-REST-ERROR: {header}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let (header_server, _) = raw_server(head.into_bytes());
    let success_false = json!({
        "conversation": null, "success": false, "error": {"user_message": HOSTILE_MESSAGE}
    });
    for json_mode in [false, true] {
        let cases: [(&str, Harness, Option<&str>); 3] = [
            (
                "ErrorResponse",
                always(Fault::error(400, HOSTILE_MESSAGE)),
                None,
            ),
            (
                "UC-REST-ERROR header",
                Harness::new(),
                Some(header_server.as_str()),
            ),
            (
                "success: false",
                always(Fault::json(200, success_false.clone())),
                None,
            ),
        ];
        for (what, h, base_url) in cases {
            let mut command = h.ucconv();
            if let Some(base_url) = base_url {
                command.env("UCCONV_BASE_URL", base_url);
            }
            if json_mode {
                command.arg("--json");
            }
            let (code, stdout, stderr) = run(command.args(["--retries", "0", "get", "abc"]));
            let what = format!("{what}, json {json_mode}");
            assert_no_crash(code, &stderr);
            assert_eq!(code, 1, "{what}: {stderr}");
            assert_eq!(stdout, "", "{what}");
            assert_no_tricks(&stderr, &what);
            if json_mode {
                let error = parse_json(&stderr);
                let message = error["error"]["message"].as_str().unwrap_or_default();
                assert_no_tricks(message, &what);
                assert!(message.contains("(HTTP "), "{what}: {message}");
            } else {
                assert_eq!(error_lines(&stderr).len(), 1, "{what}: {stderr}");
            }
        }
    }
}

/// Fails on any character that could drive a terminal, except `\n` and SGR colours
/// (`ESC [ digits/semicolons m`), and on invisible or bidi characters.
fn assert_terminal_safe(text: &str, what: &str) {
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        // Some 40 bytes before the character, from a character boundary.
        let context = || {
            let from = (0..=at.saturating_sub(40))
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            head(&text[from..].escape_debug().to_string())
        };
        match c {
            '\n' => {}
            '\u{1b}' => {
                assert_eq!(
                    chars.next().map(|(_, c)| c),
                    Some('['),
                    "{what}: ESC not starting SGR at {}",
                    context()
                );
                let end = loop {
                    match chars.next() {
                        Some((_, c)) if c.is_ascii_digit() || c == ';' => {}
                        other => break other.map(|(_, c)| c),
                    }
                };
                assert_eq!(end, Some('m'), "{what}: not an SGR at {}", context());
            }
            c if c.is_control() => panic!("{what}: control {c:?} at {}", context()),
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                panic!("{what}: invisible {c:?} at {}", context())
            }
            _ => {}
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal_in_table_views() {
    let h = harness(|o| o.hostile_text = true);
    let (code, stdout, stderr) = run(h
        .ucconv()
        .args(["list", "-o", "table", "--color", "always"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\u{1b}["), "colours are on");
    assert_terminal_safe(&stdout, "list");
    assert_terminal_safe(&stderr, "list stderr");
    let uuids = h.emulator.conversation_uuids();
    // The first (and the eleventh) have unparseable, escape-laden dates.
    for uuid in [&uuids[0], &uuids[1], &uuids[7], &uuids[10]] {
        let (code, stdout, stderr) = run(h
            .ucconv()
            .args(["get", uuid, "-o", "table", "--color", "always"]));
        assert_eq!(code, 0, "{uuid}: {stderr}");
        assert!(stdout.contains("\u{1b}["), "colours are on");
        assert_terminal_safe(&stdout, &format!("get {uuid}"));
        assert_terminal_safe(&stderr, &format!("get {uuid} stderr"));
    }
}

fn assert_only_tabs_and_newlines(text: &str, what: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\t' && c != '\n')
    {
        panic!(
            "{what}: {c:?} in {}",
            head(&text.escape_debug().to_string())
        );
    }
}

#[test]
fn tsv_escapes_every_control_character() {
    let h = harness(|o| o.hostile_text = true);
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "-o", "tsv"]));
    assert_eq!(code, 0, "{stderr}");
    assert_only_tabs_and_newlines(&stdout, "list");
    assert!(stdout.contains(r"\x1b]52"), "the escaped form is kept");
    assert_eq!(stdout.lines().count(), 30);
    for line in stdout.lines() {
        assert_eq!(line.split('\t').count(), 8, "columns intact: {line}");
    }
    let uuids = h.emulator.conversation_uuids();
    for uuid in [&uuids[0], &uuids[1], &uuids[7]] {
        let (code, stdout, stderr) = run(h.ucconv().args(["get", uuid, "-o", "tsv"]));
        assert_eq!(code, 0, "{uuid}: {stderr}");
        assert_only_tabs_and_newlines(&stdout, &format!("get {uuid}"));
        assert!(stdout.contains(r"\x1b]52"), "{uuid}: {stdout}");
        for line in stdout.lines() {
            assert_eq!(line.split('\t').count(), 5, "columns intact: {line}");
        }
    }
}

#[test]
fn get_json_keeps_numbers_as_the_server_wrote_them() {
    let body = r#"{"conversation": {"conversation_uuid": "u", "virtual_agent_cost": 1e400, "n": 1E5, "m": -0.0e-0}, "success": true}"#;
    for format in [&["--json"][..], &["-o", "jsonl"]] {
        let h = always(Fault::raw(200, "application/json", body));
        let (code, stdout, stderr) = run(h.ucconv().args(["get", "u"]).args(format));
        assert_eq!(code, 0, "{format:?}: {stderr}");
        for number in ["1e400", "1E5", "-0.0e-0"] {
            assert!(
                stdout.contains(number),
                "{format:?}: {number} not in {stdout}"
            );
        }
        assert_eq!(stdout.lines().count(), 1, "{format:?}: {stdout}");
    }
}

/// What the kernel says a process is waiting in (`anon_pipe_write`…), where it says.
fn wchan(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default()
}

#[test]
fn ctrl_c_with_a_blocked_stdout_exits_130_within_a_second() {
    // Pages of 20 rows (about 20 KB of JSON): a few arrive before the 64 KiB pipe is full, so
    // ucconv is blocked mid-listing, not before its second request.
    let h = harness(|o| {
        o.conversations = 10_000;
        o.page_cap = Some(20);
    });
    let mut child = h
        .ucconv_std()
        .args(["list", "--all", "--json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ucconv starts");
    // Held open and never read, so the pipe fills and ucconv blocks writing.
    let _stdout = child.stdout.take();
    common::wait_for_requests(&h, 2);
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        child.try_wait().expect("poll ucconv").is_none(),
        "ucconv ended before Ctrl-C"
    );
    let (pages, waiting_in) = (h.requests().len(), wchan(child.id()));
    common::interrupt(&child);
    let sent = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll ucconv") {
            break status;
        }
        if sent.elapsed() > Duration::from_secs(3) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running 3 s after Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let took = sent.elapsed();
    eprintln!(
        "Ctrl-C with a blocked stdout: {status} after {took:?} ({pages} requests, waiting in {waiting_in:?})"
    );
    assert_eq!(status.code(), Some(130));
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

/// Runs ucconv with stdout to /dev/null and a stderr pipe whose reader is gone: the exit code.
fn exit_code_with_stderr_closed(h: &Harness, args: &[&str]) -> i32 {
    let mut child = h
        .ucconv_std()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ucconv starts");
    drop(child.stderr.take());
    child.wait().expect("ucconv ends").code().unwrap_or(-1)
}

#[test]
fn a_closed_stderr_does_not_crash_verbose_output() {
    let h = harness(|o| o.conversations = 1_000);
    let code = exit_code_with_stderr_closed(&h, &["-v", "list", "--all"]);
    assert_eq!(code, 0);
    assert_eq!(h.requests().len(), 5, "every page was still fetched");

    let h = harness(|o| o.conversations = 1_000);
    h.emulator.inject(FaultRule::times(
        Fault::error(429, "Slow down.").with_header("Retry-After", "0"),
        1,
    ));
    let code = exit_code_with_stderr_closed(&h, &["-v", "list", "--all"]);
    assert_eq!(code, 0, "with a retry notice");
    assert_eq!(h.requests().len(), 6, "the 429 was retried");
}

#[test]
fn a_same_origin_redirect_loop_is_called_a_loop() {
    let h = always(
        Fault::raw(302, "", "").with_header("Location", "/rest/v2/conversation/conversations"),
    );
    let (code, stdout, stderr) = run(h.ucconv().args(["list"]));
    assert_no_crash(code, &stderr);
    assert_eq!(code, 8, "{stderr}");
    assert_eq!(stdout, "");
    assert_one_error(&stderr, "keeps redirecting");
    assert!(
        !stderr.contains("not following it with your credentials"),
        "{stderr}"
    );
    let requests = h.requests().len();
    assert!((2..=7).contains(&requests), "{requests} requests");

    let h = always(Fault::raw(302, "", "").with_header("Location", "http://127.0.0.2:1/x"));
    let (code, stdout, stderr) = run(h.ucconv().args(["list"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert_one_error(&stderr, "not following it with your credentials");
    assert_eq!(h.requests().len(), 1);
}

#[test]
fn a_120_kb_uuid_is_a_usage_error_without_a_request() {
    let h = Harness::new();
    let uuid = "a".repeat(120_000);
    let (code, stdout, stderr) = run(h.ucconv().args(["get", &uuid]));
    assert_no_crash(code, &stderr);
    assert_eq!(code, 2, "{}", head(&stderr));
    assert_eq!(stdout, "");
    assert_one_error(&stderr, "not a conversation UUID");
    assert!(stderr.len() < 1_000, "the uuid is not echoed back");
    assert!(h.requests().is_empty());
}

#[test]
fn a_base_url_without_rest_v2_points_at_the_base_url() {
    let h = Harness::new();
    let base_url = h.emulator.base_url();
    let root = base_url
        .strip_suffix("/rest/v2")
        .expect("the emulator's base URL");
    let (code, stdout, stderr) = run(h.ucconv().env("UCCONV_BASE_URL", root).args(["list"]));
    assert_eq!(code, 4, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");
    let hints: Vec<&str> = stderr.lines().filter(|l| l.starts_with("hint:")).collect();
    assert_eq!(hints.len(), 1, "{stderr}");
    assert!(hints[0].contains("--base-url"), "{stderr}");
    assert!(!hints[0].contains("`ucconv list` shows"), "{stderr}");
}

#[test]
fn offset_past_u64_max_does_not_wrap() {
    let rows = (0..5).map(|n| row(&format!("u{n}"), json!({}))).collect();
    let h = always(page(rows, true, None));
    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .args(["list", "--offset", "18446744073709551615", "--limit", "5"]));
    assert_no_crash(code, &stderr);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(uuids_of(&stdout), ["u0", "u1", "u2", "u3", "u4"]);
    let request = h.only_request();
    assert!(
        request
            .query_pairs()
            .contains(&("_offset".into(), "18446744073709551615".into())),
        "{:?}",
        request.query
    );
}

#[test]
fn a_queue_named_dot_dot_cannot_redirect_a_write() {
    for name in ["..", "."] {
        let h = Harness::new();
        let (code, _, stderr) = run(h.ucconv().args(["status", "available", "--queue", name]));
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(
            h.requests().iter().all(|r| r.method == "GET"),
            "{name}: nothing written"
        );
    }
}

#[test]
fn an_envelope_without_its_payload_is_exit_8_not_a_blank_object() {
    let h = always(Fault::json(
        200,
        json!({"conversation_agent_auth": {"jwt": "a.b.c"}, "success": true}),
    ));
    for args in [&["auth"][..], &["auth", "--env"], &["get", "u-1", "--json"]] {
        let (code, stdout, stderr) = run(h.ucconv().args(args));
        assert_eq!(code, 8, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
    }
}

#[test]
fn a_list_item_that_is_not_an_object_is_an_error_not_dropped() {
    let h = always(Fault::json(
        200,
        json!({"conversations": [null, 5, "x", {"conversation_uuid": "u-1"}], "success": true}),
    ));
    let (code, _, stderr) = run(h.ucconv().args(["list"]));
    assert_eq!(code, 8, "{stderr}");
    assert!(stderr.contains("not an object"), "{stderr}");
}

#[test]
fn paging_that_breaks_still_shows_the_page_that_showed_it() {
    let h = harness(|o| {
        o.next_offset_step = Some(0);
        o.conversations = 300;
    });
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--limit", "300", "-o", "tsv"]));
    assert_eq!(code, 8, "{stderr}");
    assert_eq!(stdout.lines().count(), 200, "the first page is printed");
}

#[test]
fn a_server_that_repeats_the_key_never_gets_it_printed() {
    let body = json!({"success": false, "error": {"user_message": format!("bad key {}", ucconv_emulator::DEFAULT_KEY)}});
    let h = always(Fault::json(400, body));
    for args in [
        &["--retries", "0", "list"][..],
        &["-vv", "--retries", "0", "list"],
        &["--json", "list"],
    ] {
        let (code, stdout, stderr) = run(h.ucconv().args(args));
        assert_eq!(code, 1, "{args:?}");
        assert!(
            !stderr.contains(ucconv_emulator::DEFAULT_KEY)
                && !stdout.contains(ucconv_emulator::DEFAULT_KEY),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("[redacted]"), "{stderr}");
    }
}
