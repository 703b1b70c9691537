//! Webchat queues on the emulator: statuses, the agent's status in each queue, and taking a waiting customer.

mod common;

use common::{
    LIST, NOW, STATUSES, call, emulator_agent, frozen, queue, start, status_path, statuses,
};
use jiff::Timestamp;
use serde_json::Value;
use ucconv_emulator::{AGENT_ARN, AGENT_NAME, Options, Shape};

#[test]
fn queue_statuses_list_both_queues_with_counts_from_their_agents_and_waiters() {
    let emulator = start(frozen());
    assert_eq!(call(&emulator, "GET", STATUSES, false, "").status, 401);
    let reply = call(&emulator, "GET", STATUSES, true, "").json();
    assert_eq!(
        (reply["success"].clone(), reply["error"].clone()),
        (true.into(), Value::Null)
    );
    assert!(reply["metadata"].is_object() && reply.get("warning").is_some());
    let queues = reply["queue_statuses"].as_array().unwrap();
    let names: Vec<&str> = queues
        .iter()
        .map(|q| q["queue_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Support", "Sales Team"]);
    let now: Timestamp = NOW.parse().unwrap();
    for q in queues {
        let agents = q["agents"].as_array().unwrap();
        let entries = q["queue_entries"].as_array().unwrap();
        let with = |status: &str| {
            agents
                .iter()
                .filter(|a| a["agent_status"] == status)
                .count()
        };
        assert_eq!(q["agent_count"], agents.len());
        assert_eq!(q["agent_available_count"], with("available"));
        assert_eq!(q["agent_busy_count"], with("busy"));
        assert_eq!(q["agent_unavailable_count"], with("unavailable"));
        assert_eq!(
            with("available") + with("busy") + with("unavailable"),
            agents.len()
        );
        assert!((3..=4).contains(&agents.len()), "{q}");
        assert_eq!(q["customer_waiting_count"], entries.len());
        assert!((1..=3).contains(&entries.len()), "{q}");
        for key in [
            "customer_active_count",
            "customer_chat_count",
            "customer_abandon_count",
            "customer_average_hold_time_seconds",
            "customer_average_chat_time_seconds",
            "customer_average_abandon_time_seconds",
        ] {
            assert!(q[key].is_u64(), "{key}: {q}");
        }
        let mut joins: Vec<&str> = entries
            .iter()
            .map(|e| e["join_dts"].as_str().unwrap())
            .collect();
        joins.sort_unstable();
        assert_eq!(q["customer_waiting_join_dts"], joins[0]);
        for entry in entries {
            assert_eq!(entry["queue_name"], q["queue_name"]);
            assert_eq!(entry["participant_language_iso_code"], "en");
            let arn = entry["conversation_participant_arn"].as_str().unwrap();
            let number = arn.strip_prefix("arn:ultracart:conversation:DEMO:participant:customer:");
            assert!(number.unwrap().parse::<u32>().is_ok(), "{arn}");
            assert!(entry["email"].as_str().unwrap().ends_with("@example.com"));
            assert!(!entry["question"].as_str().unwrap().is_empty());
            assert_eq!(
                entry["conversation_webchat_queue_uuid"]
                    .as_str()
                    .unwrap()
                    .len(),
                36
            );
            let joined: Timestamp = entry["join_dts"].as_str().unwrap().parse().unwrap();
            assert!(joined < now && now - jiff::SignedDuration::from_mins(20) < joined);
            assert!(entry["join_dts"].as_str().unwrap().ends_with("+00:00"));
        }
        let me = emulator_agent(q);
        assert_eq!(me["conversation_participant_name"], AGENT_NAME);
        assert_eq!(me["agent_user_id"], "1001");
        assert_eq!(me["agent_status"], "unavailable");
        assert_eq!(me["custom_status_uuid"], Value::Null);
        for agent in agents {
            for key in ["custom_status_name", "last_chat_dts", "profile_image_url"] {
                assert!(agent.get(key).is_some(), "{key}: {agent}");
            }
            assert!(agent["next_round_robin"].is_boolean());
        }
        let next = agents
            .iter()
            .filter(|a| a["next_round_robin"] == true)
            .count();
        assert_eq!(next, usize::from(with("available") > 0));
    }
    let morgan = &queue(queues, "Support")["agents"][1];
    assert_eq!(morgan["conversation_participant_name"], "Morgan (Support)");
    assert_eq!(
        morgan["conversation_participant_arn"],
        "arn:ultracart:conversation:DEMO:participant:agent:1002"
    );

    assert_eq!(
        statuses(&start(frozen())),
        *queues,
        "same seed, same queues"
    );
    let other = start(Options {
        seed: 7,
        ..frozen()
    });
    assert_ne!(statuses(&other), *queues);
    let original = start(Options {
        shape: Shape::Original,
        ..frozen()
    });
    assert_eq!(
        call(&original, "GET", STATUSES, true, "").json()["success"],
        true
    );
}

