//! Credentials and profiles: precedence, `config init/show/use/path`, 0600 files, no secret in output.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Harness, parse_json, run};
use ucconv_emulator::Options;

const KEY_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const KEY_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
const KEY_ENV: &str = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee3";
const TOKEN: &str = "oauth-token-0123456789";

fn harness() -> Harness {
    Harness::with(Options {
        simple_keys: vec![KEY_A.into(), KEY_B.into(), KEY_ENV.into()],
        oauth_tokens: vec![TOKEN.into()],
        ..Options::default()
    })
}

fn write_config(h: &Harness, text: &str) {
    let path = h.config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

fn two_profiles(h: &Harness) {
    write_config(
        h,
        &format!(
            "default_profile = \"a\"\n[profiles.a]\napi_key = \"{KEY_A}\"\n[profiles.b]\napi_key = \"{KEY_B}\"\n"
        ),
    );
}

/// Runs `list --limit 1` and returns which key (or bearer token) the server saw.
fn credential_seen(h: &Harness, cmd: &mut assert_cmd::Command) -> (i32, String) {
    h.emulator.clear_requests();
    let (code, _, stderr) = run(cmd.args(["list", "--limit", "1"]));
    let seen = h
        .requests()
        .first()
        .map(|r| {
            r.header("x-ultracart-simple-key")
                .map(str::to_string)
                .or_else(|| r.header("authorization").map(str::to_string))
                .unwrap_or_default()
        })
        .unwrap_or(stderr);
    (code, seen)
}

fn assert_no_secret(text: &str) {
    for secret in [KEY_A, KEY_B, KEY_ENV, TOKEN] {
        assert!(!text.contains(secret), "secret leaked: {text}");
    }
}

#[test]
fn no_credentials_exits_3_with_a_hint_and_sends_nothing() {
    let h = harness();
    let (code, stdout, stderr) = run(h.bare().arg("list"));
    assert_eq!(code, 3);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: no UltraCart credentials found\n"),
        "{stderr}"
    );
    assert!(stderr.contains("ucconv config init"), "{stderr}");
    assert!(stderr.contains("UCCONV_API_KEY"), "{stderr}");
    assert!(h.requests().is_empty());

    let (code, _, stderr) = run(h.bare().args(["list", "--json"]));
    assert_eq!(code, 3);
    let error = parse_json(&stderr);
    assert_eq!(error["error"]["code"], "no_credentials");
    assert!(
        error["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("UCCONV_API_KEY")
    );
}

#[test]
fn precedence_flag_then_env_key_then_env_profile_then_default() {
    let h = harness();
    two_profiles(&h);
    assert_eq!(credential_seen(&h, &mut h.bare()), (0, KEY_A.into()));
    assert_eq!(
        credential_seen(&h, h.bare().env("UCCONV_PROFILE", "b")),
        (0, KEY_B.into())
    );
    assert_eq!(
        credential_seen(
            &h,
            h.bare()
                .env("UCCONV_PROFILE", "b")
                .env("UCCONV_API_KEY", KEY_ENV)
        ),
        (0, KEY_ENV.into())
    );
    assert_eq!(
        credential_seen(
            &h,
            h.bare()
                .env("UCCONV_API_KEY", KEY_ENV)
                .args(["--profile", "b"])
        ),
        (0, KEY_B.into())
    );
    assert_eq!(
        credential_seen(&h, h.bare().env("UCCONV_OAUTH_TOKEN", TOKEN)),
        (0, format!("Bearer {TOKEN}"))
    );
    assert_eq!(
        credential_seen(
            &h,
            h.bare()
                .env("UCCONV_OAUTH_TOKEN", TOKEN)
                .env("UCCONV_API_KEY", KEY_ENV)
        ),
        (0, KEY_ENV.into()),
        "a simple key wins over a token"
    );
}

#[test]
fn oauth_requests_carry_no_simple_key() {
    let h = harness();
    let (code, _, _) = run(h.bare().env("UCCONV_OAUTH_TOKEN", TOKEN).args(["auth"]));
    assert_eq!(code, 0);
    let request = h.only_request();
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(request.header("x-ultracart-simple-key"), None);
}

#[test]
fn unknown_profile_is_an_error_naming_it() {
    let h = harness();
    two_profiles(&h);
    let (code, _, stderr) = run(h.bare().args(["--profile", "nope", "list"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("no profile named \"nope\""), "{stderr}");
    assert!(h.requests().is_empty());
}

#[test]
fn a_profiles_base_url_is_used_unless_overridden() {
    let h = harness();
    write_config(
        &h,
        &format!(
            "default_profile = \"a\"\n[profiles.a]\napi_key = \"{KEY_A}\"\nbase_url = \"{}\"\n",
            h.emulator.base_url()
        ),
    );
    let (code, _, stderr) = run(h
        .bare()
        .env_remove("UCCONV_BASE_URL")
        .args(["list", "--limit", "1"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(h.requests().len(), 1);
    // --base-url beats the profile: here it points at a closed port.
    let (code, _, _) = run(h
        .bare()
        .args(["--base-url", &common::closed_base_url(), "list"]));
    assert_eq!(code, 6);
}

#[test]
fn init_from_stdin_verifies_then_saves_0600_and_later_commands_use_it() {
    let h = harness();
    let (code, stdout, stderr) = run(h
        .bare()
        .args(["config", "init", "--key-stdin"])
        .write_stdin(format!("{KEY_A}\n")));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("Saved profile \"default\""), "{stderr}");
    assert_no_secret(&stderr);

    let verify = h.only_request();
    assert_eq!(verify.query.as_deref(), Some("_limit=1"));
    assert_eq!(verify.header("x-ultracart-simple-key"), Some(KEY_A));

    let path = h.config_path();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(path.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("default_profile = \"default\""), "{text}");

    assert_eq!(credential_seen(&h, &mut h.bare()), (0, KEY_A.into()));
}

#[test]
fn init_with_a_rejected_key_saves_nothing() {
    let h = harness();
    let (code, _, stderr) = run(h
        .bare()
        .args(["config", "init", "--key-stdin"])
        .write_stdin("wrong-key"));
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("HTTP 401"), "{stderr}");
    assert!(!h.config_path().exists());
}

#[test]
fn init_without_a_terminal_or_stdin_flag_names_the_flag() {
    let h = harness();
    let (code, _, stderr) = run(h.bare().args(["config", "init"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("--key-stdin"), "{stderr}");
    assert!(h.requests().is_empty());
}

#[test]
fn init_second_profile_no_verify_oauth_then_use_switches_default() {
    let h = harness();
    two_profiles(&h);
    let (code, _, stderr) = run(h
        .bare()
        .args([
            "config",
            "init",
            "--key-stdin",
            "--no-verify",
            "--oauth",
            "--profile",
            "tok",
        ])
        .write_stdin(TOKEN));
    assert_eq!(code, 0, "{stderr}");
    assert!(h.requests().is_empty(), "--no-verify sends nothing");

    let (code, _, _) = run(h.bare().args(["config", "use", "tok"]));
    assert_eq!(code, 0);
    assert_eq!(
        credential_seen(&h, &mut h.bare()),
        (0, format!("Bearer {TOKEN}"))
    );
    let mode = std::fs::metadata(h.config_path())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);

    // The same exit code as `--profile nope`: a profile the config file does not have.
    let (code, _, stderr) = run(h.bare().args(["config", "use", "nope"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("a, b, tok"), "{stderr}");
}

#[test]
fn show_masks_keys_and_names_the_active_source() {
    let h = harness();
    two_profiles(&h);
    let (code, stdout, stderr) = run(h.bare().args(["config", "show", "-o", "table"]));
    assert_eq!(code, 0, "{stderr}");
    assert_no_secret(&stdout);
    assert!(stdout.contains("****aaa1"), "{stdout}");
    assert!(
        stdout.contains("Active credentials:  profile \"a\" (default) (****aaa1)"),
        "{stdout}"
    );

    let (code, stdout, _) = run(h
        .bare()
        .env("UCCONV_API_KEY", KEY_ENV)
        .args(["config", "show", "--json"]));
    assert_eq!(code, 0);
    assert_no_secret(&stdout);
    let shown = parse_json(&stdout);
    assert_eq!(shown["default_profile"], "a");
    assert_eq!(shown["profiles"][1]["name"], "b");
    assert_eq!(shown["profiles"][1]["key"], "****bbb2");
    assert_eq!(shown["active"], "UCCONV_API_KEY (****eee3)");
}

#[test]
fn path_follows_xdg_and_ucconv_config() {
    let h = harness();
    let (code, stdout, _) = run(h.bare().args(["config", "path"]));
    assert_eq!(code, 0);
    assert_eq!(stdout.trim_end(), h.config_path().to_str().unwrap());
    let custom = h.home.path().join("elsewhere.toml");
    let (_, stdout, _) = run(h
        .bare()
        .env("UCCONV_CONFIG", &custom)
        .args(["config", "path"]));
    assert_eq!(stdout.trim_end(), custom.to_str().unwrap());
}

#[test]
fn a_malformed_config_names_the_file_and_line() {
    let h = harness();
    write_config(&h, "default_profile = \"a\"\n[profiles.a\napi_key = 1\n");
    let (code, _, stderr) = run(h.bare().arg("list"));
    assert_eq!(code, 1);
    assert!(
        stderr.contains(h.config_path().to_str().unwrap()),
        "{stderr}"
    );
    assert!(stderr.contains("line 2"), "{stderr}");
}

#[test]
fn a_config_readable_by_others_earns_a_warning() {
    let h = harness();
    two_profiles(&h);
    std::fs::set_permissions(h.config_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, stdout, stderr) = run(h.bare().args(["list", "--limit", "1"]));
    assert_eq!(code, 0);
    assert!(!stdout.contains("warning"));
    assert!(
        stderr.contains("warning:") && stderr.contains("chmod 600"),
        "{stderr}"
    );
    assert_no_secret(&stderr);
}
