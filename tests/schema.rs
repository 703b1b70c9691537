//! `ucconv schema`: every schema is a valid draft 2020-12 schema, and the real JSON output of
//! every command in it, run against the emulator, validates against it with no undocumented field.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use common::{Harness, parse_json, run};
use serde_json::{Value, json};
use ucconv_emulator::Shape;

/// Every schema, by command, as `ucconv schema` prints them all.
fn all_schemas(h: &Harness) -> serde_json::Map<String, Value> {
    let (code, stdout, stderr) = run(h.bare().arg("schema"));
    assert_eq!(code, 0, "{stderr}");
    match parse_json(&stdout) {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.strip_prefix("#/$defs/").expect("a local $ref");
            &root["$defs"][name]
        }
        None => schema,
    }
}

/// The property names `schema` documents for `instance`: its own, and those of each `allOf`
/// branch whose `if` names the instance's `event`.
fn documented(schema: &Value, root: &Value, instance: &Value) -> BTreeSet<String> {
    let schema = resolve(schema, root);
    let mut names: BTreeSet<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for branch in schema["allOf"].as_array().into_iter().flatten() {
        let wanted = &branch["if"]["properties"]["event"]["const"];
        if !wanted.is_null() && wanted == &instance["event"] {
            names.extend(documented(&branch["then"], root, instance));
        }
    }
    names
}

/// Validates `instance` against `schema` and fails on any key it carries that the schema does
/// not document (for an array, any key of any item).
fn check(name: &str, schema: &Value, instance: &Value) {
    let validator = jsonschema::draft202012::new(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "`{name}` output breaks its schema: {errors:#?}"
    );
    if name == "api" {
        return;
    }
    let (items, item_schema) = match instance {
        Value::Array(items) => (items.clone(), &schema["items"]),
        one => (vec![one.clone()], schema),
    };
    assert!(!items.is_empty(), "`{name}` printed nothing to check");
    for item in &items {
        let object = item.as_object().unwrap_or_else(|| panic!("{name}: {item}"));
        let known = documented(item_schema, schema, item);
        let missing: Vec<&String> = object.keys().filter(|k| !known.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "`{name}` prints fields its schema does not document: {missing:?}"
        );
    }
}

fn json_of(h: &Harness, args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(h.ucconv().args(args).arg("--json"));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    parse_json(&stdout)
}

/// `ucconv follow ARGS -o jsonl`, run until it has printed `count` events (`changes` is called
/// once it is polling, to make some happen).
fn follow_events(h: &Harness, args: &[&str], count: usize, changes: impl FnOnce()) -> Vec<Value> {
    let mut child = h
        .ucconv_std()
        .arg("follow")
        .args(args)
        .args([
            "--interval",
            "1",
            "-o",
            "jsonl",
            "--count",
            &count.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .map(|line| parse_json(&line))
            .collect::<Vec<Value>>()
    });
    changes();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("follow did not print {count} events");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    reader.join().unwrap()
}

