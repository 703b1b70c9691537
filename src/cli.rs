//! The command line: global options, the command list and each command's arguments (clap derive).

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands;
use crate::output::OutputFormat;

pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0    success (also when output is cut short by a closed pipe)
  1    other error
  2    usage error, or input needed but prompting is impossible
  3    authentication: no credentials, 401, 403, 410
  4    not found (404)
  5    rate limited (429)
  6    network: connect, DNS, TLS, timeout
  7    server error (5xx)
  8    the server's answer could not be understood
  130  interrupted (Ctrl-C, cancelled prompt)

Environment:
  UCCONV_API_KEY       simple API key (used when no --profile is given)
  UCCONV_OAUTH_TOKEN   OAuth bearer token (when UCCONV_API_KEY is unset)
  UCCONV_PROFILE       profile to use when neither --profile nor a key variable is set
  UCCONV_BASE_URL      API base URL
  UCCONV_CONFIG        config file path
  UCCONV_MAX_BODY_MIB  largest answer accepted, after decompression [default: 64]
  UCCONV_OUTPUT        output format when no flag gives one: table, tsv, json, jsonl
  UCCONV_NO_INPUT      1: never prompt (as --no-input)
  UCCONV_QUIET         1: no notices or warnings on stderr (as --quiet)
  HTTPS_PROXY          honoured, with NO_PROXY, for https base URLs (loopback: never)";

/// The commands of the top-level help, by what people use them for. A command missing here is
/// listed under "Other", so a new one is never hidden.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "Conversations",
        &[
            "list",
            "get",
            "messages",
            "search",
            "context",
            "join",
            "leave",
            "mark-read",
            "start",
        ],
    ),
    (
        "Agent",
        &["queue", "status", "take", "follow", "canned", "auth"],
    ),
    ("People", &["whoami", "profile", "agents", "departments"]),
    ("Configuration", &["config"]),
    (
        "Other",
        &["api", "mcp", "commands", "schema", "completions"],
    ),
];

const EXAMPLES: &str = "\
Examples:
  ucconv list --limit 50                        # the newest conversations, fitted to the window
  ucconv get 7e5ba615                           # one conversation, by a prefix of its id
  ucconv list --all --json | jq -r '.[].conversation_uuid'";

/// The help's command list, grouped.
fn grouped_commands(top: &clap::Command) -> String {
    let line = |sc: &clap::Command| {
        let about = sc.get_about().map(|a| a.to_string()).unwrap_or_default();
        let aliases: Vec<&str> = sc.get_visible_aliases().collect();
        let aliases = if aliases.is_empty() {
            String::new()
        } else {
            format!(" [aliases: {}]", aliases.join(", "))
        };
        format!("  {:<13}{about}{aliases}\n", sc.get_name())
    };
    let mut text = String::new();
    let mut listed: Vec<&str> = Vec::new();
    for (group, names) in GROUPS {
        text.push_str(&format!("{group}:\n"));
        for sc in top
            .get_subcommands()
            .filter(|sc| names.contains(&sc.get_name()))
        {
            text.push_str(&line(sc));
            listed.push(sc.get_name());
        }
        text.push('\n');
    }
    let unlisted: Vec<&clap::Command> = top
        .get_subcommands()
        .filter(|sc| !listed.contains(&sc.get_name()))
        .collect();
    if !unlisted.is_empty() {
        text.push_str("More:\n");
        for sc in unlisted {
            text.push_str(&line(sc));
        }
        text.push('\n');
    }
    text.truncate(text.trim_end().len());
    text.push_str("\n  help         Print help for a command\n");
    text
}

/// Copies of the global flags for a command's help, under their own heading after its own flags.
fn inherit(command: clap::Command, globals: &[clap::Arg]) -> clap::Command {
    let command = globals.iter().fold(command, |command, arg| {
        command.arg(arg.clone().help_heading("Inherited flags"))
    });
    command.mut_subcommands(|sub| inherit(sub, globals))
}

/// The command line as ucconv parses it: the derived model, with the top-level help grouped and
/// every command's help putting its own flags before the inherited ones.
pub fn command() -> clap::Command {
    let top = Cli::command();
    let globals: Vec<clap::Arg> = top
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .cloned()
        .collect();
    let template = format!(
        "{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{}\nFlags:\n{{options}}\n\n{EXAMPLES}{{after-help}}",
        grouped_commands(&top)
    );
    top.help_template(template)
        .mut_subcommands(|sub| inherit(sub, &globals))
}

