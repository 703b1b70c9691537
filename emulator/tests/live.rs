//! The agent's live loop on the emulator: messages since, markread, generated activity and its control endpoints.

mod common;

use std::time::{Duration, Instant};

use common::{LIST, call, conversation_with, frozen, queue, start, statuses};
use jiff::Timestamp;
use serde_json::Value;
use ucconv_emulator::{Emulator, Options, Shape};

fn epochs(reply: &Value) -> Vec<i64> {
    reply["conversation_messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_epoch"].as_i64().unwrap())
        .collect()
}

#[test]
fn messages_since_are_inclusive_oldest_first_and_limited() {
    let emulator = start(frozen());
    for uuid in emulator.conversation_uuids() {
        for m in emulator.conversation(&uuid).unwrap()["messages"]
            .as_array()
            .unwrap()
        {
            let at: Timestamp = m["message_dts"].as_str().unwrap().parse().unwrap();
            assert_eq!(m["message_epoch"], at.as_millisecond(), "{m}");
        }
    }
    let uuid = conversation_with(&emulator, 3);
    let stored = emulator.conversation(&uuid).unwrap();
    let all: Vec<i64> = stored["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_epoch"].as_i64().unwrap())
        .collect();
    let since = |since: i64, query: &str| {
        let reply = call(
            &emulator,
            "GET",
            &format!("{LIST}/{uuid}/messages/{since}{query}"),
            true,
            "",
        );
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    };
    let everything = since(0, "");
    assert_eq!(epochs(&everything), all);
    assert_eq!(everything["success"], true);
    assert_eq!(
        everything["metadata"]["payload_name"],
        "conversation_messages"
    );
    assert!(all.windows(2).all(|w| w[0] < w[1]), "oldest first");
    assert_eq!(
        epochs(&since(all[1], "")),
        all[1..],
        "the bound is inclusive"
    );
    assert_eq!(epochs(&since(all[1] + 1, "")), all[2..]);
    assert_eq!(
        epochs(&since(all[0], "?limit=2")),
        all[..2],
        "the oldest within the limit"
    );
    assert_eq!(
        epochs(&since(all[all.len() - 1] + 1, "")),
        Vec::<i64>::new()
    );
    let first = &everything["conversation_messages"][0];
    assert_eq!(
        first, &stored["messages"][0],
        "the same message objects as get"
    );

    for bad in ["-1", "x", "1.5", "99999999999999999999"] {
        let reply = call(
            &emulator,
            "GET",
            &format!("{LIST}/{uuid}/messages/{bad}"),
            true,
            "",
        );
        assert_eq!(reply.status, 400, "{bad}");
    }
    for bad in ["limit=0", "limit=1001", "limit=x", "limit=-1"] {
        let reply = call(
            &emulator,
            "GET",
            &format!("{LIST}/{uuid}/messages/0?{bad}"),
            true,
            "",
        );
        assert_eq!(reply.status, 400, "{bad}");
    }
    assert_eq!(
        call(
            &emulator,
            "GET",
            &format!("{LIST}/{uuid}/messages/0?limit=1000"),
            true,
            ""
        )
        .status,
        200
    );
    let missing = call(
        &emulator,
        "GET",
        &format!("{LIST}/nope/messages/0"),
        true,
        "",
    );
    assert_eq!(
        (missing.status, missing.json()["success"].clone()),
        (404, false.into())
    );
    assert_eq!(
        call(
            &emulator,
            "GET",
            &format!("{LIST}/{uuid}/messages/0"),
            false,
            ""
        )
        .status,
        401
    );

    let original = start(Options {
        shape: Shape::Original,
        ..frozen()
    });
    let bare = call(
        &original,
        "GET",
        &format!("{LIST}/{uuid}/messages/0"),
        true,
        "",
    )
    .json();
    assert_eq!(
        bare.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["conversation_messages"]
    );
    assert_eq!(epochs(&bare), all, "same seed, same messages");
}

