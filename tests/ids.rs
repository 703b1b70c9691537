//! Short ids: a unique prefix or an ARN works wherever a conversation UUID does.

mod common;

use common::{Harness, run};
use serde_json::json;
use ucconv_emulator::{Fault, FaultRule, MERCHANT_ID};

fn paths(h: &Harness) -> Vec<String> {
    h.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

#[test]
fn a_unique_prefix_works_for_get_join_and_leave() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let prefix = &uuid[..8];
    for args in [
        vec!["get", prefix],
        vec!["join", prefix],
        vec!["leave", prefix, "--yes"],
    ] {
        h.emulator.clear_requests();
        let (code, _, stderr) = run(h.ucconv().args(&args));
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let seen = paths(&h);
        assert_eq!(
            seen[0], "GET /rest/v2/conversation/conversations",
            "{seen:?}"
        );
        assert!(seen[1].contains(&uuid), "the whole uuid is used: {seen:?}");
        assert_eq!(seen.len(), 2);
    }
}

#[test]
fn a_whole_uuid_or_an_arn_needs_no_lookup() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let arn = format!("arn:ultracart:conversation:{MERCHANT_ID}:conversation:{uuid}");
    for given in [uuid.clone(), arn, uuid.to_uppercase()] {
        h.emulator.clear_requests();
        let (code, _, stderr) = run(h.ucconv().args(["get", &given]));
        let seen = paths(&h);
        assert_eq!(seen.len(), 1, "{given}: {seen:?} {stderr}");
        assert!(seen[0].to_lowercase().contains(&uuid), "{seen:?}");
        if given != uuid.to_uppercase() {
            assert_eq!(code, 0, "{stderr}");
        }
    }
}

#[test]
fn an_ambiguous_prefix_lists_the_candidates_and_exits_2() {
    let h = Harness::new();
    let row = |uuid: &str, name: &str| json!({"conversation_uuid": uuid, "participants": [{"conversation_participant_name": name}]});
    let page = json!({
        "conversations": [
            row("abcdef12-0000-0000-0000-000000000001", "Ava Adams"),
            row("abcdef12-0000-0000-0000-000000000002", "Ben Brooks"),
        ],
        "metadata": {"result_set": {"more": false}},
        "success": true
    });
    h.emulator
        .inject(FaultRule::always(Fault::json(200, page)).for_path("/conversations"));
    let (code, stdout, stderr) = run(h.ucconv().args(["get", "abcdef12"]));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("matches 2 recent conversations"),
        "{stderr}"
    );
    assert!(
        stderr.contains("000000000001 (Ava Adams)") && stderr.contains("(Ben Brooks)"),
        "{stderr}"
    );
    assert_eq!(
        paths(&h),
        ["GET /rest/v2/conversation/conversations"],
        "no get"
    );
}

#[test]
fn a_prefix_nobody_has_is_tried_as_an_id_and_not_found() {
    let h = Harness::new();
    let (code, _, stderr) = run(h.ucconv().args(["get", "ffffffff"]));
    assert_eq!(code, 4, "{stderr}");
    let seen = paths(&h);
    assert_eq!(
        seen.last().unwrap(),
        "GET /rest/v2/conversation/conversations/ffffffff"
    );
}
