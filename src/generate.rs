//! The generated files committed in `completions/`, `man/` and docs/json-fields.md, built from the
//! clap model and the output schemas.
//!
//! A test compares them with the committed copies; `UCCONV_UPDATE_GENERATED=1 cargo test` rewrites them.

use clap_complete::Shell;

use crate::cli::{self, EXIT_CODES};
use crate::commands::completions;

/// Every generated file: (path relative to the repository root, contents).
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = [
        (Shell::Bash, "completions/ucconv.bash"),
        (Shell::Zsh, "completions/_ucconv"),
        (Shell::Fish, "completions/ucconv.fish"),
        (Shell::Elvish, "completions/ucconv.elv"),
        (Shell::PowerShell, "completions/_ucconv.ps1"),
    ]
    .into_iter()
    .map(|(shell, path)| {
        (
            path.to_string(),
            completions::script(shell).unwrap_or_default(),
        )
    })
    .collect();
    files.extend(man_pages());
    files.push((
        "docs/json-fields.md".to_string(),
        crate::schema::fields_markdown().into_bytes(),
    ));
    files
}

/// The README's list of each command's JSON fields, between its `json-fields` markers.
pub fn readme_fields() -> String {
    let mut text =
        String::from("<!-- json-fields: generated from `ucconv schema`; do not edit -->\n");
    for command in crate::schema::commands() {
        let fields = crate::schema::top_level_fields(command).unwrap_or_default();
        let fields = match fields.is_empty() {
            true => "any JSON, as the server sent it".to_string(),
            false => fields
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        text.push_str(&format!("- `{command}`: {fields}\n"));
    }
    text.push_str("<!-- /json-fields -->\n");
    text
}

/// `man/ucconv.1`, and `man/ucconv-<command>.1` for each command and subcommand
/// (`ucconv-config-init.1`), each ending with the exit codes and environment variables.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    // No page for `help`, and so no "see also ucconv-help(1)" pointing at a page that is not there.
    let top = cli::command().disable_help_subcommand(true);
    let mut pages = vec![("man/ucconv.1".to_string(), render(top.clone()))];
    pages_below(&top, "ucconv", &mut pages);
    pages
}

fn pages_below(parent: &clap::Command, prefix: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    for sub in parent.get_subcommands() {
        let name = format!("{prefix}-{}", sub.get_name());
        let extra = match sub.get_after_help() {
            Some(examples) => format!("{examples}\n\n{EXIT_CODES}"),
            None => EXIT_CODES.to_string(),
        };
        let page = sub
            .clone()
            .disable_help_subcommand(true)
            .name(name.clone())
            .version(env!("CARGO_PKG_VERSION"))
            .after_help(extra);
        pages.push((format!("man/{name}.1"), render(page.clone())));
        pages_below(&page, &name, pages);
    }
}

fn render(command: clap::Command) -> Vec<u8> {
    let mut buffer = Vec::new();
    // Rendering into a Vec cannot fail: it only fails when the writer does.
    let _ = clap_mangen::Man::new(command).render(&mut buffer);
    buffer
}
