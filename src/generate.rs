//! The generated files committed in `completions/` and `man/`, built from the clap model.
//!
//! A test compares them with the committed copies; `UCCONV_UPDATE_GENERATED=1 cargo test` rewrites them.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, EXIT_CODES};
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
    .map(|(shell, path)| (path.to_string(), completions::script(shell)))
    .collect();
    files.extend(man_pages());
    files
}

/// `man/ucconv.1`, and `man/ucconv-<command>.1` for each command, each ending with the exit codes
/// and environment variables.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    let top = Cli::command();
    let mut pages = vec![("man/ucconv.1".to_string(), render(top.clone()))];
    for sub in top.get_subcommands() {
        let name = format!("ucconv-{}", sub.get_name());
        let extra = match sub.get_after_help() {
            Some(examples) => format!("{examples}\n\n{EXIT_CODES}"),
            None => EXIT_CODES.to_string(),
        };
        let page = sub
            .clone()
            .name(name.clone())
            .version(env!("CARGO_PKG_VERSION"))
            .after_help(extra);
        pages.push((format!("man/{name}.1"), render(page)));
    }
    pages
}

fn render(command: clap::Command) -> Vec<u8> {
    let mut buffer = Vec::new();
    // Rendering into a Vec cannot fail: it only fails when the writer does.
    let _ = clap_mangen::Man::new(command).render(&mut buffer);
    buffer
}
