//! `ucconv commands`: the command tree as data (commands, arguments, flags with types, defaults
//! and environment variables, which commands write, exit codes), read from the clap model itself,
//! so that a program can build tool definitions without reading `--help`.

use std::any::TypeId;
use std::path::PathBuf;

use clap::ArgAction;
use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::output::table::Column;
use crate::output::{self, Render, View, table, tsv};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv commands                 # each command, whether it writes, what it does
  ucconv commands --json | jq '.commands[] | select(.writes) | .name'

With --json: {name, version, global_flags, commands: [{name, about, description, aliases,
arguments, flags, writes, idempotent, dry_run, has_subcommands, json_schema}], exit_codes,
error_codes, environment}. A flag is
{name, long, short, value_name, type, values, default, env, required, repeatable, help}; type is
one of boolean, count, integer, string, path or enum (then values lists the choices).")]
pub struct Args {}

/// How each command that changes something behaves when repeated. `None`: it depends (`api`,
/// by method; `mcp`, by the tool, and only with --allow-writes). Commands not listed only read.
pub(crate) const WRITES: &[(&str, Option<bool>)] = &[
    ("join", Some(true)),
    ("leave", Some(true)),
    ("start", Some(false)),
    ("take", Some(false)),
    ("status", Some(true)),
    ("mark-read", Some(true)),
    ("profile set", Some(true)),
    ("config init", Some(true)),
    ("config use", Some(true)),
    ("api", None),
    ("mcp", None),
];

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Tree {
    name: String,
    version: String,
    global_flags: Vec<Flag>,
    commands: Vec<CommandInfo>,
    exit_codes: Vec<ExitCode>,
    /// The codes of the JSON error object on stderr (`ucconv schema stderr`).
    error_codes: Vec<ErrorCode>,
    environment: Vec<EnvVar>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ErrorCode {
    code: &'static str,
    exit_code: u8,
    meaning: &'static str,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct CommandInfo {
    /// The words after `ucconv`: `list`, `config init`.
    name: String,
    about: String,
    description: Option<String>,
    aliases: Vec<String>,
    arguments: Vec<Flag>,
    flags: Vec<Flag>,
    writes: bool,
    /// Whether running it twice changes no more than running it once; null: depends (`api`).
    idempotent: Option<bool>,
    /// Whether it takes `--dry-run`.
    dry_run: bool,
    /// Whether it has subcommands of its own, listed after it.
    has_subcommands: bool,
    /// The names `ucconv schema` describes its JSON output by (several when the shape depends
    /// on the arguments, like `queue --waiting`).
    json_schema: Vec<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Flag {
    name: String,
    long: Option<String>,
    short: Option<String>,
    value_name: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    values: Vec<String>,
    default: Option<String>,
    env: Option<String>,
    required: bool,
    repeatable: bool,
    /// The flag may be given bare, without its value (`--fields` alone lists the fields).
    value_optional: bool,
    /// Flags of the same command that cannot be given with this one.
    conflicts_with: Vec<String>,
    help: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ExitCode {
    code: u8,
    meaning: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct EnvVar {
    name: String,
    meaning: String,
}

/// The type a program should pass: from the action, then the choices, then the parsed type.
fn kind_of(arg: &clap::Arg) -> &'static str {
    match arg.get_action() {
        ArgAction::SetTrue | ArgAction::SetFalse => return "boolean",
        ArgAction::Count => return "count",
        _ => {}
    }
    if !arg.get_possible_values().is_empty() {
        return "enum";
    }
    let id = arg.get_value_parser().type_id();
    let integers = [
        TypeId::of::<u64>(),
        TypeId::of::<u32>(),
        TypeId::of::<u16>(),
        TypeId::of::<u8>(),
        TypeId::of::<usize>(),
        TypeId::of::<i64>(),
        TypeId::of::<i32>(),
    ];
    if integers.iter().any(|t| id == *t) {
        "integer"
    } else if id == TypeId::of::<PathBuf>() {
        "path"
    } else {
        "string"
    }
}

fn flag(arg: &clap::Arg, command: &clap::Command) -> Flag {
    let text = |s: &clap::builder::StyledStr| s.to_string();
    let boolean = matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::Count);
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let help_text = arg.get_help().map(text).unwrap_or_default();
    Flag {
        name: arg.get_id().to_string(),
        long: arg.get_long().map(|l| format!("--{l}")),
        short: arg.get_short().map(|s| format!("-{s}")),
        value_name: (!boolean)
            .then(|| {
                arg.get_value_names()
                    .and_then(|n| n.first())
                    .map(|n| n.to_string())
            })
            .flatten(),
        kind: kind_of(arg),
        values: arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set() && !boolean)
            .map(|v| v.get_name().to_string())
            .collect(),
        default: (!boolean && !defaults.is_empty())
            .then(|| defaults.join(","))
            .or_else(|| in_help(&help_text, "[default: ")),
        env: arg
            .get_env()
            .map(|e| e.to_string_lossy().into_owned())
            .or_else(|| in_help(&help_text, "[env: ")),
        required: arg.is_required_set(),
        repeatable: matches!(arg.get_action(), ArgAction::Append | ArgAction::Count),
        value_optional: arg.get_action().takes_values()
            && arg.get_num_args().is_some_and(|n| n.min_values() == 0),
        conflicts_with: command
            .get_arg_conflicts_with(arg)
            .iter()
            .map(|other| {
                other
                    .get_long()
                    .map_or_else(|| other.get_id().to_string(), |l| format!("--{l}"))
            })
            .collect(),
        help: arg
            .get_long_help()
            .or(arg.get_help())
            .map(text)
            .unwrap_or_default(),
    }
}

/// `[env: NAME]` or `[default: VALUE]` in a flag's help: a variable read by the context rather
/// than by clap, or a default clap does not apply itself.
fn in_help(help: &str, tag: &str) -> Option<String> {
    let start = help.find(tag)? + tag.len();
    let end = start + help[start..].find(']')?;
    Some(help[start..end].to_string())
}

/// Every command, depth first, each with its own arguments (not the global flags).
fn walk(command: &clap::Command, prefix: &str, into: &mut Vec<CommandInfo>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{prefix}{}", sub.get_name()).trim().to_string();
        let own = |arg: &&clap::Arg| {
            !arg.is_global_set()
                && arg.get_help_heading() != Some("Inherited flags")
                && !matches!(
                    arg.get_action(),
                    ArgAction::Help | ArgAction::HelpLong | ArgAction::Version
                )
        };
        let (arguments, flags): (Vec<&clap::Arg>, Vec<&clap::Arg>) = sub
            .get_arguments()
            .filter(own)
            .partition(|a| a.is_positional());
        let write = WRITES.iter().find(|(n, _)| *n == name);
        let dry_run = flags.iter().any(|a| a.get_long() == Some("dry-run"));
        into.push(CommandInfo {
            about: sub.get_about().map(|s| s.to_string()).unwrap_or_default(),
            description: sub.get_long_about().map(|s| s.to_string()),
            aliases: sub.get_visible_aliases().map(str::to_string).collect(),
            arguments: arguments.into_iter().map(|a| flag(a, sub)).collect(),
            flags: flags.into_iter().map(|a| flag(a, sub)).collect(),
            writes: write.is_some(),
            idempotent: write.and_then(|(_, idempotent)| *idempotent),
            dry_run,
            has_subcommands: sub.has_subcommands(),
            json_schema: crate::schema::shapes_of(&name),
            name: name.clone(),
        });
        walk(sub, &format!("{name} "), into);
    }
}

