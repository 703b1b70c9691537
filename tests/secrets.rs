//! Secrets stay secret: no proxy sees the key on loopback, no config error quotes the file, no base
//! URL shows a password, and the config file survives concurrent writers and symlinks.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Harness, parse_json, run};
use ucconv_emulator::DEFAULT_KEY;

/// A "proxy" on a loopback port that records whatever reaches it and answers 403.
struct Trap {
    url: String,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl Trap {
    fn start() -> Trap {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
                let mut buffer = [0u8; 4096];
                if let Ok(n) = stream.read(&mut buffer) {
                    log.lock().unwrap().extend_from_slice(&buffer[..n]);
                }
                let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
            }
        });
        Trap { url, seen }
    }

    fn seen(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }
}

#[test]
fn proxy_variables_never_see_the_key_for_a_loopback_base_url() {
    let h = Harness::new();
    let port = h.emulator.addr().port();
    let trap = Trap::start();
    let bases = [
        h.emulator.base_url(),
        format!("http://localhost:{port}/rest/v2"),
        format!("http://[::1]:{port}/rest/v2"),
    ];
    let proxies = [
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
    ];
    for base in &bases {
        for variable in proxies {
            for no_proxy in [None, Some("localhost"), Some("*")] {
                let mut command = h.ucconv();
                command
                    .env("UCCONV_BASE_URL", base)
                    .env(variable, &trap.url)
                    .args(["--retries", "0", "list", "--limit", "1"]);
                if let Some(value) = no_proxy {
                    command.env("NO_PROXY", value);
                }
                let (code, _, stderr) = run(&mut command);
                // [::1] has no emulator behind it: a refused connection, never the proxy.
                assert!(code == 0 || code == 6, "{base} {variable}: {stderr}");
                assert_eq!(trap.seen(), "", "{base} via {variable} reached the proxy");
            }
        }
    }
}

#[test]
fn an_https_base_url_honours_https_proxy() {
    let h = Harness::new();
    let trap = Trap::start();
    let (code, _, stderr) = run(h
        .ucconv()
        .env("UCCONV_BASE_URL", "https://secure.ultracart.com/rest/v2")
        .env("HTTPS_PROXY", &trap.url)
        .args(["--retries", "0", "--timeout", "5", "list"]));
    assert_eq!(code, 6, "{stderr}");
    let seen = trap.seen();
    assert!(
        seen.starts_with("CONNECT secure.ultracart.com:443"),
        "the tunnel goes through the proxy: {seen:?}"
    );
    assert!(!seen.contains(DEFAULT_KEY), "the key stays inside TLS");
}

