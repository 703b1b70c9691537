//! The agent's desk on the emulator: webchat context, canned messages, profiles, departments, permissions.

mod common;

use common::{LIST, call, frozen, start, statuses};
use serde_json::{Value, json};
use ucconv_emulator::{AGENT_NAME, AGENT_USER_ID, Emulator, Options, Shape};

const CANNED: &str = "/rest/v2/conversation/canned_messages";
const PROFILE: &str = "/rest/v2/conversation/agent/profile";

fn ok(emulator: &Emulator, method: &str, target: &str, body: &str) -> Value {
    let reply = call(emulator, method, target, true, body);
    assert_eq!(reply.status, 200, "{method} {target}: {}", reply.body);
    reply.json()
}

/// The status and `user_message` of a request the emulator refuses.
fn refused(emulator: &Emulator, method: &str, target: &str, body: &str) -> (u16, String) {
    let reply = call(emulator, method, target, true, body);
    let answer = reply.json();
    assert_eq!(answer["success"], false, "{method} {target} {body}");
    let message = answer["error"]["user_message"]
        .as_str()
        .unwrap()
        .to_string();
    (reply.status, message)
}

fn with_medium(emulator: &Emulator, medium: &str) -> Vec<String> {
    emulator
        .conversation_uuids()
        .into_iter()
        .filter(|uuid| emulator.conversation(uuid).unwrap()["medium"] == medium)
        .collect()
}

fn cents(money: &Value) -> i64 {
    assert_eq!(money["currency_code"], "USD", "{money}");
    (money["value"].as_f64().unwrap() * 100.0).round() as i64
}

#[test]
fn webchat_context_is_bare_deterministic_and_only_for_webchats() {
    let emulator = start(frozen());
    let webchats = with_medium(&emulator, "websocket");
    let path = |uuid: &str| format!("{LIST}/{uuid}/context");
    let context = ok(&emulator, "PUT", &path(&webchats[0]), "");
    assert!(context.get("success").is_none(), "no envelope: {context}");
    for key in ["auto_orders", "orders", "page_view"] {
        assert!(context[key].is_array(), "{key}: {context}");
    }
    assert!(context["session_start"].is_object() && context["session_utm"].is_object());
    assert!(
        context["session_start_dts"]
            .as_str()
            .unwrap()
            .ends_with("+00:00")
    );
    let views = context["page_view"].as_array().unwrap();
    assert!((2..=5).contains(&views.len()));
    assert_eq!(context["current_url"], views.last().unwrap()["url"]);
    // The visit starts with its first page and ends before the chat does.
    assert_eq!(context["session_start_dts"], views[0]["timestamp"]);
    let time = |value: &Value| value.as_str().unwrap().parse::<jiff::Timestamp>().unwrap();
    let last = views.last().unwrap();
    let left = time(&last["timestamp"]).as_second() + last["time_on_page"].as_i64().unwrap();
    let started = time(&emulator.conversation(&webchats[0]).unwrap()["start_dts"]);
    assert!(left <= started.as_second(), "{left} {started}");
    for view in views {
        assert!(view["url"].as_str().unwrap().starts_with("https://"));
        assert!(
            view["title"].is_string()
                && view["time_on_page"].is_u64()
                && view["timestamp"].is_string()
        );
    }
    let cart = &context["cart"];
    assert_eq!(cart["currency_code"], "USD");
    assert!(cart["cart_id"].is_string());
    let mut subtotal = 0;
    for item in cart["items"].as_array().unwrap() {
        let quantity = item["quantity"].as_i64().unwrap();
        assert!(item["item_id"].is_string() && item["description"].is_string());
        assert_eq!(
            cents(&item["unit_cost"]) * quantity,
            cents(&item["total_cost"])
        );
        subtotal += cents(&item["total_cost"]);
    }
    let summary = &cart["summary"];
    assert_eq!(cents(&summary["subtotal"]), subtotal);
    assert_eq!(
        cents(&summary["total"]),
        subtotal + cents(&summary["shipping_handling"])
    );
    for order in context["orders"].as_array().unwrap() {
        assert!(order["order_id"].as_str().unwrap().starts_with("DEMO-"));
        assert!(order["creation_dts"].is_string() && order["current_stage"].is_string());
        assert!(cents(&order["summary"]["total"]) > 0);
    }

    assert_eq!(
        ok(&emulator, "PUT", &path(&webchats[0]), ""),
        context,
        "the same every time"
    );
    // Another clock moves the dates with the conversation, but the visitor is the same.
    let elsewhere = ok(&start(Options::default()), "PUT", &path(&webchats[0]), "");
    assert_eq!(elsewhere["cart"], context["cart"]);
    assert_eq!(
        elsewhere["page_view"].as_array().unwrap().len(),
        views.len()
    );
    let contexts: Vec<Value> = webchats
        .iter()
        .map(|uuid| ok(&emulator, "PUT", &path(uuid), ""))
        .collect();
    assert!(
        contexts[1..]
            .iter()
            .all(|other| other["cart"] != context["cart"])
    );
    assert!(
        contexts
            .iter()
            .any(|c| c["orders"].as_array().unwrap().is_empty())
    );
    assert!(
        contexts
            .iter()
            .any(|c| !c["orders"].as_array().unwrap().is_empty())
    );

    let sms = &with_medium(&emulator, "sms")[0];
    assert_eq!(
        refused(&emulator, "PUT", &path(sms), ""),
        (
            400,
            "Webchat context is only available for webchat conversations.".into()
        )
    );
    assert_eq!(refused(&emulator, "PUT", &path("nope"), "").0, 404);
    assert_eq!(
        call(&emulator, "PUT", &path(&webchats[0]), false, "").status,
        401
    );
}