/// The `Exit codes:` and `Environment:` lists of the top-level help, as pairs.
fn help_lists(text: &str) -> (Vec<ExitCode>, Vec<EnvVar>) {
    let (mut codes, mut env) = (Vec::new(), Vec::new());
    let mut section = "";
    for line in text.lines() {
        if !line.starts_with(' ') {
            section = line;
            continue;
        }
        let line = line.trim();
        let Some((key, meaning)) = line.split_once(' ') else {
            continue;
        };
        let meaning = meaning.trim().to_string();
        match section {
            "Exit codes:" => codes.extend(key.parse().ok().map(|code| ExitCode { code, meaning })),
            "Environment:" => env.push(EnvVar {
                name: key.to_string(),
                meaning,
            }),
            _ => {}
        }
    }
    (codes, env)
}

fn tree() -> Tree {
    let top = crate::cli::command();
    let mut commands = Vec::new();
    walk(&top, "", &mut commands);
    let (exit_codes, environment) = help_lists(crate::cli::EXIT_CODES);
    Tree {
        name: top.get_name().to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        global_flags: top
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| flag(a, &top))
            .collect(),
        commands,
        exit_codes,
        error_codes: crate::error::CODES
            .iter()
            .map(|&(code, exit_code, meaning)| ErrorCode {
                code,
                exit_code,
                meaning,
            })
            .collect(),
        environment,
    }
}

