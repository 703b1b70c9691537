//! For scripts and agents: every error as one JSON object in JSON mode (argument errors
//! included), nothing but JSON on stderr, the environment forms of the flags, and `--json`
//! honoured by every command.

mod common;

use common::{Harness, parse_json, run};
use serde_json::Value;
use ucconv_emulator::{Fault, FaultRule};

/// Every line of stderr as JSON; fails on a line that is not.
fn json_lines(stderr: &str) -> Vec<Value> {
    stderr
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}"))
        })
        .collect()
}

const PARSER_MISTAKES: &[&[&str]] = &[
    &["list", "--limit", "abc"],
    &["list", "--medium", "fax"],
    &["list", "--no-such-flag"],
    &["list", "--all", "--limit", "3"],
    &[],
];

#[test]
fn argument_errors_are_one_json_object_in_every_json_mode() {
    let h = Harness::new();
    let modes: &[(&[&str], Option<&str>)] = &[
        (&["--json"], None),
        (&["-o", "jsonl"], None),
        (&["--jq", ".[0]"], None),
        (&[], Some("json")),
        (&[], Some("jsonl")),
    ];
    for mistake in PARSER_MISTAKES {
        for (flags, env) in modes {
            let mut cmd = h.ucconv();
            cmd.args(*mistake).args(*flags);
            if let Some(env) = env {
                cmd.env("UCCONV_OUTPUT", env);
            }
            let (code, stdout, stderr) = run(&mut cmd);
            let case = format!("{mistake:?} {flags:?} UCCONV_OUTPUT={env:?}");
            assert_eq!(code, 2, "{case}: {stderr}");
            assert_eq!(stdout, "", "{case}");
            let lines = json_lines(&stderr);
            assert_eq!(lines.len(), 1, "{case}: {stderr}");
            let error = &lines[0]["error"];
            assert_eq!(error["code"], "usage", "{case}");
            assert_eq!(error["status"], Value::Null, "{case}");
            assert!(
                error["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{case}"
            );
            assert!(
                error["hint"].as_str().is_some_and(|m| !m.is_empty()),
                "{case}"
            );
        }
    }
    assert!(h.requests().is_empty());
}

#[test]
fn argument_errors_name_the_problem_and_the_way_out() {
    let h = Harness::new();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["list", "--limit", "abc"],
            "invalid value 'abc' for '--limit",
            "--help",
        ),
        (
            &["list", "--medium", "fax"],
            "'fax'",
            "possible values: sms, websocket",
        ),
        (
            &["list", "--no-such-flag"],
            "unexpected argument '--no-such-flag'",
            "ucconv list",
        ),
        (
            &["list", "--all", "--limit", "3"],
            "'--all' cannot be used with '--limit",
            "usage:",
        ),
        (&[], "`ucconv` needs a command", "its commands: list"),
        (
            &["config"],
            "`ucconv config` needs a command",
            "init, show, use, path",
        ),
        (
            &["-o", "json", "-o", "tsv", "list"],
            "cannot be used multiple times",
            "usage:",
        ),
    ];
    for (args, message, hint) in cases {
        let (code, _, stderr) = run(h.ucconv().args(*args).arg("--json"));
        assert_eq!(code, 2);
        let error = &json_lines(&stderr)[0]["error"];
        assert!(
            error["message"].as_str().unwrap().contains(message),
            "{error}"
        );
        assert!(error["hint"].as_str().unwrap().contains(hint), "{error}");
    }
}

#[test]
fn argument_errors_stay_text_without_json_mode() {
    let h = Harness::new();
    for mistake in PARSER_MISTAKES {
        let (code, _, stderr) = run(h.ucconv().args(*mistake).env("UCCONV_OUTPUT", "tsv"));
        assert_eq!(code, 2, "{mistake:?}");
        assert!(
            stderr.starts_with("error:") || stderr.starts_with("Command-line"),
            "{stderr}"
        );
    }
    // A format flag on the command line wins over UCCONV_OUTPUT, for errors as for output.
    let (code, _, stderr) = run(h
        .ucconv()
        .args(["list", "--bogus", "-o", "tsv"])
        .env("UCCONV_OUTPUT", "json"));
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: unexpected argument"), "{stderr}");
}

