//! Generated files stay fresh, and the completion scripts load and complete in real shells.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn completions_and_man_pages_match_the_clap_model() {
    let update = std::env::var("UCCONV_UPDATE_GENERATED").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, contents) in ucconv::generate::files() {
        let full = root().join(&path);
        if update {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, &contents).unwrap();
        } else if std::fs::read(&full).ok().as_deref() != Some(contents.as_slice()) {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `UCCONV_UPDATE_GENERATED=1 cargo test --test generated` and commit them"
    );
}

#[test]
fn every_command_has_a_man_page() {
    let pages: Vec<String> = ucconv::generate::files()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for command in [
        "list",
        "get",
        "join",
        "leave",
        "start",
        "auth",
        "config",
        "completions",
    ] {
        assert!(
            pages.contains(&format!("man/ucconv-{command}.1")),
            "{command}"
        );
    }
    let top = String::from_utf8(
        ucconv::generate::files()
            .into_iter()
            .find(|(p, _)| p == "man/ucconv.1")
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(top.contains("Exit codes"), "exit codes in the man page");
    assert!(
        top.contains("UCCONV_API_KEY"),
        "environment in the man page"
    );
}

/// A shell is needed for the next tests; CI installs both, so there a missing one is a failure.
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

#[test]
fn bash_completion_loads_and_completes_jo_to_join() {
    if !shell_available("bash") {
        return;
    }
    let script = root().join("completions/ucconv.bash");
    let output = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(format!(
            "source '{}' && COMP_WORDS=(ucconv jo) && COMP_CWORD=1 && _ucconv ucconv jo ucconv && echo \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "join");
}

#[test]
fn zsh_completion_loads_without_error() {
    if !shell_available("zsh") {
        return;
    }
    let output = Command::new("zsh")
        .arg("-f")
        .arg("-c")
        .arg(format!(
            "fpath=('{}' $fpath); autoload -U compinit && compinit -u -D && source '{}' && whence -w _ucconv",
            root().join("completions").display(),
            root().join("completions/_ucconv").display()
        ))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(String::from_utf8_lossy(&output.stdout).contains("_ucconv: function"));
}

#[test]
fn man_pages_refer_only_to_pages_that_exist() {
    let files = ucconv::generate::files();
    let pages: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    for command in ["config-init", "config-show", "config-use", "config-path"] {
        assert!(
            pages.contains(&format!("man/ucconv-{command}.1")),
            "{command}"
        );
    }
    for (path, contents) in files.iter().filter(|(p, _)| p.starts_with("man/")) {
        let text = String::from_utf8_lossy(contents);
        // clap_mangen lists subcommands as lines like `ucconv\-config\-init(1)`.
        for line in text
            .lines()
            .filter(|l| l.starts_with("ucconv") && l.ends_with("(1)"))
        {
            let name = line.trim_end_matches("(1)").replace("\\-", "-");
            let page = format!("man/{name}.1");
            assert!(
                pages.contains(&page),
                "{path} refers to {page}, which does not exist"
            );
        }
    }
}
