//! Golden snapshots of every human view, at a fixed width (COLUMNS=100), clock and time zone (UTC).
//! Review changes with `cargo insta review`, or accept them with `INSTA_UPDATE=always cargo test`.

mod common;

use common::{Harness, run};

/// Ports and temp dirs differ from run to run; everything else is deterministic.
fn stable<F: FnOnce()>(check: F) {
    insta::with_settings!({filters => vec![
        (r"127\.0\.0\.1:\d+", "127.0.0.1:PORT"),
        (r"/tmp/\.tmp[A-Za-z0-9]+", "/TMP"),
    ]}, {
        check();
    });
}

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let (code, stdout, stderr) = run(cmd);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn list_table() {
    let h = Harness::new();
    let stdout = stdout_of(h.ucconv().args(["list", "--limit", "8", "-o", "table"]));
    insta::assert_snapshot!(stdout);
}

#[test]
fn list_table_in_color() {
    let h = Harness::new();
    let stdout = stdout_of(
        h.ucconv()
            .args(["list", "--limit", "4", "-o", "table", "--color", "always"]),
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn get_table_with_joins_and_media() {
    let h = Harness::new();
    // The 8th newest seeded conversation has an attachment; joining adds the agent to it.
    let uuid = h.emulator.conversation_uuids()[7].clone();
    stdout_of(h.ucconv().args(["join", &uuid]));
    let stdout = stdout_of(h.ucconv().args(["get", &uuid, "-o", "table"]));
    insta::assert_snapshot!(stdout);
}

#[test]
fn auth_table() {
    let h = Harness::new();
    let stdout = stdout_of(h.ucconv().args(["auth", "-o", "table"]));
    stable(|| insta::assert_snapshot!(stdout));
}

#[test]
fn join_and_leave_lines() {
    let h = Harness::new();
    let uuid = h.newest_uuid();
    let joined = stdout_of(
        h.ucconv()
            .args(["join", &uuid, "--language", "es", "-o", "table"]),
    );
    let left = stdout_of(h.ucconv().args(["leave", &uuid, "--yes", "-o", "table"]));
    insta::assert_snapshot!(format!("{joined}{left}"));
}

#[test]
fn config_show_table() {
    let h = Harness::new();
    for (profile, key) in [
        ("work", "aaaaaaaaaaaaaaaaaaaa1111"),
        ("home", "bbbbbbbbbbbbbbbbbbbb2222"),
    ] {
        let (code, _, stderr) = run(h
            .bare()
            .args([
                "config",
                "init",
                "--key-stdin",
                "--no-verify",
                "--profile",
                profile,
            ])
            .write_stdin(key));
        assert_eq!(code, 0, "{stderr}");
    }
    let stdout = stdout_of(h.bare().args(["config", "show", "-o", "table"]));
    stable(|| insta::assert_snapshot!(stdout));
}

#[test]
fn top_level_help() {
    let h = Harness::new();
    let stdout = stdout_of(h.bare().arg("--help"));
    insta::assert_snapshot!(stdout);
}

#[test]
fn list_help() {
    let h = Harness::new();
    let stdout = stdout_of(h.bare().args(["list", "--help"]));
    insta::assert_snapshot!(stdout);
}

#[test]
fn every_command_has_a_summary_a_description_and_examples() {
    let h = Harness::new();
    for command in [
        &["list"][..],
        &["get"],
        &["join"],
        &["leave"],
        &["start"],
        &["auth"],
        &["config"],
        &["config", "init"],
        &["config", "show"],
        &["config", "use"],
        &["config", "path"],
        &["completions"],
    ] {
        let stdout = stdout_of(h.bare().args(command).arg("--help"));
        let mut paragraphs = stdout.split("\n\n");
        let summary = paragraphs.next().unwrap_or_default();
        assert!(
            !summary.is_empty() && !summary.contains('\n'),
            "{command:?}: one-line summary"
        );
        assert!(
            stdout.contains("\nExamples:\n  ucconv "),
            "{command:?}: examples\n{stdout}"
        );
        if command.len() == 1 {
            let description = paragraphs.next().unwrap_or_default();
            assert!(
                !description.starts_with("Usage:"),
                "{command:?}: a longer description"
            );
        }
    }
}

#[test]
fn a_mistyped_command_suggests_the_nearest() {
    let h = Harness::new();
    let (code, stdout, stderr) = run(h.bare().arg("lsit"));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("similar subcommands exist: 'ls', 'list'"),
        "{stderr}"
    );
}

/// Every table at 40, 80, 120 and 200 columns: no line wider than the terminal, and a snapshot
/// of each, so a change in what is dropped or cut first is seen.
#[test]
fn tables_fit_every_width() {
    let h = Harness::new();
    let uuid = h.emulator.conversation_uuids()[7].clone();
    stdout_of(h.ucconv().args(["join", &uuid]));
    let config = h.home.path().join("fit.toml");
    let mut init = h.bare();
    init.env("UCCONV_CONFIG", &config)
        .args([
            "config",
            "init",
            "--key-stdin",
            "--no-verify",
            "--profile",
            "work",
        ])
        .write_stdin(ucconv_emulator::DEFAULT_KEY);
    stdout_of(&mut init);
    for width in [40, 80, 120, 200] {
        let columns = width.to_string();
        let list = stdout_of(
            h.ucconv()
                .env("COLUMNS", &columns)
                .args(["list", "--limit", "6", "-o", "table"]),
        );
        let get = stdout_of(
            h.ucconv()
                .env("COLUMNS", &columns)
                .args(["get", &uuid, "-o", "table"]),
        );
        let show = stdout_of(
            h.bare()
                .env("COLUMNS", &columns)
                .env("UCCONV_CONFIG", &config)
                .args(["config", "show", "-o", "table"]),
        );
        for (what, text) in [("list", &list), ("get", &get), ("config show", &show)] {
            // Media URLs are printed whole, so they can be copied.
            for line in text
                .lines()
                .filter(|l| !l.trim_start().starts_with("media: "))
            {
                let shown = unicode_width::UnicodeWidthStr::width(line);
                assert!(shown <= width, "{what} at {width}: {shown} columns: {line}");
            }
        }
        stable(|| {
            insta::assert_snapshot!(format!("list_at_{width}"), list);
            insta::assert_snapshot!(format!("get_at_{width}"), get);
        });
    }
}
