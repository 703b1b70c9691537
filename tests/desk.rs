//! The rest of the desk against the emulator: search, context, canned, agents, departments,
//! profile, whoami and api, each asserting the exact request and the output's formats.

mod common;

use common::{Harness, parse_json, run};
use serde_json::{Value, json};
use ucconv_emulator::{Options, RecordedRequest};

fn posts(h: &Harness) -> Vec<RecordedRequest> {
    h.requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .collect()
}

fn harness(conversations: usize) -> Harness {
    Harness::with(Options {
        conversations,
        ..Options::default()
    })
}

#[test]
fn search_sends_the_filters_and_a_range_and_prints_like_list() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args([
        "search",
        "refund",
        "--medium",
        "sms",
        "--since",
        "2026-11-01T00:00:00Z",
        "--language",
        "en",
        "--email",
        "a@b.c",
        "--limit",
        "5",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let request = h.only_request();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/rest/v2/conversation/conversations/search")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.body_json().unwrap(),
        json!({"text_search": "refund", "medium_filter": "sms", "language_filter": "en", "email_filter": "a@b.c",
               "date_start": "2026-11-01T00:00:00+00:00", "order_by_newest": true, "range_begin": 0, "range_end": 5})
    );
    assert!(parse_json(&stdout).is_array());
    h.emulator.clear_requests();
    let (_, tsv, _) = run(h.ucconv().args(["search", "--oldest", "--limit", "3"]));
    assert_eq!(tsv.lines().count(), 3);
    assert!(
        tsv.lines().all(|l| l.split('\t').count() == 8),
        "list's columns"
    );
    let body = h.only_request().body_json().unwrap();
    assert_eq!(body["order_by_oldest"], true);
    assert!(
        body.get("order_by_newest").is_none(),
        "no nulls, nothing unset: {body}"
    );
}

