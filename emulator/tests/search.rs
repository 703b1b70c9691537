//! Conversation search on the emulator: the bare range answer, every filter, order, ranges and the hostile range option.

mod common;

use common::{LIST, call, frozen, start};
use serde_json::{Value, json};
use ucconv_emulator::{Emulator, HOSTILE_SEARCH_TOTAL, Options, Shape};

const SEARCH: &str = "/rest/v2/conversation/conversations/search";

fn search(emulator: &Emulator, request: Value) -> Value {
    let reply = call(emulator, "POST", SEARCH, true, &request.to_string());
    assert_eq!(reply.status, 200, "{request}: {}", reply.body);
    reply.json()
}

fn uuids(answer: &Value) -> Vec<String> {
    answer["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["conversation_uuid"].as_str().unwrap().to_string())
        .collect()
}

/// The stored conversations, newest first, that `keep` says a search should find.
fn expected(emulator: &Emulator, keep: impl Fn(&Value) -> bool) -> Vec<String> {
    emulator
        .conversation_uuids()
        .into_iter()
        .filter(|uuid| keep(&emulator.conversation(uuid).unwrap()))
        .collect()
}

fn participants(c: &Value) -> &Vec<Value> {
    c["participants"].as_array().unwrap()
}

#[test]
fn search_answers_a_bare_range_of_the_summaries_list_serves_newest_first() {
    let emulator = start(Options {
        conversations: 80,
        ..frozen()
    });
    let answer = search(&emulator, json!({}));
    let keys: Vec<&String> = answer.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["range_begin", "range_end", "records", "total"]);
    assert_eq!(
        (
            &answer["range_begin"],
            &answer["range_end"],
            &answer["total"]
        ),
        (&json!(0), &json!(50), &json!(80))
    );
    let listed = call(&emulator, "GET", &format!("{LIST}?_limit=50"), true, "").json();
    assert_eq!(
        answer["records"], listed["conversations"],
        "the same summaries"
    );
    assert_eq!(uuids(&answer), emulator.conversation_uuids()[..50]);
    assert_eq!(
        search(&emulator, json!({"order_by_newest": true})),
        answer,
        "newest first is the default"
    );
    let oldest = search(&emulator, json!({"order_by_oldest": true, "range_end": 80}));
    let mut all = emulator.conversation_uuids();
    all.reverse();
    assert_eq!(uuids(&oldest), all);

    // An empty body is an empty request: every field is optional.
    assert_eq!(call(&emulator, "POST", SEARCH, true, "").json(), answer);

    let original = start(Options {
        shape: Shape::Original,
        ..frozen()
    });
    let bare = search(&original, json!({"range_end": 3}));
    assert!(bare.get("success").is_none() && bare.get("metadata").is_none());
    let first = &bare["records"][0];
    assert!(first["conversation_uuid"].is_string() && first.get("medium").is_none());
}

