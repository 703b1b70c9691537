//! Test harness: an emulator per test and the real `ucconv` binary run with an isolated environment.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use ucconv_emulator::{DEFAULT_KEY, Emulator, Options, RecordedRequest, Shape};

/// The frozen clock shared by the emulator and ucconv (`UCCONV_NOW`), so times in output are stable.
pub const NOW: &str = "2026-11-25T12:00:00Z";

pub struct Harness {
    pub emulator: Emulator,
    pub home: TempDir,
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with(Options::default())
    }

    pub fn shape(shape: Shape) -> Harness {
        Harness::with(Options {
            shape,
            ..Options::default()
        })
    }

    pub fn with(options: Options) -> Harness {
        let options = Options {
            now: Some(NOW.parse().expect("NOW parses")),
            ..options
        };
        Harness {
            emulator: Emulator::start(options).expect("emulator starts"),
            home: TempDir::new().expect("temp dir"),
        }
    }

    /// Where ucconv finds its config by default under this harness's XDG_CONFIG_HOME.
    pub fn config_path(&self) -> PathBuf {
        self.home
            .path()
            .join("xdg")
            .join("ucconv")
            .join("config.toml")
    }

    /// ucconv with nothing from the outer environment and no credentials at all.
    pub fn bare(&self) -> Command {
        Command::from_std(self.bare_std())
    }

    /// ucconv with the emulator's key in UCCONV_API_KEY.
    pub fn ucconv(&self) -> Command {
        Command::from_std(self.ucconv_std())
    }

    /// As [`Harness::ucconv`], for tests that drive the process's pipes themselves.
    pub fn ucconv_std(&self) -> std::process::Command {
        let mut cmd = self.bare_std();
        cmd.env("UCCONV_API_KEY", DEFAULT_KEY);
        cmd
    }

    /// ucconv without credentials, as a `std` command, for tests that need their own config.
    pub fn bare_std(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ucconv"));
        cmd.env_clear()
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("xdg"))
            .env("TZ", "UTC")
            .env("COLUMNS", "100")
            .env("UCCONV_NOW", NOW)
            // Backoff of a millisecond, so retry tests take no time.
            .env("UCCONV_RETRY_BASE_MS", "1")
            // No pager on the pseudo-terminals of the tests, unless a test asks for one.
            .env("UCCONV_PAGER", "")
            .env("UCCONV_BASE_URL", self.emulator.base_url());
        cmd
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.emulator.requests()
    }

    /// The one request the emulator received; fails if there were more or none.
    pub fn only_request(&self) -> RecordedRequest {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request: {requests:#?}"
        );
        requests.into_iter().next().expect("one request")
    }

    pub fn newest_uuid(&self) -> String {
        self.emulator.conversation_uuids()[0].clone()
    }
}

/// A base URL on a loopback port that nothing listens on: an ephemeral port, bound and released.
pub fn closed_base_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("address").port();
    format!("http://127.0.0.1:{port}/rest/v2")
}

/// Waits (up to 10 s) until the emulator has received `count` requests.
pub fn wait_for_requests(h: &Harness, count: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h.requests().len() < count {
        assert!(
            std::time::Instant::now() < deadline,
            "only {} of {count} requests arrived",
            h.requests().len()
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Sends SIGINT, as Ctrl-C in a terminal would.
pub fn interrupt(child: &std::process::Child) {
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// Runs a command to completion: (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("ucconv runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8(stdout).expect("stdout is UTF-8"),
        String::from_utf8(stderr).expect("stderr is UTF-8"),
    )
}

pub fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The headers docs/api.md §1 requires on every request, with the simple key as credential.
pub fn assert_wire_headers(request: &RecordedRequest) {
    assert_eq!(
        request.header("x-ultracart-api-version"),
        Some("2017-03-01")
    );
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("ucconv/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(request.header("x-ultracart-simple-key"), Some(DEFAULT_KEY));
    assert_eq!(request.header("authorization"), None);
}

/// A request without a body must not claim one.
pub fn assert_no_body(request: &RecordedRequest) {
    assert!(
        request.body.is_empty(),
        "unexpected body: {}",
        request.body_text()
    );
    assert_eq!(request.header("content-type"), None);
}
