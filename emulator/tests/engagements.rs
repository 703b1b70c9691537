//! Engagements on the emulator (paging with `result_set`, create, read, update, delete), unknown paths, hostile desk text.

mod common;

use common::{LIST, call, frozen, start};
use serde_json::{Value, json};
use ucconv_emulator::{Emulator, HOSTILE_SEQUENCES, Options, SEEDED_ENGAGEMENTS};

const ENGAGEMENTS: &str = "/rest/v2/conversation/engagements";

fn ok(emulator: &Emulator, method: &str, target: &str, body: &str) -> Value {
    let reply = call(emulator, method, target, true, body);
    assert_eq!(reply.status, 200, "{method} {target}: {}", reply.body);
    reply.json()
}

fn oids(page: &Value) -> Vec<u64> {
    page["conversation_engagements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["conversation_engagement_oid"].as_u64().unwrap())
        .collect()
}

#[test]
fn engagements_page_100_100_30_with_more_and_next_offset() {
    let emulator = start(frozen());
    assert_eq!(SEEDED_ENGAGEMENTS, 230);
    let mut seen = Vec::new();
    let mut offset = 0_u64;
    let mut sizes = Vec::new();
    loop {
        let page = ok(
            &emulator,
            "GET",
            &format!("{ENGAGEMENTS}?_offset={offset}"),
            "",
        );
        assert_eq!(
            (&page["success"], &page["error"]),
            (&json!(true), &Value::Null)
        );
        let set = &page["metadata"]["result_set"];
        let count = oids(&page).len();
        sizes.push(count);
        assert_eq!(set["count"], count);
        assert_eq!(set["limit"], 100, "the default _limit");
        assert_eq!(set["offset"], offset);
        assert_eq!(set["total_records"], 230);
        seen.extend(oids(&page));
        if set["more"] == false {
            assert_eq!(set["next_offset"], Value::Null);
            break;
        }
        assert_eq!(set["next_offset"], offset + count as u64);
        offset = set["next_offset"].as_u64().unwrap();
    }
    assert_eq!(sizes, [100, 100, 30]);
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 230, "every engagement once");

    let all = ok(
        &emulator,
        "GET",
        &format!("{ENGAGEMENTS}?_limit=200&_offset=0"),
        "",
    );
    let rows = all["conversation_engagements"].as_array().unwrap();
    assert_eq!(rows.len(), 200);
    let names: Vec<&str> = rows
        .iter()
        .map(|e| e["engagement_name"].as_str().unwrap())
        .collect();
    assert!(
        names.windows(2).all(|pair| pair[0] <= pair[1]),
        "ordered by name"
    );
    for row in rows {
        assert!(row["time_on_page"].is_u64() && row["visitor_type"].is_string());
        assert!(row["equation"]["groups"].is_array());
    }
    let past = ok(&emulator, "GET", &format!("{ENGAGEMENTS}?_offset=500"), "");
    assert!(oids(&past).is_empty());
    assert_eq!(past["metadata"]["result_set"]["more"], false);

    for bad in ["_limit=201", "_limit=0", "_limit=x", "_offset=-1"] {
        let target = format!("{ENGAGEMENTS}?{bad}");
        assert_eq!(
            call(&emulator, "GET", &target, true, "").status,
            400,
            "{bad}"
        );
    }
    assert_eq!(call(&emulator, "GET", ENGAGEMENTS, false, "").status, 401);

    // The hostile-server options apply to every paged list.
    let capped = start(Options {
        page_cap: Some(40),
        ..frozen()
    });
    let page = ok(&capped, "GET", ENGAGEMENTS, "");
    assert_eq!(oids(&page).len(), 40);
    assert_eq!(page["metadata"]["result_set"]["next_offset"], 40);
}

