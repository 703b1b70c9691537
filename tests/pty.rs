//! Prompts driven through a real pseudo-terminal: picker, confirmation, cancellation, config init.

mod common;

use std::time::Duration;

use common::Harness;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use ucconv_emulator::{AGENT_ARN, DEFAULT_KEY};

const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
const DOWN: &str = "\x1b[B";

/// ucconv on a pseudo-terminal: stdin, stdout and stderr are all a terminal.
fn spawn(mut command: std::process::Command, args: &[&str]) -> OsSession {
    command.env("TERM", "xterm-256color").args(args);
    let mut session = Session::spawn(command).expect("spawn on a pty");
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session
}

/// Reads to the end and returns the exit code with everything the terminal showed.
fn finish(mut session: OsSession) -> (i32, String) {
    let seen = session.expect(Eof).expect("the program ends");
    let shown = String::from_utf8_lossy(seen.as_bytes()).into_owned();
    match session.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => (code, shown),
        other => panic!("not a normal exit: {other:?}\n{shown}"),
    }
}

/// Waits for `prompt` on the screen, then types `keys`.
fn answer(session: &mut OsSession, prompt: &str, keys: &str) {
    session
        .expect(prompt)
        .unwrap_or_else(|e| panic!("no {prompt:?} prompt: {e}"));
    session.send(keys).unwrap();
}

fn join_first(h: &Harness) -> String {
    let uuid = h.newest_uuid();
    let (code, _, stderr) = common::run(h.ucconv().args(["join", &uuid]));
    assert_eq!(code, 0, "{stderr}");
    h.emulator.clear_requests();
    uuid
}

fn methods(h: &Harness) -> Vec<String> {
    h.requests().iter().map(|r| r.method.clone()).collect()
}

#[test]
fn leave_asks_and_yes_leaves() {
    let h = Harness::new();
    let uuid = join_first(&h);
    let mut session = spawn(h.ucconv_std(), &["leave", &uuid]);
    session
        .expect(format!("Leave conversation {uuid}?").as_str())
        .unwrap();
    session.send("y").unwrap();
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("✓") && shown.contains(&format!(" Left conversation {}.", &uuid[..8])),
        "{shown}"
    );
    assert_eq!(methods(&h), ["DELETE"]);
}

#[test]
fn leave_declined_or_cancelled_exits_130_and_changes_nothing() {
    for key in ["n", ESC, CTRL_C] {
        let h = Harness::new();
        let uuid = join_first(&h);
        let mut session = spawn(h.ucconv_std(), &["leave", &uuid]);
        session.expect("Leave conversation").unwrap();
        session.send(key).unwrap();
        let (code, shown) = finish(session);
        assert_eq!(code, 130, "{key:?}: {shown}");
        assert!(h.requests().is_empty(), "{key:?}: nothing sent");
        let agent = h.emulator.conversation(&uuid).unwrap()["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["conversation_participant_arn"] == AGENT_ARN && p["left_dts"].is_null());
        assert!(agent, "still a participant");
    }
}

#[test]
fn get_without_a_uuid_picks_from_recent_conversations() {
    let h = Harness::new();
    let uuids = h.emulator.conversation_uuids();
    let mut session = spawn(h.ucconv_std(), &["get"]);
    answer(&mut session, "Conversation to get", &format!("{DOWN}\r"));
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    let requests = h.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].query.as_deref(),
        Some("_limit=50"),
        "the picker's list"
    );
    assert_eq!(
        requests[1].path,
        format!("/rest/v2/conversation/conversations/{}", uuids[1]),
        "the second entry was picked"
    );
    assert!(
        shown.contains(&format!("Conversation  {}", uuids[1])),
        "{shown}"
    );
}

#[test]
fn the_picker_filters_by_typing() {
    let h = Harness::new();
    let target = h
        .emulator
        .conversation(&h.emulator.conversation_uuids()[5])
        .unwrap();
    let name = target["participants"][0]["conversation_participant_name"]
        .as_str()
        .unwrap()
        .to_string();
    let mut session = spawn(h.ucconv_std(), &["join"]);
    session.expect("Conversation to join").unwrap();
    session.send(&name).unwrap();
    session.send("\r").unwrap();
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    let joined = &h.requests()[1];
    assert_eq!(joined.method, "PUT");
    let picked = joined
        .path
        .trim_end_matches("/join")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let picked_name = h.emulator.conversation(&picked).unwrap()["participants"][0]
        ["conversation_participant_name"]
        .clone();
    assert_eq!(
        picked_name,
        name.as_str(),
        "an entry matching the filter was joined"
    );
}

