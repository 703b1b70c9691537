//! Generated files stay fresh: completion scripts and man pages, built from the clap model.

use std::path::Path;

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
fn the_readme_lists_the_json_fields_of_the_schemas() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let block = ucconv::generate::readme_fields();
    let start = readme
        .find("<!-- json-fields")
        .expect("the README has the json-fields block");
    let end = readme
        .find("<!-- /json-fields -->")
        .expect("the block ends")
        + "<!-- /json-fields -->\n".len();
    if std::env::var("UCCONV_UPDATE_GENERATED").is_ok_and(|v| v == "1") {
        let updated = format!("{}{block}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        block,
        "stale: run `UCCONV_UPDATE_GENERATED=1 cargo test --test generated` and commit README.md"
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