fn short_codes(answer: &Value) -> Vec<&str> {
    answer["conversation_canned_messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["short_code"].as_str().unwrap())
        .collect()
}

#[test]
fn canned_messages_come_by_short_code_and_search_by_a_contained_code() {
    let emulator = start(frozen());
    let all = ok(&emulator, "GET", CANNED, "");
    assert_eq!(
        (&all["success"], &all["error"]),
        (&json!(true), &Value::Null)
    );
    assert_eq!(
        short_codes(&all),
        ["hello", "hours", "refund", "return", "shipping", "thanks"]
    );
    for message in all["conversation_canned_messages"].as_array().unwrap() {
        assert!(message["conversation_canned_message_oid"].is_u64());
        assert!(!message["canned_message"].as_str().unwrap().is_empty());
        assert!(message["conversation_department_oids"].is_array());
    }

    let search = |body: &str| ok(&emulator, "POST", &format!("{CANNED}/search"), body);
    assert_eq!(
        short_codes(&search(r#"{"short_code": "RE"}"#)),
        ["refund", "return"]
    );
    assert_eq!(
        short_codes(&search(r#"{"short_code": "re", "max_results": 1}"#)),
        ["refund"]
    );
    assert_eq!(
        short_codes(&search(r#"{"short_code": "ship"}"#)),
        ["shipping"]
    );
    assert!(short_codes(&search(r#"{"short_code": "zzz"}"#)).is_empty());
    assert_eq!(search("{}"), all);
    assert_eq!(
        search(r#"{"max_results": 2}"#)["conversation_canned_messages"],
        json!(all["conversation_canned_messages"].as_array().unwrap()[..2])
    );
    for bad in [
        "not json",
        "[]",
        r#"{"short_code": 5}"#,
        r#"{"max_results": -1}"#,
    ] {
        assert_eq!(
            refused(&emulator, "POST", &format!("{CANNED}/search"), bad).0,
            400,
            "{bad}"
        );
    }

    let original = start(Options {
        shape: Shape::Original,
        ..frozen()
    });
    let bare = ok(&original, "GET", CANNED, "");
    assert_eq!(
        bare,
        json!({"conversation_canned_messages": all["conversation_canned_messages"]})
    );
}

#[test]
fn agent_profile_is_replaced_whole_and_keeps_fields_it_does_not_know() {
    let emulator = start(frozen());
    let seeded = ok(&emulator, "GET", PROFILE, "");
    assert_eq!(seeded["success"], true);
    let profile = &seeded["agent_profile"];
    assert_eq!(profile["user_id"], AGENT_USER_ID);
    assert_eq!(profile["name"], AGENT_NAME);
    assert_eq!(profile["display_name"], "Emulator");
    assert_eq!(profile["default_status"], "available");
    assert_eq!(profile["default_language_iso_code"], "en");
    assert_eq!(profile["chat_limit"], 3);
    assert_eq!(profile["ai"], false);
    assert_eq!(profile["profile_image_url"], Value::Null);
    for key in [
        "ai_persona",
        "ai_chat_instructions",
        "ai_sms_instructions",
        "ai_voice_personality",
    ] {
        assert!(profile.get(key).is_some(), "{key}");
    }
    assert_eq!(&emulator.agent_profile(), profile);

    let mut update = profile.clone();
    update["display_name"] = "Em".into();
    update["default_status"] = "busy".into();
    update["chat_limit"] = 5.into();
    update["future_field"] = json!({"nested": [1, 2]});
    update.as_object_mut().unwrap().remove("ai_persona");
    let answer = ok(&emulator, "PUT", PROFILE, &update.to_string());
    assert_eq!(answer["agent_profile"], update);
    assert_eq!(
        ok(&emulator, "GET", PROFILE, "")["agent_profile"],
        update,
        "it persists"
    );
    assert_eq!(emulator.agent_profile(), update);
    assert!(
        emulator.agent_profile().get("ai_persona").is_none(),
        "a whole replacement"
    );

    for bad in [
        "not json".to_string(),
        "[]".into(),
        String::new(),
        json!({"default_status": "away"}).to_string(),
        json!({"chat_limit": -1}).to_string(),
        json!({"chat_limit": 2.5}).to_string(),
        json!({"chat_limit": "3"}).to_string(),
    ] {
        assert_eq!(refused(&emulator, "PUT", PROFILE, &bad).0, 400, "{bad}");
    }
    assert_eq!(
        emulator.agent_profile(),
        update,
        "refused updates change nothing"
    );

    // The user id is the server's: an update cannot make the agent somebody else.
    let renamed = ok(&emulator, "PUT", PROFILE, r#"{"user_id": 7, "name": "X"}"#);
    assert_eq!(
        renamed["agent_profile"],
        json!({"user_id": AGENT_USER_ID, "name": "X"})
    );
}

#[test]
fn agent_profiles_list_everyone_with_user_ids_and_the_stored_profile_first() {
    let emulator = start(frozen());
    let update = json!({"name": AGENT_NAME, "default_status": "unavailable", "x": true});
    ok(&emulator, "PUT", PROFILE, &update.to_string());
    let answer = ok(&emulator, "GET", "/rest/v2/conversation/agent/profiles", "");
    let profiles = answer["agent_profiles"].as_array().unwrap();
    assert!((5..=6).contains(&profiles.len()));
    assert_eq!(profiles[0], emulator.agent_profile());
    assert!(
        profiles
            .iter()
            .all(|p| p["user_id"].is_u64() && p["name"].is_string())
    );
    let ai: Vec<&Value> = profiles.iter().filter(|p| p["ai"] == true).collect();
    assert_eq!(ai.len(), 1);
    assert!(ai[0]["name"].as_str().unwrap().contains("(AI)"));
    assert!(ai[0]["ai_capabilities"].is_object() && ai[0]["ai_persona"].is_string());
    // The people are the colleagues the queues show.
    let in_queues: Vec<String> = statuses(&emulator)
        .iter()
        .flat_map(|q| q["agents"].as_array().unwrap().clone())
        .map(|a| {
            a["conversation_participant_name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for person in profiles.iter().skip(1).filter(|p| p["ai"] == false) {
        assert!(
            in_queues.contains(&person["name"].as_str().unwrap().to_string()),
            "{person}"
        );
    }
}

#[test]
fn departments_and_permissions_have_their_shapes() {
    let emulator = start(frozen());
    let answer = ok(&emulator, "GET", "/rest/v2/conversation/departments", "");
    assert_eq!(answer["success"], true);
    let departments = answer["conversation_departments"].as_array().unwrap();
    let names: Vec<&str> = departments
        .iter()
        .map(|d| d["department_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Returns", "Sales", "Support"], "by name");
    for department in departments {
        assert!(department["conversation_department_oid"].is_u64());
        assert_eq!(department["merchant_id"], "DEMO");
        assert!(department["settings"].is_object());
        let members = department["members"].as_array().unwrap();
        assert!(members.iter().any(|m| m["member"] == true));
        for member in members {
            assert!(member["user_id"].is_u64() && member["name"].is_string());
            assert!(member["member"].is_boolean() && member["ai"].is_boolean());
        }
    }
    let oids: Vec<&Value> = departments
        .iter()
        .map(|d| &d["conversation_department_oid"])
        .collect();
    let canned = ok(&emulator, "GET", CANNED, "");
    for message in canned["conversation_canned_messages"].as_array().unwrap() {
        for oid in message["conversation_department_oids"].as_array().unwrap() {
            assert!(oids.contains(&oid), "{message}");
        }
    }

    let permissions = "/rest/v2/conversation/permissions";
    let answer = ok(&emulator, "GET", permissions, "");
    assert_eq!(answer["permissions"], json!({"edit_settings": false}));
    assert_eq!(answer["success"], true);
    let admin = start(Options {
        edit_settings: true,
        ..frozen()
    });
    assert_eq!(
        ok(&admin, "GET", permissions, "")["permissions"]["edit_settings"],
        true
    );
    assert_eq!(call(&admin, "GET", permissions, false, "").status, 401);
}
