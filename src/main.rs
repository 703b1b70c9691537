//! Entry point: parse, build the context, dispatch the command, map its error to an exit code.

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;
use std::process::ExitCode;

use ucconv::cli::{Cli, Command};
use ucconv::commands;
use ucconv::context::Context;
use ucconv::error::{Error, Result};
use ucconv::interrupt;
use ucconv::output::ui::Ui;

fn main() -> ExitCode {
    // A shell asking for completions (UCCONV_COMPLETE=bash …) is answered and the process exits.
    clap_complete::CompleteEnv::with_factory(ucconv::cli::command)
        .var(ucconv::commands::completions::VAR)
        .complete();
    // Parsing first keeps --help and --version free of any other start-up work.
    let cli = match Cli::parse_args() {
        Ok(cli) => cli,
        Err(error) => return parse_failure(&error),
    };
    interrupt::install();
    let json = cli.global.wants_json();
    let spinners = !json && std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
    let ui = Ui::new(json, spinners, cli.global.quiet());
    match run(cli, ui.clone()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if matches!(error, Error::Interrupted | Error::Cancelled) {
                // A prompt cut short leaves the cursor after its question: end that line first.
                ucconv::prompt::restore_terminal();
                ucconv::output::pager::stop();
            }
            ui.error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

/// Help and version print as clap prints them; a mistake is a usage error (exit 2), as one JSON
/// object when the command line or UCCONV_OUTPUT asks for JSON.
fn parse_failure(error: &clap::Error) -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let env = std::env::var(ucconv::usage::OUTPUT_VAR).ok();
    if !error.use_stderr() || !ucconv::usage::json_requested(&args, env.as_deref()) {
        error.exit()
    }
    let error = ucconv::usage::from_clap(error);
    Ui::new(true, false, false).error(&error);
    ExitCode::from(error.exit_code())
}

fn run(cli: Cli, ui: Ui) -> Result<()> {
    let ctx = Context::new(cli.global, ui)?.for_command(&cli.command)?;
    if ctx.wants_field_list() {
        return commands::print_fields(&ctx, &cli.command);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(async {
        // Biased, Ctrl-C first: its handler must be in place before a prompt can block this
        // thread, or a ^C at the prompt would kill the process instead of exiting 130.
        tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
            result = dispatch(cli.command, &ctx) => result,
        }
    });
    // A prompt cancelled by Ctrl-C may still sit blocked reading the terminal: do not wait for it.
    runtime.shutdown_background();
    match result {
        Err(Error::DryRun(requests)) => commands::print_plan(&ctx, requests),
        other => other,
    }
}

async fn dispatch(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::List(args) => commands::list::run(args, ctx, &ctx.api_client()?).await,
        Command::Get(args) => commands::get::run(args, ctx, &ctx.api_client()?).await,
        Command::Join(args) => commands::join::run(args, ctx, &ctx.api_client()?).await,
        Command::Leave(args) => commands::leave::run(args, ctx, &ctx.api_client()?).await,
        Command::Start(args) => commands::start::run(args, ctx, &ctx.api_client()?).await,
        Command::Auth(args) => commands::auth::run(args, ctx, &ctx.api_client()?).await,
        Command::Queue(args) => commands::queue::run(args, ctx, &ctx.api_client()?).await,
        Command::Status(args) => commands::status::run(args, ctx, &ctx.api_client()?).await,
        Command::Take(args) => commands::take::run(args, ctx, &ctx.api_client()?).await,
        Command::Messages(args) => commands::messages::run(args, ctx, &ctx.api_client()?).await,
        Command::Follow(args) => commands::follow::run(args, ctx, &ctx.api_client()?).await,
        Command::MarkRead(args) => commands::mark_read::run(args, ctx, &ctx.api_client()?).await,
        Command::Search(args) => commands::search::run(args, ctx, &ctx.api_client()?).await,
        Command::Context(args) => commands::context::run(args, ctx, &ctx.api_client()?).await,
        Command::Canned(args) => commands::canned::run(args, ctx, &ctx.api_client()?).await,
        Command::Agents(args) => commands::agents::run(args, ctx, &ctx.api_client()?).await,
        Command::Departments(args) => {
            commands::departments::run(args, ctx, &ctx.api_client()?).await
        }
        Command::Profile(args) => commands::profile::run(args, ctx, &ctx.api_client()?).await,
        Command::Whoami(args) => commands::whoami::run(args, ctx, &ctx.api_client()?).await,
        Command::Api(args) => commands::api::run(args, ctx, &ctx.api_client()?).await,
        Command::Mcp(args) => commands::mcp::run(args, ctx).await,
        Command::Schema(args) => commands::schema::run(args, ctx),
        Command::Config(args) => commands::config::run(args, ctx).await,
        Command::Commands(args) => commands::tree::run(args, ctx),
        Command::Completions(args) => commands::completions::run(args, ctx),
    }
}