#[test]
fn agent_status_updates_round_trip_per_queue() {
    let emulator = start(Options::default());
    let put = |path: &str, body: &str| call(&emulator, "PUT", path, true, body);
    let reply = put(
        &status_path("Sales%20Team"),
        r#"{"agent_status": "available"}"#,
    );
    assert_eq!(
        (reply.status, reply.json()["success"].clone()),
        (200, true.into())
    );
    assert_eq!(
        emulator.agent_status("Sales Team").as_deref(),
        Some("available")
    );
    assert_eq!(
        emulator.agent_status("Support").as_deref(),
        Some("unavailable"),
        "per queue"
    );
    let sales = statuses(&emulator);
    let sales = queue(&sales, "Sales Team");
    assert_eq!(emulator_agent(sales)["agent_status"], "available");
    let unavailable = sales["agents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["agent_status"] == "unavailable");
    assert_eq!(
        sales["agent_unavailable_count"],
        unavailable.count(),
        "counts follow"
    );

    let lunch = r#"{"agent_status": "unavailable", "custom_status_uuid": "cs-1", "custom_status_name": "Lunch"}"#;
    assert_eq!(put(&status_path("Support"), lunch).status, 200);
    let all = statuses(&emulator);
    let me = emulator_agent(queue(&all, "Support"));
    assert_eq!(
        (
            me["custom_status_uuid"].clone(),
            me["custom_status_name"].clone()
        ),
        ("cs-1".into(), "Lunch".into())
    );
    assert_eq!(
        put(&status_path("Support"), r#"{"agent_status": "busy"}"#).status,
        200
    );
    let all = statuses(&emulator);
    let me = emulator_agent(queue(&all, "Support"));
    assert_eq!(
        (me["agent_status"].clone(), me["custom_status_name"].clone()),
        ("busy".into(), Value::Null),
        "custom status cleared"
    );

    for (path, body, expected) in [
        (status_path("Nope"), r#"{"agent_status": "busy"}"#, 404),
        (
            status_path("Sales+Team"),
            r#"{"agent_status": "busy"}"#,
            404,
        ),
        (status_path("Support"), r#"{"agent_status": "asleep"}"#, 400),
        (status_path("Support"), r#"{}"#, 400),
        (status_path("Support"), "", 400),
        (status_path("Support"), "{bad", 400),
        (
            status_path("Support"),
            r#"{"agent_status": "busy", "custom_status_uuid": "cs-1"}"#,
            400,
        ),
        (
            status_path("Support"),
            r#"{"agent_status": "busy", "custom_status_name": "Lunch"}"#,
            400,
        ),
        (
            status_path("Support"),
            r#"{"agent_status": "busy", "custom_status_uuid": 1, "custom_status_name": "x"}"#,
            400,
        ),
    ] {
        let reply = put(&path, body);
        assert_eq!(reply.status, expected, "{path} {body}");
        assert_eq!(reply.json()["success"], false, "{path} {body}");
    }
    assert_eq!(
        emulator.agent_status("Support").as_deref(),
        Some("busy"),
        "refused updates change nothing"
    );
    assert_eq!(emulator.agent_status("Nope"), None);
    assert_eq!(
        call(
            &emulator,
            "PUT",
            &status_path("Support"),
            false,
            r#"{"agent_status": "busy"}"#
        )
        .status,
        401
    );
    assert!(
        emulator
            .requests()
            .iter()
            .any(|r| r.path.ends_with("/queues/Sales%20Team/status"))
    );

    let original = start(Options {
        shape: Shape::Original,
        ..Options::default()
    });
    let reply = call(
        &original,
        "PUT",
        &status_path("Sales%20Team"),
        true,
        r#"{"agent_status": "busy"}"#,
    );
    assert_eq!((reply.status, reply.body.as_str()), (204, ""));
}

#[test]
fn take_turns_a_waiting_customer_into_the_first_listed_conversation() {
    let emulator = start(frozen());
    let waiting = emulator.queue_entries();
    let entry = waiting
        .iter()
        .find(|e| e["queue_name"] == "Sales Team")
        .unwrap()
        .clone();
    let entry_uuid = entry["conversation_webchat_queue_uuid"].as_str().unwrap();
    let reply = call(
        &emulator,
        "PUT",
        LIST,
        true,
        &format!(r#"{{"conversation_webchat_queue_uuid": "{entry_uuid}"}}"#),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let conversation = &reply.json()["conversation"];
    let uuid = conversation["conversation_uuid"].as_str().unwrap();
    assert_eq!(emulator.conversation_uuids()[0], uuid, "listed first");
    let listed =
        &call(&emulator, "GET", &format!("{LIST}?_limit=1"), true, "").json()["conversations"][0];
    assert_eq!(listed["conversation_uuid"], uuid);
    assert_eq!(
        (
            conversation["medium"].clone(),
            conversation["closed"].clone()
        ),
        ("websocket".into(), false.into())
    );
    assert_eq!(conversation["unread_messages"], true);
    let arns: Vec<&Value> = conversation["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["conversation_participant_arn"])
        .collect();
    assert_eq!(
        arns,
        [
            &entry["conversation_participant_arn"],
            &Value::from(AGENT_ARN)
        ]
    );
    let customer = &conversation["participants"][0];
    assert_eq!(
        customer["conversation_participant_name"],
        entry["conversation_participant_name"]
    );
    assert_eq!(customer["email"], entry["email"]);
    let messages = conversation["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["body"], entry["question"]);
    assert_eq!(
        messages[0]["author_conversation_participant_arn"],
        entry["conversation_participant_arn"]
    );
    assert_eq!(messages[0]["message_dts"], entry["join_dts"]);
    let joined: Timestamp = entry["join_dts"].as_str().unwrap().parse().unwrap();
    assert_eq!(messages[0]["message_epoch"], joined.as_millisecond());
    assert_eq!(
        conversation["customer_first_message_unresponded_to_dts"],
        entry["join_dts"]
    );

    let left = emulator.queue_entries();
    assert_eq!(left.len(), waiting.len() - 1);
    assert!(!left.contains(&entry));
    let sales = statuses(&emulator);
    assert_eq!(
        queue(&sales, "Sales Team")["customer_waiting_count"],
        left.iter()
            .filter(|e| e["queue_name"] == "Sales Team")
            .count()
    );

    let again = call(
        &emulator,
        "PUT",
        LIST,
        true,
        &format!(r#"{{"conversation_webchat_queue_uuid": "{entry_uuid}"}}"#),
    );
    assert_eq!(
        (again.status, again.json()["success"].clone()),
        (404, false.into()),
        "taken already"
    );
    assert_eq!(
        call(
            &emulator,
            "PUT",
            LIST,
            true,
            r#"{"conversation_webchat_queue_uuid": 7}"#
        )
        .status,
        400
    );
    assert_eq!(
        call(&emulator, "PUT", LIST, true, r#"{"conversation_arn": "x"}"#).status,
        400,
        "start still needs participants"
    );

    let original = start(Options {
        shape: Shape::Original,
        ..frozen()
    });
    let entry = original.queue_entries()[0]["conversation_webchat_queue_uuid"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = call(
        &original,
        "PUT",
        LIST,
        true,
        &format!(r#"{{"conversation_webchat_queue_uuid": "{entry}"}}"#),
    )
    .json();
    assert_eq!(
        original.conversation_uuids()[0],
        reply["conversation_uuid"].as_str().unwrap()
    );
    assert!(reply["conversation_arn"].is_string());
}