impl Render for Tree {
    fn human(&self, view: &View) -> Result<String> {
        const COLUMNS: &[Column] = &[
            Column::new("COMMAND", 20),
            Column::new("WRITES", 10).drop(1),
            Column::new("ABOUT", 200).flex(20),
        ];
        let cells = self.commands.iter().map(|c| c.cells()).collect::<Vec<_>>();
        Ok(table::Table::fit(COLUMNS, &cells, view.width).render(&cells))
    }

    fn tsv(&self) -> Result<String> {
        Ok(self
            .commands
            .iter()
            .map(|c| {
                let cells = c.cells();
                tsv::line(&cells.iter().map(String::as_str).collect::<Vec<_>>())
            })
            .collect())
    }
}

impl CommandInfo {
    fn cells(&self) -> Vec<String> {
        let writes = match (self.writes, self.idempotent) {
            (false, _) => "-",
            (true, Some(true)) => "idempotent",
            (true, Some(false)) => "creates",
            (true, None) => "by method",
        };
        vec![self.name.clone(), writes.to_string(), self.about.clone()]
    }
}

pub fn run(_: Args, ctx: &Context) -> Result<()> {
    output::emit(&mut output::stdout(), &tree(), &ctx.view())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_write_names_a_real_command() {
        let tree = tree();
        for (name, _) in WRITES {
            let found = tree.commands.iter().find(|c| c.name == *name);
            assert!(found.is_some_and(|c| c.writes), "{name}");
        }
    }

    #[test]
    fn the_help_lists_read_as_pairs() {
        let (codes, env) = help_lists(crate::cli::EXIT_CODES);
        let numbers: Vec<u8> = codes.iter().map(|c| c.code).collect();
        assert_eq!(numbers, [0, 1, 2, 3, 4, 5, 6, 7, 8, 130]);
        assert!(codes[5].meaning.starts_with("rate limited"));
        assert!(env.iter().any(|e| e.name == "UCCONV_OUTPUT"));
        assert!(env.iter().all(|e| !e.meaning.is_empty()));
    }

    #[test]
    fn flags_carry_their_types() {
        let tree = tree();
        let list = tree.commands.iter().find(|c| c.name == "list").unwrap();
        let by_long = |long: &str| {
            list.flags
                .iter()
                .find(|f| f.long.as_deref() == Some(long))
                .unwrap()
        };
        assert_eq!(by_long("--limit").kind, "integer");
        assert_eq!(by_long("--limit").default.as_deref(), Some("100"));
        assert_eq!(by_long("--all").kind, "boolean");
        assert_eq!(by_long("--medium").kind, "enum");
        assert_eq!(by_long("--medium").values, ["sms", "websocket"]);
        let base_url = tree
            .global_flags
            .iter()
            .find(|f| f.name == "base_url")
            .unwrap();
        assert_eq!(base_url.env.as_deref(), Some("UCCONV_BASE_URL"));
        assert!(by_long("--all").values.is_empty());
        assert_eq!(by_long("--all").conflicts_with, ["--limit"]);
        assert_eq!(
            base_url.default.as_deref(),
            Some("https://secure.ultracart.com/rest/v2")
        );
        let fields = tree
            .global_flags
            .iter()
            .find(|f| f.name == "fields")
            .unwrap();
        assert!(fields.value_optional && !by_long("--limit").value_optional);
        let follow = tree.commands.iter().find(|c| c.name == "follow").unwrap();
        let tail = follow
            .flags
            .iter()
            .find(|f| f.long.as_deref() == Some("--tail"))
            .unwrap();
        assert_eq!(tail.kind, "integer");
        let quiet = tree
            .global_flags
            .iter()
            .find(|f| f.name == "quiet")
            .unwrap();
        assert_eq!(quiet.env.as_deref(), Some("UCCONV_QUIET"));
        let verbose = tree
            .global_flags
            .iter()
            .find(|f| f.name == "verbose")
            .unwrap();
        assert_eq!(verbose.kind, "count");
    }
}