/// The real output of `command` (a name from the schema table) against a fresh emulator.
fn output_of(h: &Harness, command: &str) -> Vec<Value> {
    let uuids = h.emulator.conversation_uuids();
    // From the emulator's own state: the original shape does not send `medium`.
    let webchat = || {
        uuids
            .iter()
            .find(|u| h.emulator.conversation(u).unwrap()["medium"] == "websocket")
            .expect("a webchat conversation")
            .clone()
    };
    let one = |args: &[&str]| vec![json_of(h, args)];
    match command {
        "list" => one(&["list"]),
        "get" => one(&["get", &uuids[0]]),
        "messages" => one(&["messages", &uuids[0]]),
        "search" => one(&["search", "--limit", "20"]),
        "context" => one(&["context", &webchat()]),
        "join" => one(&["join", &uuids[1]]),
        "leave" => {
            json_of(h, &["join", &uuids[1]]);
            one(&["leave", &uuids[1], "--yes"])
        }
        "mark-read" => one(&["mark-read", &uuids[2]]),
        "start" => one(&[
            "start",
            "--participant",
            "arn:ultracart:conversation:DEMO:participant:customer:42",
        ]),
        "auth" => one(&["auth"]),
        "queue" => one(&["queue"]),
        "queue --waiting" => {
            h.emulator
                .add_waiting("Support", "Zoe Zed", "Mars?")
                .unwrap();
            one(&["queue", "--waiting"])
        }
        "queue --agents" => one(&["queue", "--agents"]),
        "status" => one(&["status"]),
        "status STATE" => one(&["status", "busy", "--queue", "Support"]),
        "take" => {
            let entry = h.emulator.add_waiting("Support", "Ann Ask", "Hi?").unwrap();
            one(&["take", &entry])
        }
        "follow" => {
            let mut events = follow_events(h, &[&uuids[3], "--tail", "2"], 2, || {});
            let uuid = uuids[5].clone();
            events.extend(follow_events(h, &["--queues"], 2, || {
                common::wait_for_requests(h, h.requests().len() + 3);
                h.emulator.add_message(&uuid, "anyone?").unwrap();
                h.emulator
                    .add_waiting("Support", "Zoe Zed", "Mars?")
                    .unwrap();
            }));
            events
        }
        "canned" => one(&["canned"]),
        "agents" => one(&["agents"]),
        "departments" => one(&["departments"]),
        "profile" => one(&["profile"]),
        "profile set" => one(&["profile", "set", "--chat-limit", "4"]),
        "whoami" => one(&["whoami"]),
        "api" => one(&["api", "/conversation/permissions"]),
        "config init" => {
            let (code, stdout, stderr) = run(h
                .bare()
                .args(["config", "init", "--key-stdin", "--json"])
                .write_stdin(ucconv_emulator::DEFAULT_KEY));
            assert_eq!(code, 0, "{stderr}");
            vec![parse_json(&stdout)]
        }
        "config show" => {
            output_of(h, "config init");
            let (code, stdout, stderr) = run(h.bare().args(["config", "show", "--json"]));
            assert_eq!(code, 0, "{stderr}");
            vec![parse_json(&stdout)]
        }
        "config path" => one(&["config", "path"]),
        "dry-run" => one(&["status", "busy", "--all-queues", "--dry-run"]),
        "stderr" => {
            h.emulator.inject(ucconv_emulator::FaultRule::times(
                ucconv_emulator::Fault::error(429, "slow down"),
                1,
            ));
            let (code, _, stderr) =
                run(h
                    .ucconv()
                    .args(["get", "no-such-conversation", "--json", "-v"]));
            assert_eq!(code, 4, "{stderr}");
            stderr.lines().map(parse_json).collect()
        }
        "config use" => {
            output_of(h, "config init");
            let (code, stdout, stderr) = run(h.bare().args(["config", "use", "default", "--json"]));
            assert_eq!(code, 0, "{stderr}");
            vec![parse_json(&stdout)]
        }
        "auth --env" => one(&["auth", "--env"]),
        "completions" => one(&["completions", "bash"]),
        "commands" => one(&["commands"]),
        other => panic!("no run for `{other}`: add one here, so its schema is checked"),
    }
}

#[test]
fn every_schema_is_a_valid_draft_2020_12_schema() {
    let h = Harness::new();
    for (name, schema) in all_schemas(&h) {
        jsonschema::draft202012::meta::validate(&schema)
            .unwrap_or_else(|e| panic!("`{name}`: {e}"));
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert_eq!(schema["title"], format!("ucconv {name}"));
        assert!(
            schema["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
        );
        // One command's schema alone is the same as its entry in the whole set.
        let (code, alone, _) = run(h.bare().args(["schema", &name]));
        assert_eq!(code, 0);
        assert_eq!(parse_json(&alone), schema, "{name}");
    }
}

#[test]
fn the_real_output_of_every_command_matches_its_schema() {
    for shape in [Shape::Current, Shape::Original] {
        let schemas = all_schemas(&Harness::new());
        for (name, schema) in schemas {
            // A fresh emulator each, so one command's writes do not change another's data.
            let h = Harness::shape(shape);
            for instance in output_of(&h, &name) {
                check(&name, &schema, &instance);
            }
        }
    }
}

#[test]
fn follow_documents_every_kind_of_event_it_printed() {
    let h = Harness::new();
    let schema = all_schemas(&h)["follow"].clone();
    let events = output_of(&h, "follow");
    let kinds: BTreeSet<&str> = events.iter().filter_map(|e| e["event"].as_str()).collect();
    assert!(
        kinds.len() >= 3,
        "message, conversation and queue_waiting: {kinds:?}"
    );
    let examples = &schema["properties"]["event"]["examples"];
    for kind in kinds {
        assert!(
            examples.as_array().unwrap().contains(&json!(kind)),
            "{kind}"
        );
    }
}

#[test]
fn a_field_outside_the_schema_fails_the_drift_check() {
    let h = Harness::new();
    let schema = all_schemas(&h)["get"].clone();
    let mut conversation = json_of(&h, &["get", &h.newest_uuid()]);
    conversation["not_in_any_schema"] = json!(1);
    let caught = std::panic::catch_unwind(|| check("get", &schema, &conversation));
    assert!(caught.is_err(), "an undocumented field must fail the check");
}

/// Every key of `value`, at any depth, so no schema anywhere enforces what it only documents.
fn walk<'a>(value: &'a Value, found: &mut Vec<(&'a str, &'a Value)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                found.push((key.as_str(), inner));
                walk(inner, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
        _ => {}
    }
}