#[test]
fn engagements_can_be_created_read_updated_and_deleted() {
    let emulator = start(frozen());
    let total = |emulator: &Emulator| {
        ok(emulator, "GET", ENGAGEMENTS, "")["metadata"]["result_set"]["total_records"].clone()
    };
    let body = json!({
        "engagement_name": "AAA test engagement",
        "conversation_engagement_oid": 1,
        "visitor_type": "returning",
        "time_on_page": 30,
        "custom_future_field": [1]
    });
    let created = ok(&emulator, "POST", ENGAGEMENTS, &body.to_string());
    assert_eq!(created["success"], true);
    let engagement = &created["conversation_engagement"];
    let oid = engagement["conversation_engagement_oid"].as_u64().unwrap();
    assert!(
        oid != 1
            && !emulator.engagements()[..230]
                .iter()
                .any(|e| e["conversation_engagement_oid"] == oid)
    );
    assert_eq!(engagement["custom_future_field"], json!([1]));
    assert_eq!(total(&emulator), 231);
    let first = ok(&emulator, "GET", &format!("{ENGAGEMENTS}?_limit=1"), "");
    assert_eq!(oids(&first), [oid], "listed by name");
    let path = format!("{ENGAGEMENTS}/{oid}");
    assert_eq!(
        &ok(&emulator, "GET", &path, "")["conversation_engagement"],
        engagement
    );

    let updated = ok(
        &emulator,
        "PUT",
        &path,
        r#"{"engagement_name": "Renamed", "active": false}"#,
    );
    assert_eq!(
        updated["conversation_engagement"],
        json!({"engagement_name": "Renamed", "active": false, "conversation_engagement_oid": oid})
    );
    assert_eq!(
        ok(&emulator, "GET", &path, "")["conversation_engagement"]["engagement_name"],
        "Renamed"
    );

    let deleted = ok(&emulator, "DELETE", &path, "");
    assert_eq!(deleted["success"], true);
    assert_eq!(total(&emulator), 230);
    for method in ["GET", "DELETE", "PUT"] {
        let reply = call(&emulator, method, &path, true, "{}");
        assert_eq!(reply.status, 404, "{method}");
        assert_eq!(reply.json()["success"], false);
    }
    let again = ok(&emulator, "POST", ENGAGEMENTS, "{}");
    assert!(
        again["conversation_engagement"]["conversation_engagement_oid"]
            .as_u64()
            .unwrap()
            > oid,
        "oids are not reused"
    );

    for bad in ["not json", "[]", ""] {
        assert_eq!(
            call(&emulator, "POST", ENGAGEMENTS, true, bad).status,
            400,
            "{bad:?}"
        );
    }
    assert_eq!(
        call(&emulator, "DELETE", &format!("{ENGAGEMENTS}/abc"), true, "").status,
        400
    );
    assert_eq!(
        call(
            &emulator,
            "DELETE",
            &format!("{ENGAGEMENTS}/5001"),
            false,
            ""
        )
        .status,
        401
    );
    assert_eq!(
        emulator.engagements().len(),
        231,
        "the failures changed nothing"
    );
}

#[test]
fn unknown_paths_still_answer_no_such_endpoint() {
    let emulator = start(frozen());
    for (method, target) in [
        ("GET", "/rest/v2/conversation/knowledge_base"),
        (
            "POST",
            "/rest/v2/conversation/agent/profiles/1001/knowledge_base",
        ),
        ("GET", "/rest/v2/conversation/pbx/phone_numbers"),
    ] {
        let reply = call(&emulator, method, target, true, "");
        assert_eq!(reply.status, 404, "{target}");
        assert_eq!(reply.json()["error"]["user_message"], "No such endpoint.");
    }
}

#[test]
fn hostile_text_laces_the_desk_deterministically() {
    let hostile_options = Options {
        hostile_text: true,
        ..frozen()
    };
    let plain = start(frozen());
    let hostile = start(hostile_options.clone());
    let again = start(hostile_options);
    let laced = |text: &str| HOSTILE_SEQUENCES.iter().all(|s| text.contains(s));
    let canned = ok(&hostile, "GET", "/rest/v2/conversation/canned_messages", "");
    assert_eq!(
        canned,
        ok(&again, "GET", "/rest/v2/conversation/canned_messages", "")
    );
    for message in canned["conversation_canned_messages"].as_array().unwrap() {
        assert!(
            laced(message["canned_message"].as_str().unwrap()),
            "{message}"
        );
    }
    assert!(
        !ok(&plain, "GET", "/rest/v2/conversation/canned_messages", "")
            .to_string()
            .contains("\\u001b")
    );

    let webchat = plain
        .conversation_uuids()
        .into_iter()
        .find(|uuid| plain.conversation(uuid).unwrap()["medium"] == "websocket")
        .unwrap();
    let path = format!("{LIST}/{webchat}/context");
    let context = ok(&hostile, "PUT", &path, "");
    assert_eq!(context, ok(&again, "PUT", &path, ""));
    for view in context["page_view"].as_array().unwrap() {
        assert!(laced(view["title"].as_str().unwrap()), "{view}");
    }
    let truth = ok(&plain, "PUT", &path, "");
    assert_eq!(
        context["cart"]["summary"], truth["cart"]["summary"],
        "same visitor underneath"
    );

    let engagements = "/rest/v2/conversation/engagements?_limit=3";
    let page = ok(&hostile, "GET", engagements, "");
    assert_eq!(page, ok(&again, "GET", engagements, ""));
    for engagement in page["conversation_engagements"].as_array().unwrap() {
        assert!(laced(engagement["engagement_name"].as_str().unwrap()));
        assert!(laced(engagement["customer_greeting"].as_str().unwrap()));
    }
}
