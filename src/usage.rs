//! Argument errors: clap's message turned into ucconv's usage error, so that in JSON mode even a
//! mistyped flag is one JSON object on stderr, like every other error.

use std::ffi::OsString;

use crate::error::Error;
use crate::output::OutputFormat;

/// The environment variable that picks the output format when no flag does.
pub const OUTPUT_VAR: &str = "UCCONV_OUTPUT";

/// `UCCONV_OUTPUT` as a format; an empty value is unset. `Err` carries the bad value.
pub(crate) fn env_format(value: Option<&str>) -> Result<Option<OutputFormat>, String> {
    use clap::ValueEnum;
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => OutputFormat::from_str(text, true)
            .map(Some)
            .map_err(|_| text.to_string()),
    }
}

/// Whether the words on the command line (or `UCCONV_OUTPUT`) ask for JSON output. Read from the
/// raw words because the command line that failed to parse has no parsed form to ask.
pub fn json_requested(args: &[OsString], env_output: Option<&str>) -> bool {
    let is_json = |format: &str| matches!(format, "json" | "jsonl");
    let mut words = args.iter().skip(1).map(|word| word.to_string_lossy());
    // Any JSON format flag asks for JSON (even when clap then refuses a second one); else the
    // last format flag, else the environment.
    let mut format_flag = None;
    let mut any_json = false;
    while let Some(word) = words.next() {
        let word = word.as_ref();
        match word {
            "--" => break,
            "--json" => return true,
            _ if word == "--jq" || word.starts_with("--jq=") => return true,
            "--output" => format_flag = words.next().map(|w| w.into_owned()),
            _ if word.starts_with("--output=") => format_flag = Some(word[9..].to_string()),
            // A cluster of short flags, `-o json`, `-ojson` or `-vo json`: what follows `o` is its value.
            _ if word.starts_with('-') && !word.starts_with("--") && word.contains('o') => {
                let rest = &word[word.find('o').map_or(word.len(), |at| at + 1)..];
                format_flag = if rest.is_empty() {
                    words.next().map(|w| w.into_owned())
                } else {
                    Some(rest.trim_start_matches('=').to_string())
                };
            }
            _ => {}
        }
        any_json |= format_flag.as_deref().is_some_and(is_json);
    }
    if any_json {
        return true;
    }
    match format_flag {
        Some(format) => is_json(&format),
        None => env_format(env_output).is_ok_and(|f| f.is_some_and(OutputFormat::is_json)),
    }
}

/// clap's error as ucconv's: its first line is the message; its tips, the possible values or the
/// usage line become the hint.
pub fn from_clap(error: &clap::Error) -> Error {
    use clap::error::ErrorKind;
    let text = error.render().to_string();
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand
    ) {
        return missing_command(&text);
    }
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let message = lines
        .next()
        .map(|line| line.strip_prefix("error: ").unwrap_or(line).to_string())
        .unwrap_or_else(|| "invalid arguments".into());
    let mut hints = Vec::new();
    let mut usage = None;
    for line in lines {
        if let Some(tip) = line.strip_prefix("tip: ") {
            hints.push(tip.to_string());
        } else if let Some(values) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            hints.push(values.to_string());
        } else if let Some(text) = line.strip_prefix("Usage: ") {
            usage = Some(text.to_string());
        }
    }
    if let Some(usage) = usage {
        let command = command_words(&usage).join(" ");
        hints.push(format!("usage: {usage} (`{command} --help` says more)"));
    }
    if hints.is_empty() {
        hints.push(
            "`ucconv COMMAND --help` lists a command's flags and the values they take".into(),
        );
    }
    Error::usage_with_hint(message, hints.join("; "))
}

/// The command a usage line is for: its words up to the first flag or placeholder.
fn command_words(usage: &str) -> Vec<&str> {
    usage
        .split_whitespace()
        .take_while(|word| !word.starts_with(['-', '[', '<']))
        .collect()
}

/// `ucconv config` alone: which command lacks its subcommand, and the ones it has. The help clap
/// rendered names the command in its usage line.
fn missing_command(help: &str) -> Error {
    let usage = help
        .lines()
        .find_map(|line| line.trim().strip_prefix("Usage: "))
        .unwrap_or("ucconv");
    let words = command_words(usage);
    let mut command = crate::cli::command();
    for word in words.iter().skip(1) {
        match command.find_subcommand(word) {
            Some(sub) => command = sub.clone(),
            None => break,
        }
    }
    let names: Vec<&str> = command
        .get_subcommands()
        .map(|sub| sub.get_name())
        .filter(|name| *name != "help")
        .collect();
    let path = words.join(" ");
    Error::usage_with_hint(
        format!("`{path}` needs a command"),
        format!(
            "its commands: {} (`{path} --help` says more)",
            names.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        std::iter::once("ucconv")
            .chain(line.split_whitespace())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn json_is_requested_by_any_of_its_spellings() {
        let cases: &[(&str, Option<&str>, bool)] = &[
            ("list --limit abc", None, false),
            ("list --json --limit abc", None, true),
            ("--json list", None, true),
            ("list --jq .[] --limit abc", None, true),
            ("list --jq=.[]", None, true),
            ("list -o json --bogus", None, true),
            ("list -o jsonl --bogus", None, true),
            ("list -ojson --bogus", None, true),
            ("list -o=json --bogus", None, true),
            ("list -vo json --bogus", None, true),
            ("list --output json", None, true),
            ("list --output=jsonl", None, true),
            ("list -o table", None, false),
            ("list -o tsv", Some("json"), false),
            ("list --bogus", Some("json"), true),
            ("list --bogus", Some("JSONL"), true),
            ("list --bogus", Some("table"), false),
            ("list --bogus", Some("xml"), false),
            ("list --bogus", Some(""), false),
            ("api /x -- --json", None, false),
            ("-o json -o tsv list", None, true),
            ("-o tsv -o json list", None, true),
        ];
        for (line, env, expected) in cases {
            assert_eq!(
                json_requested(&words(line), *env),
                *expected,
                "{line} with UCCONV_OUTPUT={env:?}"
            );
        }
    }

    #[test]
    fn clap_errors_become_usage_errors_with_their_hints() {
        let command = crate::cli::command();
        let cases: &[(&str, &str, &str)] = &[
            (
                "list --limit abc",
                "invalid value 'abc' for '--limit <LIMIT>'",
                "--help` lists",
            ),
            (
                "list --medium fax",
                "invalid value 'fax' for '--medium <MEDIUM>'",
                "possible values: sms, websocket",
            ),
            (
                "list --all --limit 3",
                "the argument '--all' cannot be used with '--limit <LIMIT>'",
                "`ucconv list --help` says more",
            ),
            (
                "list --bogus",
                "unexpected argument '--bogus' found",
                "usage: ucconv list [OPTIONS]",
            ),
            ("", "`ucconv` needs a command", "its commands: list, get,"),
            (
                "config",
                "`ucconv config` needs a command",
                "its commands: init, show, use, path (`ucconv config --help` says more)",
            ),
        ];
        for (line, message, hint) in cases {
            let Err(error) = command.clone().try_get_matches_from(words(line)) else {
                panic!("{line} parsed");
            };
            let error = from_clap(&error);
            assert_eq!(error.exit_code(), 2, "{line}");
            assert!(error.to_string().starts_with(message), "{line}: {error}");
            let given = error.hint().unwrap_or_default();
            assert!(given.contains(hint), "{line}: {given}");
        }
    }
}