#[test]
fn unknown_fields_unknown_values_and_nulls_validate() {
    let h = Harness::new();
    for (name, schema) in all_schemas(&h) {
        let mut keys = Vec::new();
        walk(&schema, &mut keys);
        for (key, value) in &keys {
            assert_ne!(*key, "enum", "`{name}` enforces an enum");
            if *key == "additionalProperties" || *key == "unevaluatedProperties" {
                assert_ne!(**value, json!(false), "`{name}` refuses unknown fields");
            }
        }
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let (code, fields, _) = run(h.bare().args(["schema", &name, "--jq", "."]));
        assert_eq!(code, 0);
        let api_objects = parse_json(&fields)["description"]
            .as_str()
            .unwrap()
            .contains("may be missing or null");
        let item_schema = match schema["type"].as_str() {
            Some("array") => &schema["items"],
            _ => &schema,
        };
        let documented = documented(item_schema, &schema, &json!({}));
        // Every documented field null, an enum-like string with a value never heard of, and a
        // field the API added: the reader keeps all of them, so the schema must accept them.
        let mut object = serde_json::Map::new();
        if api_objects {
            for field in &documented {
                object.insert(field.clone(), Value::Null);
            }
        }
        object.insert("medium".into(), json!("carrier-pigeon"));
        object.insert(
            "added_by_the_api_later".into(),
            json!({"nested": [1, null]}),
        );
        if name == "follow" {
            object.insert("event".into(), json!("something_new"));
            object.insert("at".into(), json!("2026-11-25T12:00:00Z"));
        }
        let mut instance = Value::Object(object);
        if !api_objects {
            // ucconv's own objects always carry their fields: add the extra one to real output.
            let real = output_of(&h, &name).remove(0);
            instance = match real {
                Value::Array(mut items) => {
                    items[0]["added_later"] = json!(true);
                    Value::Array(items)
                }
                mut one => {
                    one["added_later"] = json!(true);
                    one
                }
            };
        } else if schema["type"] == "array" {
            instance = json!([instance]);
        }
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "`{name}`: {errors:#?}\n{instance}");
    }
}

#[test]
fn every_command_with_json_output_has_a_schema() {
    let h = Harness::new();
    let schemas = all_schemas(&h);
    let top = ucconv::cli::command();
    for sub in top.get_subcommands() {
        let name = sub.get_name();
        // Its output is JSON Schema itself: the meta-schema checks it (the first test). The MCP
        // server's stdout is the protocol, whose results carry these same schemas.
        if name == "schema" || name == "mcp" {
            continue;
        }
        assert!(
            schemas
                .keys()
                .any(|k| k == name || k.starts_with(&format!("{name} "))),
            "`{name}` has no schema"
        );
    }
}

#[test]
fn an_unknown_command_is_a_usage_error_naming_the_valid_ones() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.bare().args(["schema", "nope"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    for name in all_schemas(&h).keys() {
        assert!(stderr.contains(name.as_str()), "{name} in: {stderr}");
    }
    let (code, _, stderr) = run(h.bare().args(["schema", "nope", "--json"]));
    assert_eq!(code, 2);
    let error = parse_json(&stderr);
    assert_eq!(error["error"]["code"], "usage", "{stderr}");
}

#[test]
fn json_is_pretty_on_a_terminal_only_and_goes_through_jq() {
    let h = Harness::new();
    let (_, piped, _) = run(h.bare().args(["schema", "whoami"]));
    assert_eq!(piped.lines().count(), 1, "compact in a pipe");
    let (code, keys, _) = run(h.bare().args([
        "schema",
        "whoami",
        "--jq",
        ".properties | keys | join(\",\")",
    ]));
    assert_eq!(code, 0);
    assert_eq!(
        keys.trim(),
        "base_url,credentials,edit_settings,name,user_id"
    );
}

#[test]
fn the_command_names_complete() {
    let h = Harness::new();
    let output = h
        .ucconv_std()
        .env("UCCONV_COMPLETE", "fish")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .args(["--", "ucconv", "schema", "qu"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let offered = String::from_utf8(output.stdout).unwrap();
    assert_eq!(offered, "queue\nqueue --waiting\nqueue --agents\n");
}