const PASTED: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn write_config(h: &Harness, text: &str, mode: u32) {
    let path = h.config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_misshaped_config_never_prints_the_key() {
    let cases = [
        format!("[profiles]\ndefault = \"{PASTED}\"\n"),
        format!("default_profile = \"{PASTED}\"\n"),
        format!("default_profile = \"{PASTED}\"\n[profiles.a]\napi_key = \"{PASTED}\"\n"),
        format!("[profiles.a]\napi_key = \"{PASTED}\n"),
        format!("{PASTED}\n"),
    ];
    for text in cases {
        let h = Harness::new();
        write_config(&h, &text, 0o600);
        for args in [
            &["list"][..],
            &["config", "show"],
            &["--json", "config", "show"],
        ] {
            let (code, stdout, stderr) = run(h.bare().args(args));
            if args == ["list"] {
                assert_ne!(code, 0, "{text:?} {args:?}");
            }
            assert!(
                !stdout.contains(&PASTED[..16]) && !stderr.contains(&PASTED[..16]),
                "{text:?} {args:?}: {stdout}{stderr}"
            );
        }
    }
}

#[test]
fn a_base_url_with_a_password_is_refused_and_never_echoed() {
    let h = Harness::new();
    let url = "https://agent:hunter2@secure.ultracart.com/rest/v2";
    let mut init = h.bare();
    init.env("UCCONV_BASE_URL", url)
        .args(["config", "init", "--key-stdin", "--no-verify"])
        .write_stdin(DEFAULT_KEY);
    let (code, stdout, stderr) = run(&mut init);
    assert_eq!(code, 2, "{stderr}");
    assert!(!format!("{stdout}{stderr}").contains("hunter2"), "{stderr}");
    assert!(!h.config_path().exists(), "nothing saved");

    // A file written by hand (or by an older ucconv) still never shows it.
    write_config(
        &h,
        &format!("[profiles.a]\napi_key = \"{DEFAULT_KEY}\"\nbase_url = \"{url}\"\n"),
        0o600,
    );
    for args in [
        &["config", "show", "-o", "table"][..],
        &["--json", "config", "show"],
    ] {
        let (code, stdout, stderr) = run(h.bare().args(args));
        assert_eq!(code, 0, "{stderr}");
        assert!(!stdout.contains("hunter2"), "{stdout}");
        assert!(stdout.contains("***@secure.ultracart.com"), "{stdout}");
    }
    let (code, _, stderr) =
        run(h
            .bare()
            .env_remove("UCCONV_BASE_URL")
            .args(["--profile", "a", "list"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[test]
fn a_world_readable_config_warns_once() {
    let h = Harness::new();
    let text = format!("default_profile = \"a\"\n[profiles.a]\napi_key = \"{DEFAULT_KEY}\"\n");
    write_config(&h, &text, 0o644);
    for args in [&["list", "--limit", "1"][..], &["config", "show"]] {
        let (code, _, stderr) = run(h.bare().args(args));
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stderr.matches("warning:").count(), 1, "{args:?}: {stderr}");
    }
    let (_, _, stderr) = run(h.bare().args(["--json", "list", "--limit", "1"]));
    let warning = parse_json(stderr.trim());
    assert!(
        warning["warning"]["message"]
            .as_str()
            .unwrap()
            .contains("chmod 600")
    );
}

#[test]
fn a_config_path_that_is_not_a_regular_file_is_refused_at_once() {
    let h = Harness::new();
    let fifo = h.home.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for path in [std::path::Path::new("/dev/zero"), fifo.as_path()] {
        let started = std::time::Instant::now();
        let (code, _, stderr) = run(h.bare().env("UCCONV_CONFIG", path).arg("list"));
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn concurrent_config_init_keeps_every_profile() {
    let h = Harness::new();
    let children: Vec<_> = (0..10)
        .map(|n| {
            let mut command = h.bare_std();
            command
                .args(["config", "init", "--key-stdin", "--no-verify", "--profile"])
                .arg(format!("p{n}"))
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            let mut child = command.spawn().unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(DEFAULT_KEY.as_bytes())
                .unwrap();
            child
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(stderr.contains("Saved profile"), "{stderr}");
    }
    let (code, stdout, _) = run(h.bare().args(["--json", "config", "show"]));
    assert_eq!(code, 0);
    let profiles = parse_json(&stdout)["profiles"].as_array().unwrap().len();
    assert_eq!(profiles, 10, "{stdout}");
}

#[test]
fn a_symlinked_config_is_written_through_to_its_target() {
    let h = Harness::new();
    let real = h.home.path().join("dotfiles").join("ucconv.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::write(&real, "").unwrap();
    let link = h.config_path();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let mut init = h.bare();
    init.args(["config", "init", "--key-stdin", "--no-verify"])
        .write_stdin(DEFAULT_KEY);
    let (code, _, stderr) = run(&mut init);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(written.contains("[profiles.default]"), "{written}");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let (code, _, stderr) = run(h.bare().args(["list", "--limit", "1"]));
    assert_eq!(code, 0, "the saved key is used through the link: {stderr}");
}

#[test]
fn config_use_and_profile_flag_agree_on_the_exit_code_for_an_unknown_profile() {
    let h = Harness::new();
    write_config(
        &h,
        &format!("[profiles.a]\napi_key = \"{DEFAULT_KEY}\"\n"),
        0o600,
    );
    let (use_code, _, _) = run(h.bare().args(["config", "use", "nope"]));
    let (flag_code, _, _) = run(h.bare().args(["--profile", "nope", "list"]));
    assert_eq!((use_code, flag_code), (1, 1));
}

#[test]
fn auth_env_refuses_values_with_control_characters() {
    let h = Harness::new();
    h.emulator.inject(ucconv_emulator::FaultRule::times(
        ucconv_emulator::Fault::json(
            200,
            serde_json::json!({"jwt": "a.b.c", "websocket_url": "wss://x/\u{1b}]52;c;aGk=\u{7}"}),
        ),
        1,
    ));
    let (code, stdout, stderr) = run(h.ucconv().args(["auth", "--env"]));
    assert_eq!(code, 8, "{stderr}");
    assert!(!stdout.contains('\u{1b}') && !stderr.contains('\u{1b}'));
}

#[test]
fn start_cleans_the_uuid_it_prints() {
    let h = Harness::new();
    h.emulator.inject(ucconv_emulator::FaultRule::times(
        ucconv_emulator::Fault::json(
            200,
            serde_json::json!({"conversation_uuid": "u-1\u{1b}[2J\u{9b}1m", "conversation_arn": "a"}),
        ),
        2,
    ));
    for format in ["table", "tsv"] {
        let (code, stdout, stderr) =
            run(h
                .ucconv()
                .args(["-o", format, "start", "--participant", "p"]));
        assert_eq!(code, 0, "{stderr}");
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: {stdout:?}"
        );
        assert!(stdout.starts_with("u-1"), "{stdout:?}");
    }
}