#[test]
fn cancelling_the_picker_exits_130() {
    for key in [ESC, CTRL_C] {
        let h = Harness::new();
        let mut session = spawn(h.ucconv_std(), &["join"]);
        session.expect("Conversation to join").unwrap();
        session.send(key).unwrap();
        let (code, shown) = finish(session);
        assert_eq!(code, 130, "{key:?}: {shown}");
        assert_eq!(methods(&h), ["GET"], "{key:?}: nothing joined");
    }
}

#[test]
fn no_input_never_prompts_even_on_a_terminal() {
    let h = Harness::new();
    let session = spawn(h.ucconv_std(), &["--no-input", "leave"]);
    let (code, shown) = finish(session);
    assert_eq!(code, 2, "{shown}");
    assert!(shown.contains("needs a conversation UUID"), "{shown}");
    assert!(h.requests().is_empty());
}

#[test]
fn ucconv_no_input_and_json_output_never_prompt_on_a_terminal() {
    let h = Harness::new();
    let mut command = h.ucconv_std();
    command.env("UCCONV_NO_INPUT", "1");
    let (code, shown) = finish(spawn(command, &["leave"]));
    assert_eq!(code, 2, "{shown}");
    assert!(shown.contains("needs a conversation UUID"), "{shown}");
    // JSON output is for programs: no picker, and the error is JSON too.
    let (code, shown) = finish(spawn(h.ucconv_std(), &["get", "--json"]));
    assert_eq!(code, 2, "{shown}");
    assert!(
        shown
            .trim_start()
            .starts_with("{\"error\":{\"code\":\"usage\""),
        "{shown}"
    );
    assert!(h.requests().is_empty());
}

#[test]
fn config_init_asks_hides_the_key_verifies_and_saves() {
    let h = Harness::new();
    let mut session = spawn(h.bare_std(), &["config", "init"]);
    answer(&mut session, "Profile name", "\r");
    answer(
        &mut session,
        "API key (hidden): ",
        &format!("{DEFAULT_KEY}\r"),
    );
    // UCCONV_BASE_URL is set: it is offered as the default, and Enter takes it.
    session.expect("Base URL").unwrap();
    answer(&mut session, &h.emulator.base_url(), "\r");
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(!shown.contains(DEFAULT_KEY), "the key was echoed: {shown}");
    assert!(shown.contains("Saved profile \"default\""), "{shown}");
    assert_eq!(
        h.requests()[0].header("x-ultracart-simple-key"),
        Some(DEFAULT_KEY)
    );
    let text = std::fs::read_to_string(h.config_path()).unwrap();
    assert!(text.contains(DEFAULT_KEY));
    assert!(
        text.contains(&h.emulator.base_url()),
        "the default was saved: {text}"
    );

    // Again: the profile exists, so it offers to replace it or add another.
    let mut session = spawn(h.bare_std(), &["config", "init"]);
    answer(&mut session, "Profile name", "\r");
    answer(&mut session, "exists", &format!("{DOWN}\r"));
    answer(&mut session, "New profile name", "\r");
    answer(
        &mut session,
        "API key (hidden): ",
        &format!("{DEFAULT_KEY}\r"),
    );
    answer(&mut session, "Base URL", "\r");
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Saved profile \"default-2\""), "{shown}");
    let text = std::fs::read_to_string(h.config_path()).unwrap();
    assert!(
        text.contains("[profiles.default]") && text.contains("[profiles.default-2]"),
        "{text}"
    );
}

#[test]
fn config_init_asks_for_the_base_url_when_none_is_set() {
    let h = Harness::new();
    let mut command = h.bare_std();
    command.env_remove("UCCONV_BASE_URL");
    let mut session = spawn(command, &["config", "init", "--profile", "local"]);
    session.expect("API key (hidden): ").unwrap();
    session.send(format!("{DEFAULT_KEY}\r")).unwrap();
    session.expect("Base URL").unwrap();
    // Clear the suggested default first (Ctrl-U is not supported by the input; erase by backspaces).
    session.send("\x7f".repeat(60)).unwrap();
    session
        .send(format!("{}\r", h.emulator.base_url()))
        .unwrap();
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    let text = std::fs::read_to_string(h.config_path()).unwrap();
    assert!(text.contains(&h.emulator.base_url()), "{text}");
}

