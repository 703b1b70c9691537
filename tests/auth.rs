//! `ucconv auth` end to end: flat and wrapped responses, the JWT's expiry, and `--env` for eval.

mod common;

use common::{Harness, assert_no_body, assert_wire_headers, parse_json, run};
use ucconv_emulator::{AGENT_ARN, Shape};

#[test]
fn auth_sends_a_bodyless_put_and_unwraps_both_shapes() {
    for shape in [Shape::Original, Shape::Current] {
        let h = Harness::shape(shape);
        let (code, stdout, stderr) = run(h.ucconv().args(["auth", "--json"]));
        assert_eq!(code, 0, "{shape:?}: {stderr}");
        let request = h.only_request();
        assert_eq!(request.method, "PUT");
        assert_eq!(request.path, "/rest/v2/conversation/agent/auth");
        assert_wire_headers(&request);
        assert_no_body(&request);

        let auth = parse_json(&stdout);
        assert_eq!(auth["conversation_participant_arn"], AGENT_ARN);
        assert!(auth["jwt"].as_str().unwrap().split('.').count() == 3);
        assert!(
            auth["websocket_url"]
                .as_str()
                .unwrap()
                .starts_with("ws://127.0.0.1:")
        );
        assert!(auth.get("agent_auth").is_none(), "unwrapped");
    }
}

#[test]
fn auth_table_shows_the_expiry_from_the_jwt() {
    let h = Harness::new();
    let (code, stdout, _) = run(h.ucconv().args(["auth", "-o", "table"]));
    assert_eq!(code, 0);
    // The emulator's JWT expires an hour after its frozen clock, which is also ucconv's "now".
    assert!(
        stdout.contains("Expires        2026-11-25 13:00 (in 1h)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("Participant    {AGENT_ARN}\n")),
        "{stdout}"
    );
}

#[test]
fn auth_tsv_is_one_line() {
    let h = Harness::shape(Shape::Original);
    let (code, stdout, _) = run(h.ucconv().arg("auth"));
    assert_eq!(code, 0);
    let fields: Vec<&str> = stdout.trim_end().split('\t').collect();
    assert_eq!(fields.len(), 5);
    assert_eq!(fields[0], AGENT_ARN);
    assert_eq!(fields[1], "", "the original shape has no name");
    assert_eq!(fields[4], "2026-11-25T13:00:00Z");
}

#[test]
fn auth_env_prints_export_lines() {
    let h = Harness::new();
    let (code, stdout, _) = run(h.ucconv().args(["auth", "--env"]));
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("export UCCONV_WS_URL=ws://127.0.0.1:"));
    assert!(lines[1].starts_with("export UCCONV_WS_JWT=eyJ"));
}

#[test]
fn auth_masks_the_jwt_on_screen_unless_show_token() {
    let h = Harness::new();
    let (_, json, _) = run(h.ucconv().args(["auth", "--json"]));
    let jwt = common::parse_json(&json)["jwt"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, stdout, _) = run(h.ucconv().args(["auth", "-o", "table"]));
    assert_eq!(code, 0);
    assert!(!stdout.contains(&jwt), "masked: {stdout}");
    assert!(
        stdout.contains(&format!("{}…  (--show-token shows it)", &jwt[..8])),
        "{stdout}"
    );
    let (_, stdout, _) = run(h.ucconv().args(["auth", "-o", "table", "--show-token"]));
    assert!(stdout.contains(&jwt), "{stdout}");
    for whole in [&["auth", "-o", "tsv"][..], &["auth", "--env"]] {
        let (_, stdout, _) = run(h.ucconv().args(whole));
        assert!(stdout.contains(&jwt), "{whole:?}: {stdout}");
    }
}