#[test]
fn help_and_version_still_print_on_stdout_in_json_mode() {
    let h = Harness::new();
    let (code, stdout, _) = run(h.ucconv().args(["--json", "--version"]));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("ucconv "), "{stdout}");
    let (code, stdout, _) = run(h.ucconv().args(["list", "--help", "--json"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("Usage: ucconv list"), "{stdout}");
}

#[test]
fn a_retried_429_puts_only_json_lines_on_stderr_in_json_mode() {
    let h = Harness::new();
    h.emulator.inject(FaultRule::times(
        Fault::error(429, "rate of 10000 per 86400 second(s) exceeded."),
        2,
    ));
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--limit", "2", "--json", "-v"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(parse_json(&stdout).as_array().map(Vec::len), Some(2));
    let lines = json_lines(&stderr);
    let notices: Vec<&Value> = lines.iter().filter_map(|l| l.get("notice")).collect();
    assert_eq!(notices.len(), 2, "{stderr}");
    assert!(
        notices[0]["message"]
            .as_str()
            .unwrap()
            .contains("retrying in")
    );
    assert!(
        lines
            .iter()
            .all(|l| l.get("notice").or(l.get("log")).is_some()),
        "{stderr}"
    );
}

#[test]
fn quiet_silences_notices_and_warnings_but_not_errors() {
    for quiet in [&["-q"][..], &["--quiet"][..], &[][..]] {
        let h = Harness::new();
        h.emulator
            .inject(FaultRule::times(Fault::error(429, "slow down"), 1));
        let mut cmd = h.ucconv();
        cmd.args(["list", "--limit", "1"]).args(quiet);
        if quiet.is_empty() {
            cmd.env("UCCONV_QUIET", "1");
        }
        let (code, stdout, stderr) = run(&mut cmd);
        assert_eq!(code, 0);
        assert_eq!(stdout.lines().count(), 1);
        assert_eq!(stderr, "", "{quiet:?}");
    }
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::always(Fault::error(429, "slow down")));
    let (code, _, stderr) = run(h.ucconv().args(["list", "-q", "--retries", "1"]));
    assert_eq!(code, 5);
    assert!(
        stderr.starts_with("error: slow down (HTTP 429, after 1 retry)"),
        "{stderr}"
    );
    assert!(!stderr.contains("retrying"), "{stderr}");
    // UCCONV_QUIET=0 is off, as an empty value is.
    let h = Harness::new();
    h.emulator
        .inject(FaultRule::times(Fault::error(429, "slow down"), 1));
    let (_, _, stderr) = run(h
        .ucconv()
        .args(["list", "--limit", "1"])
        .env("UCCONV_QUIET", "0"));
    assert!(stderr.contains("retrying"), "{stderr}");
}

#[test]
fn ucconv_output_picks_the_format_and_flags_win() {
    let h = Harness::new();
    let (_, stdout, _) = run(h
        .ucconv()
        .args(["list", "--limit", "2"])
        .env("UCCONV_OUTPUT", "json"));
    assert_eq!(parse_json(&stdout).as_array().map(Vec::len), Some(2));
    let (_, stdout, _) = run(h
        .ucconv()
        .args(["list", "--limit", "2"])
        .env("UCCONV_OUTPUT", "jsonl"));
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout.lines().all(|l| parse_json(l).is_object()));
    let (_, stdout, _) = run(h
        .ucconv()
        .args(["list", "--limit", "2", "-o", "tsv"])
        .env("UCCONV_OUTPUT", "json"));
    assert!(stdout.starts_with(&h.newest_uuid()), "{stdout}");
    let (code, _, stderr) = run(h.ucconv().args(["list"]).env("UCCONV_OUTPUT", "xml"));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("UCCONV_OUTPUT=\"xml\" is not an output format"),
        "{stderr}"
    );
    assert!(
        h.requests().len() == 3,
        "the bad value is refused before any request"
    );
}

#[test]
fn the_environment_forms_are_in_the_help_and_the_man_page() {
    let h = Harness::new();
    let (_, help, _) = run(h.ucconv().arg("--help"));
    let (_, list_help, _) = run(h.ucconv().args(["list", "--help"]));
    let man = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man/ucconv.1"),
    )
    .unwrap();
    for name in ["UCCONV_OUTPUT", "UCCONV_NO_INPUT", "UCCONV_QUIET"] {
        assert!(help.contains(name), "--help lacks {name}");
        assert!(list_help.contains(name), "list --help lacks {name}");
        assert!(man.contains(name), "man/ucconv.1 lacks {name}");
    }
}