#[test]
fn markread_clears_unread_messages() {
    let emulator = start(frozen());
    // Two messages or more means an agent is there to have something unread.
    let uuid = conversation_with(&emulator, 2);
    emulator.add_message(&uuid, "hello?").unwrap();
    let before = emulator.conversation(&uuid).unwrap();
    assert_eq!(before["unread_messages"], true);
    assert!(
        before["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["unread_messages"].as_u64() > Some(0))
    );
    let reply = call(
        &emulator,
        "PUT",
        &format!("{LIST}/{uuid}/markread"),
        true,
        "",
    );
    assert_eq!(
        (reply.status, reply.json()["success"].clone()),
        (200, true.into())
    );
    let after = emulator.conversation(&uuid).unwrap();
    assert_eq!(after["unread_messages"], false);
    assert!(
        after["participants"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["unread_messages"] == 0)
    );
    assert_eq!(
        after["messages"], before["messages"],
        "reading changes no message"
    );
    assert_eq!(
        call(&emulator, "PUT", &format!("{LIST}/nope/markread"), true, "").status,
        404
    );
    assert_eq!(
        call(
            &emulator,
            "PUT",
            &format!("{LIST}/{uuid}/markread"),
            false,
            ""
        )
        .status,
        401
    );

    let original = start(Options {
        shape: Shape::Original,
        ..frozen()
    });
    let reply = call(
        &original,
        "PUT",
        &format!("{LIST}/{uuid}/markread"),
        true,
        "",
    );
    assert_eq!((reply.status, reply.body.as_str()), (204, ""));
}

#[test]
fn added_messages_and_waiters_show_up_with_increasing_epochs_under_a_frozen_clock() {
    let emulator = start(frozen());
    let uuid = conversation_with(&emulator, 2);
    let before = emulator.conversation(&uuid).unwrap();
    let customer = before["participants"][0].clone();
    let mut newest = before["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_epoch"].as_i64().unwrap())
        .max()
        .unwrap();
    for n in 0..3 {
        let message_uuid = emulator
            .add_message(&uuid, &format!("still there? {n}"))
            .unwrap();
        let after = emulator.conversation(&uuid).unwrap();
        let last = after["messages"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["conversation_message_uuid"], message_uuid);
        let epoch = last["message_epoch"].as_i64().unwrap();
        assert!(epoch > newest, "{epoch} after {newest}");
        newest = epoch;
        let at: Timestamp = last["message_dts"].as_str().unwrap().parse().unwrap();
        assert_eq!(at.as_millisecond(), epoch);
        assert_eq!(
            last["author_conversation_participant_arn"],
            customer["conversation_participant_arn"]
        );
        assert_eq!(emulator.conversation_uuids()[0], uuid, "moved to the front");
        assert_eq!(after["unread_messages"], true);
        assert_eq!(
            after["message_count"],
            before["message_count"].as_u64().unwrap() + n + 1
        );
        assert_eq!(
            after["last_conversation_message_body"],
            format!("still there? {n}")
        );
        assert_eq!(after["last_message_dts"], last["message_dts"]);
        assert_eq!(
            after["participants"][0]["last_message_dts"],
            last["message_dts"]
        );
    }
    let after = emulator.conversation(&uuid).unwrap();
    let messages = after["messages"].as_array().unwrap();
    let first_waiting = messages
        .iter()
        .rev()
        .take_while(|m| {
            m["author_conversation_participant_arn"] == customer["conversation_participant_arn"]
        })
        .last()
        .unwrap();
    assert_eq!(
        after["customer_first_message_unresponded_to_dts"],
        first_waiting["message_dts"]
    );
    assert_eq!(emulator.add_message("nope", "hi"), None);

    let entry_uuid = emulator
        .add_waiting("Sales Team", "Ann Lee", "Do you price match?")
        .unwrap();
    let entries = emulator.queue_entries();
    let entry = entries
        .iter()
        .find(|e| e["conversation_webchat_queue_uuid"] == entry_uuid)
        .unwrap();
    assert_eq!(entry["queue_name"], "Sales Team");
    assert_eq!(
        (
            entry["conversation_participant_name"].clone(),
            entry["question"].clone()
        ),
        ("Ann Lee".into(), "Do you price match?".into())
    );
    assert_eq!(entry["email"], "ann.lee@example.com");
    assert_eq!(entry["join_dts"], "2026-11-25T12:00:00+00:00");
    let all = statuses(&emulator);
    let sales = queue(&all, "Sales Team");
    assert_eq!(
        sales["queue_entries"].as_array().unwrap().last().unwrap(),
        entry,
        "the newest waits last"
    );
    assert_ne!(
        sales["customer_waiting_join_dts"], entry["join_dts"],
        "the oldest waiter's time"
    );
    assert_eq!(emulator.add_waiting("Nope", "x", "y"), None);
}

