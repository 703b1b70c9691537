//! Shell completion, dynamic: ucconv answers the shell's question itself, offering recent
//! conversations (with who wrote and what) and profile names, in bash, zsh and fish.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::Harness;
use expectrl::{Expect, Session};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding the ucconv binary, to put on the PATH the scripts call it through.
fn bin_dir() -> PathBuf {
    let binary = PathBuf::from(assert_cmd::cargo::cargo_bin!("ucconv"));
    binary.parent().unwrap().to_path_buf()
}

/// A shell is needed for the load tests; CI installs them, so there a missing one is a failure.
fn shell_available(shell: &str) -> bool {
    let found = Command::new(shell)
        .arg("-c")
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "{shell} is missing on CI; .ci/run installs it"
        );
        eprintln!("skipping: {shell} is not installed");
    }
    found
}

/// Asks ucconv for completions the way `shell`'s script does.
fn engine(h: &Harness, shell: &str, words: &[&str], extra_env: &[(&str, &str)]) -> String {
    let mut command = h.ucconv_std();
    command
        .env("UCCONV_COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .arg("--")
        .args(words);
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "completion is silent"
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_engine_offers_recent_conversations_with_who_and_what() {
    let h = Harness::new();
    let newest = h.newest_uuid();
    let bash = engine(&h, "bash", &["ucconv", "get", ""], &[]);
    assert!(bash.lines().any(|l| l == newest), "{bash}");
    let zsh = engine(&h, "zsh", &["ucconv", "join", ""], &[]);
    let line = zsh.lines().find(|l| l.starts_with(&newest)).unwrap();
    assert!(
        line.starts_with(&format!("{newest}:Nora Jensen: I was charged")),
        "{line}"
    );
    let fish = engine(&h, "fish", &["ucconv", "leave", &newest[..4]], &[]);
    assert!(
        fish.starts_with(&format!("{newest}\tNora Jensen: ")),
        "{fish}"
    );
    assert_eq!(fish.lines().count(), 1, "only ids with that prefix: {fish}");
    assert_eq!(h.requests().len(), 1, "one list, then the cache");
}

#[test]
fn the_engine_offers_profiles_subcommands_and_enum_values() {
    let h = Harness::new();
    let config = h.home.path().join("c.toml");
    std::fs::write(
        &config,
        "default_profile = \"work\"\n[profiles.work]\napi_key = \"k\"\n[profiles.home]\napi_key = \"k\"\n",
    )
    .unwrap();
    let env = [("UCCONV_CONFIG", config.to_str().unwrap())];
    let profiles = engine(&h, "fish", &["ucconv", "--profile", ""], &env);
    assert_eq!(profiles, "home\tprofile\nwork\tthe default profile\n");
    let used = engine(&h, "fish", &["ucconv", "config", "use", "w"], &env);
    assert_eq!(used, "work\tthe default profile\n");
    let media = engine(&h, "fish", &["ucconv", "list", "--medium", ""], &[]);
    assert_eq!(media, "sms\nwebsocket\n");
    let commands = engine(&h, "fish", &["ucconv", "jo"], &[]);
    assert!(commands.starts_with("join\t"), "{commands}");
}

#[test]
fn completion_is_silent_when_it_cannot_reach_the_api() {
    let h = Harness::new();
    let output = h
        .bare_std()
        .env("UCCONV_COMPLETE", "fish")
        .env("UCCONV_BASE_URL", common::closed_base_url())
        .env("UCCONV_API_KEY", "k")
        .args(["--", "ucconv", "get", ""])
        .output()
        .unwrap();
    // No conversations to offer: only the flags, and not a word about why.
    let offered = |stdout: &[u8]| {
        String::from_utf8_lossy(stdout)
            .lines()
            .all(|l| l.starts_with("--"))
    };
    assert!(output.status.success());
    assert!(
        offered(&output.stdout),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(output.stderr, b"");
    let output = h
        .bare_std()
        .env("UCCONV_COMPLETE", "fish")
        .args(["--", "ucconv", "get", ""])
        .output()
        .unwrap();
    assert!(offered(&output.stdout), "no credentials");
    assert_eq!(output.stderr, b"");
}

/// The harness's environment, for a shell that runs ucconv through the committed script.
fn shell_command(h: &Harness, shell: &str) -> Command {
    let template = h.ucconv_std();
    let mut command = Command::new(shell);
    command.env_clear();
    for (key, value) in template.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    command.env("PATH", format!("{}:/usr/bin:/bin", bin_dir().display()));
    command
}

#[test]
fn bash_completes_a_uuid_through_the_committed_script() {
    if !shell_available("bash") {
        return;
    }
    let h = Harness::new();
    let newest = h.newest_uuid();
    let script = root().join("completions/ucconv.bash");
    let output = shell_command(&h, "bash")
        .arg("--norc")
        .arg("-c")
        .arg(format!(
            "source '{}' && COMP_WORDS=(ucconv get {prefix}) && COMP_CWORD=2 && _clap_complete_ucconv ucconv {prefix} get && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            prefix = &newest[..6]
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), newest);
}

#[test]
fn fish_completes_a_uuid_through_the_committed_script() {
    if !shell_available("fish") {
        return;
    }
    let h = Harness::new();
    let newest = h.newest_uuid();
    let script = root().join("completions/ucconv.fish");
    let output = shell_command(&h, "fish")
        .arg("--no-config")
        .arg("-c")
        .arg(format!(
            "source '{}'; complete -C 'ucconv get {}'",
            script.display(),
            &newest[..6]
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(&format!("{newest}\tNora Jensen")),
        "{stdout}"
    );
}

#[test]
fn zsh_completes_a_uuid_at_a_real_prompt_from_fpath() {
    if !shell_available("zsh") {
        return;
    }
    let h = Harness::new();
    let newest = h.newest_uuid();
    let mut command = shell_command(&h, "zsh");
    command.args(["-f", "-i"]).env("TERM", "dumb");
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    let setup = format!(
        "PS1='> '; fpath=('{}' $fpath); autoload -U compinit && compinit -u -D\n",
        root().join("completions").display()
    );
    session.send(setup).unwrap();
    // Tab on the first six characters of the newest id: zsh fills in the rest.
    session
        .send(format!("echo done; ucconv get {}\t", &newest[..6]))
        .unwrap();
    session.expect(newest.as_str()).unwrap();
    let _ = session
        .get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL);
}