#[test]
fn config_init_asks_again_after_a_rejected_key() {
    let h = Harness::new();
    let mut session = spawn(h.bare_std(), &["config", "init", "--profile", "p"]);
    answer(&mut session, "API key (hidden): ", "not-the-key\r");
    answer(&mut session, "Base URL", "\r");
    session.expect("did not accept that API key").unwrap();
    answer(
        &mut session,
        "API key (hidden): ",
        &format!("{DEFAULT_KEY}\r"),
    );
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Saved profile \"p\""), "{shown}");
    assert_eq!(h.requests().len(), 2, "one check per key");
    assert!(!shown.contains("hint:"), "no circular hint: {shown}");
}

#[test]
fn ctrl_c_at_the_key_prompt_exits_130_and_saves_nothing() {
    let h = Harness::new();
    let mut session = spawn(h.bare_std(), &["config", "init", "--profile", "x"]);
    session.expect("API key (hidden): ").unwrap();
    session.send("abc").unwrap();
    session.send(CTRL_C).unwrap();
    let (code, shown) = finish(session);
    assert_eq!(code, 130, "{shown}");
    assert!(!h.config_path().exists());
    assert!(h.requests().is_empty());
}

#[test]
fn a_slow_request_shows_a_spinner_on_the_terminal_and_a_footer() {
    let h = Harness::new();
    h.emulator.inject(ucconv_emulator::FaultRule::times(
        ucconv_emulator::Fault::Delay(Duration::from_millis(1200)),
        1,
    ));
    let mut session = spawn(h.ucconv_std(), &["list", "--limit", "3"]);
    session.expect("Loading conversations…").unwrap();
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("LAST MESSAGE"),
        "a table on a terminal: {shown}"
    );
    assert!(
        shown.contains("Showing 3 of 30 conversations. Next: ucconv list --limit 3 --offset 3"),
        "{shown}"
    );
}

#[test]
fn no_color_turns_colors_off_on_a_terminal() {
    let h = Harness::new();
    let mut command = h.ucconv_std();
    command.env("NO_COLOR", "1");
    let (code, shown) = finish(spawn(command, &["list", "--limit", "3"]));
    assert_eq!(code, 0);
    assert!(!shown.contains("\x1b[1m"), "{shown:?}");
    let (code, shown) = finish(spawn(h.ucconv_std(), &["list", "--limit", "3"]));
    assert_eq!(code, 0);
    assert!(
        shown.contains("\x1b[1mID"),
        "bold header on a terminal: {shown:?}"
    );
}

#[test]
fn the_leave_picker_offers_only_conversations_the_agent_is_in() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[3].clone();
    let (code, _, stderr) = common::run(h.ucconv().args(["join", &uuid]));
    assert_eq!(code, 0, "{stderr}");
    let mut session = spawn(h.ucconv_std(), &["leave"]);
    // The only conversation the agent is in is the one joined: Enter picks it.
    answer(&mut session, "Conversation to leave", "\r");
    answer(&mut session, "Leave conversation", "y");
    let (code, shown) = finish(session);
    assert_eq!(code, 0, "{shown}");
    let leave = h
        .requests()
        .into_iter()
        .find(|r| r.method == "DELETE")
        .unwrap();
    assert!(leave.path.contains(&uuid), "{}", leave.path);
}

#[test]
fn esc_or_ctrl_c_at_a_text_prompt_leaves_a_clean_line_and_exits_130() {
    for key in [ESC, CTRL_C] {
        let h = Harness::new();
        let mut session = spawn(h.bare_std(), &["config", "init"]);
        answer(&mut session, "Profile name", key);
        let (code, shown) = finish(session);
        assert_eq!(code, 130, "{key:?}: {shown}");
        assert!(!shown.contains("› error"), "{key:?}: {shown:?}");
        assert!(!shown.contains('✔'), "no answer was taken: {shown:?}");
        assert!(!h.config_path().exists());
    }
}