#[test]
fn search_all_pages_by_range_until_the_total() {
    let h = harness(450);
    let (code, stdout, stderr) = run(h.ucconv().args(["search", "--all", "-o", "jsonl"]));
    assert_eq!(code, 0, "{stderr}");
    let uuids: std::collections::HashSet<String> = stdout
        .lines()
        .map(|l| {
            parse_json(l)["conversation_uuid"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(uuids.len(), 450);
    assert_eq!(stdout.lines().count(), 450, "each once");
    let ranges: Vec<(Value, Value)> = h
        .requests()
        .iter()
        .map(|r| {
            let body = r.body_json().unwrap();
            (body["range_begin"].clone(), body["range_end"].clone())
        })
        .collect();
    assert_eq!(
        ranges,
        [
            (json!(0), json!(200)),
            (json!(200), json!(400)),
            (json!(400), json!(600))
        ]
    );
}

#[test]
fn search_against_a_server_that_never_advances_exits_8() {
    let h = Harness::with(Options {
        conversations: 450,
        search_ignores_range: true,
        ..Options::default()
    });
    let (code, _, stderr) = run(h.ucconv().args(["search", "--all"]));
    assert_eq!(code, 8, "{stderr}");
    assert!(stderr.contains("did not advance"), "{stderr}");
    assert!(h.requests().len() < 5);
}

fn conversation_on(h: &Harness, medium: &str) -> String {
    h.emulator
        .conversation_uuids()
        .into_iter()
        .find(|u| h.emulator.conversation(u).unwrap()["medium"] == medium)
        .unwrap()
}

#[test]
fn context_summarises_a_webchat_and_explains_an_sms() {
    let h = Harness::new();
    let web = conversation_on(&h, "websocket");
    let (code, stdout, stderr) = run(h.ucconv().args(["context", &web, "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    for part in [
        "Current page",
        "Cart total",
        "Recent orders",
        "Pages viewed",
    ] {
        assert!(stdout.contains(part), "{part}: {stdout}");
    }
    let put = h
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!(
        put.path,
        format!("/rest/v2/conversation/conversations/{web}/context")
    );
    common::assert_no_body(&put);
    let (_, json, _) = run(h.ucconv().args(["context", &web, "--json"]));
    assert!(
        parse_json(&json)["cart"]["items"].is_array(),
        "the whole object"
    );

    let sms = conversation_on(&h, "sms");
    let (code, _, stderr) = run(h.ucconv().args(["context", &sms]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("only webchat conversations have a context"),
        "{stderr}"
    );
}

#[test]
fn canned_lists_searches_and_prints_one_text() {
    let h = Harness::new();
    let (code, all, stderr) = run(h.ucconv().args(["canned", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let all = parse_json(&all);
    assert!(all.as_array().unwrap().len() >= 3);
    assert_eq!(
        h.only_request().path,
        "/rest/v2/conversation/canned_messages"
    );
    h.emulator.clear_requests();
    let (_, found, _) = run(h
        .ucconv()
        .args(["canned", "ref", "--max-results", "2", "-o", "tsv"]));
    let request = h.only_request();
    assert_eq!(request.path, "/rest/v2/conversation/canned_messages/search");
    assert_eq!(
        request.body_json().unwrap(),
        json!({"short_code": "ref", "max_results": 2})
    );
    assert!(found.starts_with("refund\t"), "{found}");
    let (code, text, _) = run(h.ucconv().args(["canned", "refund", "--text"]));
    assert_eq!(code, 0);
    let expected = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["short_code"] == "refund")
        .unwrap()["canned_message"]
        .clone();
    assert_eq!(text.trim_end(), expected.as_str().unwrap());
}

#[test]
fn agents_and_departments_list_people() {
    let h = Harness::new();
    let (code, table, stderr) = run(h.ucconv().args(["agents", "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        table.contains("Emulator Agent") && table.contains("AI") && table.contains("human"),
        "{table}"
    );
    assert_eq!(
        h.only_request().path,
        "/rest/v2/conversation/agent/profiles"
    );
    let (_, json, _) = run(h.ucconv().args(["agents", "--json"]));
    assert!(
        parse_json(&json)
            .as_array()
            .unwrap()
            .iter()
            .all(|a| !a["user_id"].is_null())
    );
    h.emulator.clear_requests();
    let (code, departments, _) = run(h.ucconv().args(["departments", "-o", "tsv"]));
    assert_eq!(code, 0);
    assert_eq!(h.only_request().path, "/rest/v2/conversation/departments");
    assert!(
        departments.lines().any(|l| l.starts_with("Support\t")),
        "{departments}"
    );
}

#[test]
fn profile_set_changes_only_the_named_field() {
    let h = Harness::new();
    let before = h.emulator.agent_profile();
    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .args(["profile", "set", "--chat-limit", "7", "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("chat_limit:") && stdout.contains("→ 7"),
        "{stdout}"
    );
    let put = posts(&h).pop().unwrap();
    assert_eq!(
        (put.method.as_str(), put.path.as_str()),
        ("PUT", "/rest/v2/conversation/agent/profile")
    );
    let mut expected = before.clone();
    expected["chat_limit"] = json!(7);
    assert_eq!(
        put.body_json().unwrap(),
        expected,
        "the whole profile, one field changed"
    );
    assert_eq!(h.emulator.agent_profile()["chat_limit"], 7);
    let (code, _, _) = run(h.ucconv().args(["profile", "set"]));
    assert_eq!(code, 2, "a field is needed");
    let (_, shown, _) = run(h.ucconv().args(["profile", "-o", "table"]));
    assert!(
        shown.contains("Chat limit") && shown.contains('7'),
        "{shown}"
    );
}

#[test]
fn whoami_reads_only() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["whoami", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let me = parse_json(&stdout);
    assert_eq!(me["credentials"], "UCCONV_API_KEY");
    assert_eq!(me["edit_settings"], false);
    assert!(
        me["user_id"].is_string()
            && me["base_url"]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1")
    );
    assert!(
        h.requests().iter().all(|r| r.method == "GET"),
        "no agent/auth: {:?}",
        h.requests()
    );
}

#[test]
fn api_pages_through_engagements_as_one_array() {
    let h = Harness::new();
    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .args(["api", "/conversation/engagements", "--paginate"]));
    assert_eq!(code, 0, "{stderr}");
    let all = parse_json(&stdout);
    let oids: std::collections::HashSet<String> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["conversation_engagement_oid"].to_string())
        .collect();
    assert_eq!(oids.len(), all.as_array().unwrap().len());
    assert!(oids.len() > 200, "more than one page");
    let queries: Vec<String> = h
        .requests()
        .iter()
        .map(|r| r.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(queries, ["_limit=200&_offset=0", "_limit=200&_offset=200"]);
    let (_, lines, _) = run(h.ucconv().args([
        "api",
        "/rest/v2/conversation/engagements",
        "--paginate",
        "-o",
        "jsonl",
        "--jq",
        ".conversation_engagement_oid",
    ]));
    assert_eq!(
        lines.lines().count(),
        oids.len(),
        "a leading /rest/v2 is accepted; jq per line"
    );
}

#[test]
fn api_builds_bodies_and_queries_from_fields() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args([
        "api",
        "/conversation/engagements",
        "-f",
        "engagement_name=Welcome",
        "-F",
        "time_on_page=30",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let post = h.only_request();
    assert_eq!(post.method, "POST", "fields mean POST");
    assert_eq!(
        post.body_json().unwrap(),
        json!({"engagement_name": "Welcome", "time_on_page": 30})
    );
    let created = parse_json(&stdout);
    let oid = created["conversation_engagement"]["conversation_engagement_oid"].to_string();
    h.emulator.clear_requests();
    let (code, _, stderr) = run(h.ucconv().args([
        "api",
        "-X",
        "DELETE",
        &format!("/conversation/engagements/{oid}"),
    ]));
    assert_eq!(code, 0, "{stderr}");
    let delete = h.only_request();
    assert_eq!(delete.method, "DELETE");
    common::assert_no_body(&delete);
    h.emulator.clear_requests();
    let (code, _, _) = run(h.ucconv().args([
        "api",
        "-X",
        "GET",
        "/conversation/engagements",
        "-F",
        "_limit=2",
        "-f",
        "q=a b",
    ]));
    assert_eq!(code, 0);
    assert_eq!(
        h.only_request().query.as_deref(),
        Some("q=a+b&_limit=2"),
        "GET fields are the query"
    );
}

#[test]
fn api_sends_input_and_shows_headers_and_errors() {
    let h = Harness::new();
    let mut command = h.ucconv();
    command
        .args([
            "api",
            "-X",
            "PUT",
            "/conversation/agent/profile",
            "--input",
            "-",
            "-i",
            "-H",
            "X-Trace: 7",
        ])
        .write_stdin(r#"{"name": "Emulator Agent", "chat_limit": 2, "default_status": "busy"}"#);
    let (code, stdout, stderr) = run(&mut command);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("HTTP 200"), "-i: {stderr}");
    let put = h.only_request();
    assert_eq!(put.header("x-trace"), Some("7"));
    assert_eq!(
        put.header("x-ultracart-simple-key"),
        Some(ucconv_emulator::DEFAULT_KEY)
    );
    assert_eq!(put.body_json().unwrap()["chat_limit"], 2);
    assert_eq!(parse_json(&stdout)["agent_profile"]["chat_limit"], 2);
    let (code, _, stderr) = run(h.ucconv().args(["api", "/conversation/no-such-thing"]));
    assert_eq!(code, 4, "{stderr}");
    let (code, _, stderr) = run(h
        .ucconv()
        .args(["--json", "api", "/conversation/no-such-thing"]));
    assert_eq!(code, 4);
    assert_eq!(parse_json(stderr.trim())["error"]["code"], "not_found");
}

#[test]
fn api_never_sends_the_key_to_another_host_or_header() {
    let h = Harness::new();
    for args in [
        &[
            "api",
            "https://example.com/rest/v2/conversation/engagements",
        ][..],
        &["api", "http://127.0.0.2:9/rest/v2/x"],
        &[
            "api",
            "/conversation/engagements",
            "-H",
            "Authorization: Bearer stolen",
        ],
        &[
            "api",
            "/conversation/engagements",
            "-H",
            "x-ultracart-simple-key: other",
        ],
    ] {
        let (code, _, stderr) = run(h.ucconv().args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
    assert!(h.requests().is_empty(), "nothing was sent");
    let same = format!("{}/conversation/engagements", h.emulator.base_url());
    let (code, _, stderr) = run(h.ucconv().args(["api", &same, "--jq", ".success"]));
    assert_eq!(code, 0, "the base URL's own host is fine: {stderr}");
}

#[test]
fn desk_commands_report_401_and_success_false_like_every_command() {
    use ucconv_emulator::{Fault, FaultRule};
    let h = Harness::new();
    let (code, _, stderr) = run(h.bare().env("UCCONV_API_KEY", "wrong").args(["agents"]));
    assert_eq!(code, 3, "{stderr}");
    let refused =
        json!({"success": false, "error": {"user_message": "Departments are switched off."}});
    h.emulator
        .inject(FaultRule::times(Fault::json(200, refused), 1));
    let (code, stdout, stderr) = run(h.ucconv().args(["departments"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("Departments are switched off. (HTTP 200)"),
        "{stderr}"
    );
    let (code, _, stderr) = run(h
        .ucconv()
        .args(["context", "ffffffff-0000-0000-0000-000000000000"]));
    assert_eq!(code, 4, "{stderr}");
}