#[test]
fn control_endpoints_need_no_credentials_and_are_not_recorded() {
    let emulator = start(frozen());
    let uuid = conversation_with(&emulator, 1);
    let reply = call(
        &emulator,
        "POST",
        "/_emulator/message",
        false,
        &format!(r#"{{"conversation_uuid": "{uuid}", "body": "anyone?"}}"#),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let message = reply.json();
    assert_eq!(
        (
            message["conversation_uuid"].clone(),
            message["body"].clone()
        ),
        (uuid.clone().into(), "anyone?".into())
    );
    assert_eq!(
        emulator.conversation(&uuid).unwrap()["messages"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["conversation_message_uuid"],
        message["conversation_message_uuid"]
    );

    let random = call(&emulator, "POST", "/_emulator/message", false, "").json();
    let target = emulator
        .conversation(random["conversation_uuid"].as_str().unwrap())
        .unwrap();
    assert_eq!(target["closed"], false, "a random open conversation");
    assert!(!random["body"].as_str().unwrap().is_empty());
    assert_eq!(
        emulator.conversation_uuids()[0],
        random["conversation_uuid"].as_str().unwrap()
    );

    let waiting = call(
        &emulator,
        "POST",
        "/_emulator/waiting",
        false,
        r#"{"queue_name": "Support", "name": "Bo Chen"}"#,
    )
    .json();
    assert_eq!(
        (
            waiting["queue_name"].clone(),
            waiting["conversation_participant_name"].clone()
        ),
        ("Support".into(), "Bo Chen".into())
    );
    assert!(!waiting["question"].as_str().unwrap().is_empty());
    assert!(emulator.queue_entries().contains(&waiting));
    let random = call(&emulator, "POST", "/_emulator/waiting", false, "{}").json();
    assert!(emulator.queue_entries().contains(&random));

    for (path, body, expected) in [
        (
            "/_emulator/message",
            r#"{"conversation_uuid": "nope"}"#,
            404,
        ),
        ("/_emulator/message", r#"{"body": 5}"#, 400),
        ("/_emulator/message", "[1]", 400),
        ("/_emulator/waiting", r#"{"queue_name": "Nope"}"#, 404),
        ("/_emulator/waiting", "{bad", 400),
    ] {
        assert_eq!(
            call(&emulator, "POST", path, false, body).status,
            expected,
            "{path} {body}"
        );
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}

#[test]
fn activity_writes_in_and_fills_queues_within_a_couple_of_intervals() {
    let every = Duration::from_millis(50);
    let emulator = start(Options {
        activity: Some(every),
        ..frozen()
    });
    let total = |emulator: &Emulator| -> u64 {
        emulator
            .conversation_uuids()
            .iter()
            .map(|u| {
                emulator.conversation(u).unwrap()["message_count"]
                    .as_u64()
                    .unwrap()
            })
            .sum()
    };
    let quiet = start(frozen());
    let (messages, waiting) = (total(&quiet), quiet.queue_entries().len());
    let started = Instant::now();
    // Two intervals is the expectation; the deadline only keeps a loaded machine from flaking.
    while total(&emulator) == messages || emulator.queue_entries().len() == waiting {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no activity after {:?}",
            started.elapsed()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let front = emulator
        .conversation(&emulator.conversation_uuids()[0])
        .unwrap();
    assert_eq!(front["closed"], false);
    assert_eq!(front["unread_messages"], true);
    let last = front["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(
        last["author_conversation_participant_arn"]
            .as_str()
            .unwrap()
            .contains(":participant:customer:")
    );
    assert_eq!(total(&quiet), messages, "no activity unless asked");
}