#[test]
fn search_filters_by_text_email_phone_language_medium_visibility_and_dates() {
    let emulator = start(Options {
        conversations: 60,
        ..frozen()
    });
    let found =
        |request: Value| uuids(&search(&emulator, json!({"range_end": 200}).merge(request)));

    let text = expected(&emulator, |c| {
        c["messages"].as_array().unwrap().iter().any(|m| {
            m["body"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("refund")
        })
    });
    assert!(!text.is_empty() && text.len() < 60, "{}", text.len());
    assert_eq!(found(json!({"text_search": "ReFuNd"})), text);
    let name = emulator
        .conversation(&emulator.conversation_uuids()[7])
        .unwrap()["participants"][0]["conversation_participant_name"]
        .as_str()
        .unwrap()
        .to_uppercase();
    let by_name = expected(&emulator, |c| {
        participants(c).iter().any(|p| {
            p["conversation_participant_name"]
                .as_str()
                .unwrap()
                .to_uppercase()
                == name
        })
    });
    assert_eq!(found(json!({"text_search": name})), by_name);

    let customer = |medium: &str| {
        let uuid = expected(&emulator, |c| c["medium"] == medium)[0].clone();
        emulator.conversation(&uuid).unwrap()["participants"][0].clone()
    };
    let email = customer("websocket")["email"].as_str().unwrap().to_string();
    let with_email = expected(&emulator, |c| {
        participants(c).iter().any(|p| p["email"] == email.as_str())
    });
    assert_eq!(
        found(json!({"email_filter": email.to_uppercase()})),
        with_email
    );

    let phone = customer("sms")["sms_phone_number"]
        .as_str()
        .unwrap()
        .to_string();
    let formatted = format!("+1 ({}) {}-{}", &phone[2..5], &phone[5..8], &phone[8..]);
    let with_phone = expected(&emulator, |c| {
        participants(c)
            .iter()
            .any(|p| p["sms_phone_number"] == phone.as_str())
    });
    assert!(!with_phone.is_empty());
    assert_eq!(
        found(json!({"sms_phone_number_filter": formatted})),
        with_phone
    );

    for medium in ["sms", "websocket"] {
        let listed = call(
            &emulator,
            "GET",
            &format!("{LIST}?medium={medium}"),
            true,
            "",
        )
        .json();
        let total = &listed["metadata"]["result_set"]["total_records"];
        let answer = search(
            &emulator,
            json!({"medium_filter": medium, "range_end": 200}),
        );
        assert_eq!(&answer["total"], total);
        assert_eq!(answer["records"], listed["conversations"]);
    }

    // Every seeded conversation is visible and in English, until the agent joins one in French.
    assert_eq!(found(json!({"visible_filter": true})).len(), 60);
    assert!(found(json!({"visible_filter": false})).is_empty());
    assert_eq!(found(json!({"language_filter": "en"})).len(), 60);
    assert!(found(json!({"language_filter": "fr"})).is_empty());
    let joined = emulator.conversation_uuids()[9].clone();
    let body = r#"{"participant_language_iso_code":"fr"}"#;
    assert_eq!(
        call(
            &emulator,
            "PUT",
            &format!("{LIST}/{joined}/join"),
            true,
            body
        )
        .status,
        200
    );
    assert_eq!(found(json!({"language_filter": "FR"})), [joined]);

    // Start inclusive, end exclusive, both on the last activity.
    let all = emulator.conversation_uuids();
    let at = |index: usize| emulator.conversation(&all[index]).unwrap()["last_message_dts"].clone();
    assert_eq!(
        found(json!({"date_start": at(5), "date_end": at(2)})),
        all[3..=5]
    );
    assert_eq!(found(json!({"date_start": at(57)})), all[..=57]);
    assert_eq!(found(json!({"date_end": at(57)})), all[58..]);

    let both = found(json!({"text_search": "refund", "medium_filter": "sms"}));
    let sms = found(json!({"medium_filter": "sms"}));
    let expected_both: Vec<String> = text.into_iter().filter(|u| sms.contains(u)).collect();
    assert_eq!(both, expected_both);
}

trait Merge {
    fn merge(self, other: Value) -> Value;
}

impl Merge for Value {
    fn merge(mut self, other: Value) -> Value {
        for (key, value) in other.as_object().unwrap() {
            self[key] = value.clone();
        }
        self
    }
}

#[test]
fn search_ranges_are_end_exclusive_capped_at_200_and_empty_past_the_end() {
    let emulator = start(Options {
        conversations: 250,
        ..frozen()
    });
    let all = emulator.conversation_uuids();
    let range = |begin: usize, end: usize| {
        search(&emulator, json!({"range_begin": begin, "range_end": end}))
    };
    let first = range(0, 10);
    let second = range(10, 20);
    assert_eq!(uuids(&first), all[..10]);
    assert_eq!(
        uuids(&second),
        all[10..20],
        "pages neither overlap nor skip"
    );
    assert_eq!(
        (&second["range_begin"], &second["range_end"]),
        (&json!(10), &json!(20))
    );

    let tail = range(240, 260);
    assert_eq!(uuids(&tail), all[240..]);
    assert_eq!(
        (&tail["range_end"], &tail["total"]),
        (&json!(260), &json!(250))
    );
    let past = range(300, 350);
    assert!(uuids(&past).is_empty());
    assert_eq!(past["total"], 250);
    assert!(uuids(&range(7, 7)).is_empty());

    let capped = range(0, 500);
    assert_eq!(
        (uuids(&capped).len(), &capped["range_end"]),
        (200, &json!(200))
    );
    let from_50 = search(&emulator, json!({"range_begin": 50}));
    assert_eq!(
        (&from_50["range_end"], uuids(&from_50)),
        (&json!(100), all[50..100].to_vec())
    );
}

#[test]
fn search_refuses_what_is_not_a_search_request() {
    let emulator = start(frozen());
    let refused = |body: &str| {
        let reply = call(&emulator, "POST", SEARCH, true, body);
        assert_eq!(reply.status, 400, "{body}: {}", reply.body);
        let answer = reply.json();
        assert_eq!(answer["success"], false, "{body}");
        answer["error"]["user_message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(refused("not json").starts_with("Malformed JSON body"));
    refused("[1, 2]");
    assert!(refused(r#"{"date_start": "yesterday"}"#).contains("date_start"));
    assert!(refused(r#"{"date_end": "2026-13-45T00:00:00Z"}"#).contains("date_end"));
    assert!(refused(r#"{"range_begin": 20, "range_end": 10}"#).contains("range_end"));
    refused(r#"{"range_begin": -1}"#);
    refused(r#"{"range_end": 2.5}"#);
    refused(r#"{"text_search": 5}"#);
    refused(r#"{"visible_filter": "yes"}"#);
    refused(r#"{"order_by_newest": true, "order_by_oldest": true}"#);
    assert_eq!(call(&emulator, "POST", SEARCH, false, "{}").status, 401);
    // A bare date/time is taken as UTC, as `list`'s `before` takes it; nulls are absent fields.
    search(
        &emulator,
        json!({"date_start": "2026-11-01T00:00:00", "text_search": null}),
    );
}

#[test]
fn search_ignores_range_serves_the_first_rows_for_every_range_and_a_huge_total() {
    let emulator = start(Options {
        conversations: 30,
        search_ignores_range: true,
        ..frozen()
    });
    let all = emulator.conversation_uuids();
    let first = search(&emulator, json!({"range_begin": 0, "range_end": 10}));
    for begin in [10, 20, 500] {
        let page = search(
            &emulator,
            json!({"range_begin": begin, "range_end": begin + 10}),
        );
        assert_eq!(uuids(&page), all[..10], "range {begin}");
        assert_eq!(page["range_begin"], begin);
        assert_eq!(page["range_end"], begin + 10);
        assert_eq!(page["total"], HOSTILE_SEARCH_TOTAL);
    }
    assert_eq!(first["total"], HOSTILE_SEARCH_TOTAL);
    let wide = search(&emulator, json!({"range_begin": 100, "range_end": 150}));
    assert_eq!(uuids(&wide), all, "no more rows than there are");
    let plain = start(Options {
        conversations: 30,
        ..frozen()
    });
    assert!(uuids(&search(&plain, json!({"range_begin": 10, "range_end": 20}))) != all[..10]);
}