#[test]
fn every_command_honours_json() {
    let h = Harness::new();
    let (code, stdout, _) = run(h.ucconv().args(["config", "path", "--json"]));
    assert_eq!(code, 0);
    let path = parse_json(&stdout)["path"].as_str().unwrap().to_string();
    assert!(path.ends_with("config.toml"), "{path}");
    let (_, plain, _) = run(h.ucconv().args(["config", "path"]));
    assert_eq!(plain, format!("{path}\n"));

    let (code, stdout, stderr) = run(h.ucconv().args(["auth", "--env", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let vars = parse_json(&stdout);
    assert!(
        vars["UCCONV_WS_URL"].as_str().unwrap().starts_with("ws"),
        "{vars}"
    );
    assert!(
        vars["UCCONV_WS_JWT"]
            .as_str()
            .is_some_and(|j| j.contains('.')),
        "{vars}"
    );

    let (code, stdout, _) = run(h.ucconv().args(["completions", "bash", "--json"]));
    assert_eq!(code, 0);
    let script = parse_json(&stdout);
    assert_eq!(script["shell"], "bash");
    let (_, bare, _) = run(h.ucconv().args(["completions", "bash"]));
    assert_eq!(script["script"].as_str(), Some(bare.as_str()));

    let init = h
        .bare()
        .args([
            "config",
            "init",
            "--profile",
            "work",
            "--key-stdin",
            "--no-verify",
        ])
        .write_stdin("k-123\n")
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let (code, stdout, stderr) = run(h.bare().args(["config", "use", "work", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(parse_json(&stdout)["default_profile"], "work");
    assert_eq!(stderr, "");
}

/// Every command of the clap model, with its own long flags (not the inherited copies).
fn clap_commands(command: &clap::Command, prefix: &str, into: &mut Vec<(String, Vec<String>)>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{prefix}{}", sub.get_name());
        let flags = sub
            .get_arguments()
            .filter(|a| !a.is_global_set() && a.get_help_heading() != Some("Inherited flags"))
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .filter(|l| l != "--help")
            .collect();
        into.push((name.clone(), flags));
        clap_commands(sub, &format!("{name} "), into);
    }
}

#[test]
fn commands_json_covers_every_command_and_flag_of_the_clap_model() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["commands", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let tree = parse_json(&stdout);
    let listed = tree["commands"].as_array().unwrap();
    let mut model = Vec::new();
    clap_commands(&ucconv::cli::command(), "", &mut model);
    assert_eq!(listed.len(), model.len(), "one entry per command");
    for (name, flags) in &model {
        let entry = listed
            .iter()
            .find(|c| c["name"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} missing"));
        let longs: Vec<&str> = entry["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["long"].as_str())
            .collect();
        assert_eq!(&longs, flags, "{name}");
        assert!(
            entry["flags"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["type"].is_string())
        );
        // Every command that takes --dry-run writes, and says whether repeating it is safe.
        if flags.iter().any(|f| f == "--dry-run") {
            assert_eq!(entry["writes"], true, "{name}");
            assert_eq!(entry["dry_run"], true, "{name}");
        }
    }
    let globals: Vec<&str> = tree["global_flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["long"].as_str())
        .collect();
    for long in [
        "--json",
        "--jq",
        "--output",
        "--quiet",
        "--no-input",
        "--profile",
    ] {
        assert!(globals.contains(&long), "{long}");
    }
    let codes: Vec<u64> = tree["exit_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 130]);
    let writes: Vec<&str> = listed
        .iter()
        .filter(|c| c["writes"] == true)
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for write in [
        "join",
        "leave",
        "start",
        "take",
        "status",
        "mark-read",
        "profile set",
        "api",
    ] {
        assert!(writes.contains(&write), "{write} is a write");
    }
    // Every command that prints JSON names its schema, so its output can be parsed unseen.
    for entry in listed {
        let name = entry["name"].as_str().unwrap();
        let shapes = entry["json_schema"].as_array().unwrap();
        if !["schema", "config", "mcp"].contains(&name) {
            assert!(!shapes.is_empty(), "{name} names no schema");
        }
        for shape in shapes {
            let (code, _, _) = run(h.ucconv().args(["schema", shape.as_str().unwrap()]));
            assert_eq!(code, 0, "{shape}");
        }
    }
    let start = listed.iter().find(|c| c["name"] == "start").unwrap();
    assert_eq!(start["idempotent"], false);
}

#[test]
fn every_write_says_in_its_help_whether_it_is_idempotent() {
    let h = Harness::new();
    let (_, stdout, _) = run(h.ucconv().args(["commands", "--json"]));
    let tree = parse_json(&stdout);
    for command in tree["commands"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["writes"] == true)
    {
        let name = command["name"].as_str().unwrap();
        let (code, help, _) = run(h.ucconv().args(name.split(' ')).arg("--help"));
        assert_eq!(code, 0);
        assert!(
            help.contains("dempotent"),
            "{name} --help says nothing of idempotency"
        );
    }
}

#[test]
fn fields_keep_only_the_named_fields_in_every_format() {
    let h = Harness::new();
    let (_, full, _) = run(h.ucconv().args(["list", "--limit", "3", "--json"]));
    let full = parse_json(&full);
    let picked = ["medium", "conversation_uuid"];
    let (code, stdout, stderr) = run(h.ucconv().args([
        "list",
        "--limit",
        "3",
        "--fields",
        "medium,conversation_uuid",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let json = parse_json(&stdout);
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 3);
    for (item, whole) in items.iter().zip(full.as_array().unwrap()) {
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(keys, picked, "in the order asked for");
        for key in picked {
            assert_eq!(item[key], whole[key]);
        }
    }
    let (_, jsonl, _) = run(h
        .ucconv()
        .args(["list", "--limit", "3", "--fields", "medium", "-o", "jsonl"]));
    assert_eq!(jsonl.lines().count(), 3);
    assert!(
        jsonl
            .lines()
            .all(|l| parse_json(l).as_object().unwrap().len() == 1)
    );
    // TSV: the fields are the columns.
    let (_, tsv, _) = run(h.ucconv().args([
        "list",
        "--limit",
        "3",
        "--fields",
        "conversation_uuid,message_count",
    ]));
    let first = tsv.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{}\t{}",
            full[0]["conversation_uuid"].as_str().unwrap(),
            full[0]["message_count"]
        )
    );
    let (_, table, _) = run(h
        .ucconv()
        .args(["list", "--limit", "3", "--fields", "medium", "-o", "table"]));
    assert_eq!(table.lines().next().map(str::trim_end), Some("MEDIUM"));
    assert_eq!(table.lines().count(), 4);
}

#[test]
fn fields_work_on_single_objects_and_every_kind_of_list() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let (code, stdout, stderr) = run(h.ucconv().args([
        "get",
        &uuid,
        "--fields",
        "conversation_uuid,medium",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let object = parse_json(&stdout);
    assert_eq!(object.as_object().unwrap().len(), 2);
    assert_eq!(object["conversation_uuid"], uuid.as_str());
    let cases: &[(&[&str], &str)] = &[
        (&["messages", &uuid], "body"),
        (&["queue"], "queue_name"),
        (&["queue", "--waiting"], "queue_name"),
        (&["agents"], "name"),
        (&["canned"], "short_code"),
        (&["search", "order"], "conversation_uuid"),
        (&["departments"], "department_name"),
    ];
    for (args, field) in cases {
        let (code, stdout, stderr) =
            run(h.ucconv().args(*args).args(["--fields", field, "--json"]));
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let items = parse_json(&stdout);
        let items = items
            .as_array()
            .unwrap_or_else(|| panic!("{args:?}: {stdout}"));
        assert!(!items.is_empty(), "{args:?}");
        for item in items {
            let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
            assert_eq!(keys, [field], "{args:?}");
        }
    }
}

#[test]
fn an_unknown_field_is_a_usage_error_listing_the_valid_ones() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.ucconv().args(["list", "--fields", "medium,colour"]));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("`list` has no field \"colour\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: its fields: conversation_uuid, conversation_arn"),
        "{stderr}"
    );
    let (code, _, stderr) = run(h.ucconv().args(["list", "--fields", "colour", "--json"]));
    assert_eq!(code, 2);
    let error = &json_lines(&stderr)[0]["error"];
    assert_eq!(error["code"], "usage");
    assert!(error["hint"].as_str().unwrap().contains("last_message_dts"));
    let (code, _, stderr) =
        run(h
            .ucconv()
            .args(["api", "/conversation/permissions", "--fields", "a"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(h.requests().is_empty(), "refused before any request");
}

#[test]
fn a_bare_fields_lists_the_commands_fields() {
    let h = Harness::new();
    let (code, stdout, _) = run(h.ucconv().args(["list", "--fields"]));
    assert_eq!(code, 0);
    let names: Vec<&str> = stdout.lines().collect();
    assert!(
        names.contains(&"conversation_uuid") && names.contains(&"unread_messages"),
        "{stdout}"
    );
    let (code, stdout, _) = run(h
        .ucconv()
        .args(["queue", "--waiting", "--fields", "--json"]));
    assert_eq!(code, 0);
    let fields = parse_json(&stdout);
    let first = &fields.as_array().unwrap()[0];
    assert!(
        first["name"].is_string() && first["type"].is_string() && first["description"].is_string()
    );
    assert!(h.requests().is_empty());
}

#[test]
fn fields_pick_from_follow_events_too() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let (code, stdout, stderr) = run(h.ucconv().args([
        "follow",
        &uuid,
        "--tail",
        "2",
        "--count",
        "2",
        "-o",
        "jsonl",
        "--fields",
        "event,body",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let events: Vec<Value> = stdout.lines().map(parse_json).collect();
    assert_eq!(events.len(), 2, "{stdout}");
    for event in &events {
        let keys: Vec<&String> = event.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["event", "body"]);
        assert_eq!(event["event"], "message");
    }
}

#[test]
fn a_bad_max_body_setting_is_a_warning_not_silence() {
    let h = Harness::new();
    let (code, _, stderr) = run(h
        .ucconv()
        .args(["list", "--limit", "1", "--json"])
        .env("UCCONV_MAX_BODY_MIB", "abc"));
    assert_eq!(code, 0);
    let warning = &json_lines(&stderr)[0]["warning"]["message"];
    assert!(
        warning
            .as_str()
            .unwrap()
            .contains("UCCONV_MAX_BODY_MIB=\"abc\""),
        "{stderr}"
    );
}

#[test]
fn jq_never_sees_the_environment_and_prints_only_json() {
    let h = Harness::new();
    let (code, stdout, stderr) =
        run(h
            .ucconv()
            .args(["list", "--limit", "1", "--jq", "env.UCCONV_API_KEY"]));
    assert_eq!(code, 2, "{stdout}");
    assert!(
        !stdout.contains(ucconv_emulator::DEFAULT_KEY)
            && !stderr.contains(ucconv_emulator::DEFAULT_KEY)
    );
    let (code, stdout, _) = run(h
        .ucconv()
        .args(["list", "--limit", "1", "--jq", "[1/0, nan]"]));
    assert_eq!(code, 0);
    assert!(serde_json::from_str::<Value>(&stdout).is_ok(), "{stdout}");
}

#[test]
fn api_refuses_paths_that_climb_out_of_the_base_path() {
    let h = Harness::new();
    for path in [
        "../../etc",
        "/rest/v2/../../admin",
        "/conversation/%2e%2e/%2e%2e/x",
    ] {
        let (code, _, stderr) = run(h.ucconv().args(["api", path]));
        assert_eq!(code, 2, "{path}: {stderr}");
        assert!(stderr.contains("leaves the API's base path"), "{stderr}");
    }
    assert!(h.requests().is_empty());
}

#[test]
fn config_init_again_on_the_default_profile_still_reports_it_default() {
    let h = Harness::new();
    for _ in 0..2 {
        let output = h
            .bare()
            .args([
                "-p",
                "a",
                "config",
                "init",
                "--key-stdin",
                "--no-verify",
                "--json",
            ])
            .write_stdin("k-1\n")
            .output()
            .unwrap();
        assert!(output.status.success());
        assert_eq!(
            parse_json(&String::from_utf8_lossy(&output.stdout))["default"],
            true
        );
    }
}
