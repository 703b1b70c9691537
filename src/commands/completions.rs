//! `ucconv completions`: the shell completion script for bash, zsh, fish, elvish or PowerShell.

use clap_complete::Shell;

use crate::cli;
use crate::error::Result;
use crate::output;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv completions bash > ~/.local/share/bash-completion/completions/ucconv
  ucconv completions zsh > \"${fpath[1]}/_ucconv\"
  ucconv completions fish > ~/.config/fish/completions/ucconv.fish")]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

/// The script for `shell`, generated from the same clap model that parses the command line.
pub(crate) fn script(shell: Shell) -> Vec<u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut cli::command(), "ucconv", &mut buffer);
    buffer
}

pub fn run(args: Args) -> Result<()> {
    output::print(&String::from_utf8_lossy(&script(args.shell)))
}