impl Cli {
    /// Parses the process's arguments. A mistake is clap's error, for `main` to print as clap
    /// does or, in JSON mode, as the JSON error object (see [`crate::usage`]).
    pub fn parse_args() -> Result<Cli, clap::Error> {
        let matches = command().try_get_matches()?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.global.env_output = std::env::var(crate::usage::OUTPUT_VAR).ok();
        Ok(cli)
    }
}

/// Command-line client for UltraCart's Conversation API.
#[derive(Debug, Parser)]
#[command(name = "ucconv", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Debug, Args)]
pub struct GlobalArgs {
    /// Profile from the config file [env: UCCONV_PROFILE]
    #[arg(short = 'p', long, global = true, value_name = "NAME",
          add = clap_complete::ArgValueCandidates::new(crate::complete::profiles))]
    pub(crate) profile: Option<String>,

    /// API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]
    // The environment variable is read by the context, not by clap, which would otherwise show
    // `--base-url <URL>` in every usage line as if it were required.
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) base_url: Option<String>,

    /// Output format [env: UCCONV_OUTPUT] [default: table on a terminal, tsv otherwise]
    #[arg(short = 'o', long, global = true, value_enum, value_name = "FORMAT")]
    pub(crate) output: Option<OutputFormat>,

    /// Same as --output json
    #[arg(long, global = true, conflicts_with = "output")]
    pub(crate) json: bool,

    /// Filter the JSON output with a jq expression; strings print raw (implies --json)
    #[arg(long, global = true, value_name = "FILTER")]
    pub(crate) jq: Option<String>,

    /// Only these top-level fields of each object, in that order, in JSON, JSON Lines, TSV and
    /// tables; a bare --fields lists the command's fields (`ucconv schema COMMAND` describes them)
    #[arg(long, global = true, value_name = "A,B,…", num_args = 0..=1, value_delimiter = ',')]
    pub(crate) fields: Option<Vec<String>>,

    /// When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,

    /// Seconds to wait for each request
    #[arg(long, global = true, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub(crate) timeout: u64,

    /// Retries after 429, 502, 503, 504 or a failed connection (0 disables)
    #[arg(long, global = true, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    pub(crate) retries: u32,

    /// Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)
    #[arg(short = 'v', long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,

    /// Never prompt; fail instead, naming the flag to pass (JSON output never prompts either)
    #[arg(long, global = true, env = "UCCONV_NO_INPUT",
          value_parser = clap::builder::FalseyValueParser::new())]
    pub(crate) no_input: bool,

    /// Say nothing on stderr but errors: no notices, warnings or spinners
    #[arg(short = 'q', long, global = true, env = "UCCONV_QUIET",
          value_parser = clap::builder::FalseyValueParser::new())]
    pub(crate) quiet: bool,

    /// Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else
    /// $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)
    #[arg(long, global = true)]
    pub(crate) no_pager: bool,

    /// `UCCONV_OUTPUT` as found at start-up; a flag wins over it. Read by hand, not by clap,
    /// which would count it as given and refuse it beside `--json`.
    #[arg(skip)]
    pub(crate) env_output: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl GlobalArgs {
    /// Whether output is JSON, so errors and notices on stderr are JSON too.
    pub fn wants_json(&self) -> bool {
        self.json
            || self.jq.is_some()
            || self
                .output
                .or_else(|| crate::usage::env_format(self.env_output.as_deref()).ok()?)
                .is_some_and(OutputFormat::is_json)
    }

    /// Whether stderr says only errors.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// The format: `--json`/`--jq`, else `--output`, else `UCCONV_OUTPUT`, else by the terminal.
    pub(crate) fn format(&self, stdout_is_tty: bool) -> crate::error::Result<OutputFormat> {
        let from_env = || {
            crate::usage::env_format(self.env_output.as_deref()).map_err(|value| {
                crate::error::Error::usage_with_hint(
                    format!("UCCONV_OUTPUT={value:?} is not an output format"),
                    "use table, tsv, json or jsonl, or unset it",
                )
            })
        };
        Ok(match (self.json || self.jq.is_some(), self.output) {
            (true, Some(OutputFormat::Jsonl)) => OutputFormat::Jsonl,
            (true, _) => OutputFormat::Json,
            (false, Some(format)) => format,
            (false, None) => match from_env()? {
                Some(format) => format,
                None if stdout_is_tty => OutputFormat::Table,
                None => OutputFormat::Tsv,
            },
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List conversations, newest first
    #[command(visible_alias = "ls")]
    ///
    /// Shows conversation summaries, newest first: who, when, the last message, and whether
    /// it is unread. On a terminal it prints a table with a footer saying how to get the next page.
    /// In a pipe it prints TSV. Above 200 it pages, 200 per request, and prints each page as it
    /// arrives.
    List(commands::list::Args),
    /// Show one conversation: participants and transcript
    #[command(visible_alias = "view")]
    ///
    /// Prints the conversation's header (medium, start, closed, unread), its participants, and
    /// the transcript with times, authors, wrapped message bodies, media URLs, and who joined and
    /// left. If no UUID is given on a terminal, you pick one from the most recent conversations.
    Get(commands::get::Args),
    /// Join a conversation as the authenticated agent
    ///
    /// Adds you (the agent the key belongs to) to the conversation's participants. With
    /// --language, messages are translated for you. If no UUID is given on a terminal, you pick
    /// one from the most recent conversations. Idempotent: joining again changes nothing.
    Join(commands::join::Args),
    /// Leave a conversation
    ///
    /// Removes you from the conversation's participants. On a terminal it asks first. Anywhere
    /// else it requires --yes. If no UUID is given on a terminal, you pick one from the most
    /// recent conversations. Idempotent: leaving again changes nothing (the server may answer
    /// 400, as you are no longer a participant).
    Leave(commands::leave::Args),
    /// Start a conversation
    ///
    /// Starts a conversation with the given participants and prints its UUID on stdout, alone,
    /// so `uuid=$(ucconv start …)` works. Not idempotent: each run starts another conversation,
    /// so it is never retried after a 5xx or a dropped connection.
    Start(commands::start::Args),
    /// Get the agent websocket authorization (JWT and websocket URL)
    ///
    /// Asks UltraCart for a JWT that lets the agent open the conversation websocket. It prints
    /// the participant, the websocket URL, the JWT, and when the JWT expires (read from its `exp`
    /// claim). With --env, it prints `export` lines for `eval`.
    Auth(commands::auth::Args),
    /// Webchat queues: waiting customers, agents and their status
    ///
    /// One row per queue: how many customers wait and since when, active chats, agents available,
    /// busy and unavailable, and the average hold time. --waiting lists the customers waiting, with
    /// the entry `ucconv take` takes; --agents lists every agent's status in every queue.
    Queue(commands::queue::Args),
    /// Set (or show) your availability in webchat queues
    ///
    /// With a status, sets it in the queues named by --queue, or in all of them. Without one,
    /// shows your status in each queue.
    Status(commands::status::Args),
    /// Take a customer waiting in a queue
    ///
    /// Starts the conversation with a customer from `ucconv queue --waiting` and prints its UUID
    /// on stdout, alone. Without an entry on a terminal, you pick the customer.
    Take(commands::take::Args),
    /// Messages of a conversation since a time
    ///
    /// The messages of one conversation from a time on (all of them by default), as a
    /// transcript, TSV lines or the API's message objects.
    Messages(commands::messages::Args),
    /// Stream new messages (one conversation) or conversation changes (all), until Ctrl-C
    ///
    /// With a conversation: its last messages, then each new message and each participant who
    /// joins or leaves, as they happen. Without: a line for each conversation that starts or gets
    /// a new message, and for each customer who starts waiting in a queue. It polls the API.
    Follow(commands::follow::Args),
    /// Mark a conversation read
    ///
    /// Clears the conversation's unread state for you.
    MarkRead(commands::mark_read::Args),
    /// Search conversations by text, email, phone, medium, language, dates
    ///
    /// Finds conversations by what was said or who said it, newest first (or --oldest), and
    /// prints them as `list` does. --all pages through every match.
    Search(commands::search::Args),
    /// Webchat context: current page, cart, orders, pages viewed
    ///
    /// What a webchat customer is looking at: the page they are on, their cart and its total,
    /// their recent orders and the last pages they viewed. --json gives the whole object.
    Context(commands::context::Args),
    /// Canned replies
    ///
    /// Every canned reply with its short code and departments, or those matching a short code;
    /// --text prints just the reply's text, to paste.
    Canned(commands::canned::Args),
    /// Agent profiles
    ///
    /// Every agent: name, display name, user id, default status, chat limit, AI or human.
    Agents(commands::agents::Args),
    /// Departments and their members
    ///
    /// The conversation departments, each with its members.
    Departments(commands::departments::Args),
    /// Your agent profile (profile set changes named fields)
    ///
    /// Shows your profile. `profile set` changes the fields you name and keeps every other.
    Profile(commands::profile::Args),
    /// Who these credentials act as
    ///
    /// The agent, their user id and permission to edit settings, and the profile and base URL the
    /// credentials came from. Only reads.
    Whoami(commands::whoami::Args),
    /// Any other operation, authenticated (like `gh api`)
    ///
    /// Sends one request to a path of the API, with the same credentials, headers, retries,
    /// timeouts and log as every command, and prints the answer. GET, PUT and DELETE are taken as
    /// idempotent (retried after a 5xx); POST and PATCH are not.
    Api(commands::api::Args),
    /// Serve the operations as MCP tools on stdio, for AI assistants
    ///
    /// Runs a Model Context Protocol server on stdin/stdout: one tool per operation, read-only
    /// unless --allow-writes is given. Errors come back as tool results with the CLI's error codes.
    Mcp(commands::mcp::Args),
    /// The command tree as data: commands, flags, types, which write, exit codes
    ///
    /// Everything `--help` says, for programs: with --json, every command with its arguments and
    /// flags (types, choices, defaults, environment variables), whether it writes and is
    /// idempotent, and the exit codes and environment variables.
    Commands(commands::tree::Args),
    /// JSON Schema of each command's JSON output
    ///
    /// Prints the JSON Schema (draft 2020-12) of a command's JSON output, or without COMMAND one
    /// object holding every command's. The schemas are generated from the types ucconv prints.
    Schema(commands::schema::Args),
    /// Manage profiles and credentials: init, show, use, path
    ///
    /// Profiles live in config.toml in the platform's config directory (UCCONV_CONFIG overrides
    /// it), written with mode 0600. Secrets are read from a hidden prompt or from stdin, never
    /// from a flag.
    Config(commands::config::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    ///
    /// Prints the completion script for the given shell on stdout. The README says where each
    /// shell expects it. The same scripts are in the repository's completions/ directory.
    Completions(commands::completions::Args),
}

impl Command {
    /// The name of this command's JSON output in `ucconv schema` (which tells its fields).
    pub(crate) fn output_name(&self) -> &'static str {
        use commands::config::Action as ConfigAction;
        match self {
            Command::List(_) => "list",
            Command::Get(_) => "get",
            Command::Join(_) => "join",
            Command::Leave(_) => "leave",
            Command::Start(_) => "start",
            Command::Auth(args) if args.env => "auth --env",
            Command::Auth(_) => "auth",
            Command::Queue(args) if args.waiting => "queue --waiting",
            Command::Queue(args) if args.agents => "queue --agents",
            Command::Queue(_) => "queue",
            Command::Status(args) if args.state.is_some() => "status STATE",
            Command::Status(_) => "status",
            Command::Take(_) => "take",
            Command::Messages(_) => "messages",
            Command::Follow(_) => "follow",
            Command::MarkRead(_) => "mark-read",
            Command::Search(_) => "search",
            Command::Context(_) => "context",
            Command::Canned(_) => "canned",
            Command::Agents(_) => "agents",
            Command::Departments(_) => "departments",
            Command::Profile(args) if args.action.is_some() => "profile set",
            Command::Profile(_) => "profile",
            Command::Whoami(_) => "whoami",
            Command::Api(_) => "api",
            Command::Mcp(_) => "mcp",
            Command::Commands(_) => "commands",
            Command::Schema(_) => "schema",
            Command::Config(args) => match args.action {
                ConfigAction::Init(_) => "config init",
                ConfigAction::Show => "config show",
                ConfigAction::Use { .. } => "config use",
                ConfigAction::Path => "config path",
            },
            Command::Completions(_) => "completions",
        }
    }

    /// What `--dry-run` holds back for this command: nothing for commands that only read.
    pub fn dry_run(&self) -> crate::api::plan::DryRun {
        use crate::api::plan::DryRun;
        match self {
            Command::Join(args) => args.write.mode(),
            Command::Leave(args) => args.write.mode(),
            Command::Start(args) => args.write.mode(),
            Command::Take(args) => args.write.mode(),
            Command::Status(args) => args.write.mode(),
            Command::MarkRead(args) => args.write.mode(),
            Command::Profile(args) => match &args.action {
                Some(commands::profile::Action::Set(set)) => set.write.mode(),
                None => DryRun::Off,
            },
            Command::Api(args) if args.dry_run => DryRun::Everything,
            _ => DryRun::Off,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_clap_model_is_consistent() {
        super::command().debug_assert();
    }

    #[test]
    fn every_command_is_in_the_top_level_help() {
        let top = super::command();
        let help = top.clone().render_help().to_string();
        for sub in top.get_subcommands() {
            assert!(
                help.contains(&format!("\n  {:<13}", sub.get_name())),
                "{}",
                sub.get_name()
            );
        }
    }
}
