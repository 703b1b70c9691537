//! stderr at a real terminal: a spinner for every slow request, only where a person watches both
//! streams, never glued to a notice; and colours that arrive as colours, not as text.

mod common;

use std::time::Duration;

use common::{Harness, run};
use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};
use ucconv_emulator::{Fault, FaultRule};

/// Runs `script` under `sh -c` on a pseudo-terminal, with `ucconv` on the PATH and the harness's
/// environment; returns the exit code and everything the terminal showed.
fn on_terminal(h: &Harness, script: &str) -> (i32, String) {
    let binary = assert_cmd::cargo::cargo_bin!("ucconv");
    let mut command = h.ucconv_std();
    command.env("TERM", "xterm-256color").env(
        "PATH",
        format!("{}:/usr/bin:/bin", binary.parent().unwrap().display()),
    );
    let mut shell = std::process::Command::new("sh");
    shell.args(["-c", script]).env_clear();
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            shell.env(key, value);
        }
    }
    let mut session = Session::spawn(shell).expect("spawn on a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    let seen = session.expect(Eof).expect("the program ends");
    let shown = String::from_utf8_lossy(seen.as_bytes()).into_owned();
    match session.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => (code, shown),
        other => panic!("not a normal exit: {other:?}\n{shown}"),
    }
}

fn slow(h: &Harness) {
    h.emulator.inject(FaultRule::times(
        Fault::Delay(Duration::from_millis(900)),
        1,
    ));
}

#[test]
fn every_slow_request_shows_a_spinner_not_only_list() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let cases = [
        (format!("ucconv get {uuid}"), "Loading the conversation…"),
        (format!("ucconv join {uuid}"), "Joining…"),
        (format!("ucconv leave {uuid} --yes"), "Leaving…"),
        ("ucconv auth".to_string(), "Authorizing…"),
        ("ucconv start --participant p".to_string(), "Starting…"),
    ];
    for (script, label) in cases {
        slow(&h);
        let (code, shown) = on_terminal(&h, &script);
        assert_eq!(code, 0, "{script}: {shown}");
        assert!(shown.contains(label), "{script}: no spinner in {shown:?}");
    }
}

#[test]
fn no_spinner_when_stdout_is_a_pipe() {
    let h = Harness::new();
    slow(&h);
    let (code, shown) = on_terminal(&h, "ucconv list --limit 3 -o table | cat");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("LAST MESSAGE"), "{shown}");
    assert!(
        !shown.contains("Loading"),
        "a spinner under a pager: {shown:?}"
    );
}

/// The terminal's text as lines, escape sequences removed, `\r` taken as a line start.
fn segments(shown: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = shown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next_if_eq(&'[').is_some() {
                while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
            }
            continue;
        }
        plain.push(c);
    }
    plain.split(['\r', '\n']).map(str::to_string).collect()
}

#[test]
fn a_retry_notice_is_never_glued_to_the_spinner_line() {
    let h = Harness::new();
    let rate_limited = Fault::error(429, "Slow down.").with_header("Retry-After", "1");
    h.emulator.inject(FaultRule::times(rate_limited, 2));
    let (code, shown) = on_terminal(&h, "ucconv list --limit 1");
    assert_eq!(code, 0, "{shown}");
    let notices: Vec<_> = segments(&shown)
        .into_iter()
        .filter(|s| s.contains("rate limited"))
        .collect();
    assert_eq!(notices.len(), 2, "{shown:?}");
    for notice in notices {
        assert!(notice.starts_with("rate limited"), "glued: {notice:?}");
    }
}

#[test]
fn get_header_colours_closed_and_unread_as_colours_not_text() {
    let h = Harness::new();
    let body = serde_json::json!({"conversation": {
        "conversation_uuid": "u-1", "closed": true, "unread_messages": true, "messages": []
    }});
    h.emulator
        .inject(FaultRule::times(Fault::json(200, body), 1));
    let (code, stdout, stderr) = run(h
        .ucconv()
        .args(["--color", "always", "-o", "table", "get", "u-1"]));
    assert_eq!(code, 0, "{stderr}");
    let closed = stdout.lines().find(|l| l.starts_with("Closed")).unwrap();
    assert!(closed.contains("\u{1b}["), "coloured: {closed:?}");
    for (index, _) in closed.match_indices('[') {
        assert_eq!(
            &closed[index - 1..index],
            "\u{1b}",
            "literal style text: {closed:?}"
        );
    }
}

/// A pager that records what it is given into a file, for the pager tests.
fn recording_pager(h: &Harness) -> (String, std::path::PathBuf) {
    let file = h.home.path().join("paged.txt");
    (format!("sh -c 'cat > {}'", file.display()), file)
}

#[test]
fn long_output_on_a_terminal_goes_through_the_pager() {
    let h = Harness::new();
    let (pager, file) = recording_pager(&h);
    for script in [
        "ucconv list --limit 5",
        "ucconv get $(ucconv list --limit 1 -o tsv | cut -f1)",
    ] {
        let _ = std::fs::remove_file(&file);
        let (code, shown) = on_terminal(&h, &format!("UCCONV_PAGER=\"{pager}\" {script}"));
        assert_eq!(code, 0, "{script}: {shown}");
        let paged = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            paged.contains("LAST MESSAGE") || paged.contains("Transcript"),
            "{script}: {paged}"
        );
        assert!(
            !shown.contains("LAST MESSAGE") && !shown.contains("Transcript"),
            "{shown}"
        );
    }
}

#[test]
fn no_pager_off_a_terminal_with_no_pager_or_an_empty_ucconv_pager() {
    let h = Harness::new();
    let (pager, file) = recording_pager(&h);
    let cases = [
        format!("UCCONV_PAGER=\"{pager}\" ucconv list --limit 3 -o table | cat"),
        format!("UCCONV_PAGER=\"{pager}\" ucconv --no-pager list --limit 3"),
        format!("UCCONV_PAGER= PAGER=\"{pager}\" ucconv list --limit 3"),
    ];
    for script in cases {
        let (code, shown) = on_terminal(&h, &script);
        assert_eq!(code, 0, "{script}: {shown}");
        assert!(!file.exists(), "{script}: the pager ran");
        assert!(shown.contains("LAST MESSAGE"), "{script}: {shown}");
    }
}

#[test]
fn a_pager_that_cannot_start_falls_back_to_plain_output() {
    let h = Harness::new();
    let (code, shown) = on_terminal(&h, "UCCONV_PAGER=/nonexistent/pager ucconv list --limit 3");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("LAST MESSAGE"), "{shown}");
}
