//! `ucconv completions`: the shell completion script for bash, zsh, fish, elvish or PowerShell.
//!
//! The script is small: it asks ucconv itself what to complete (`UCCONV_COMPLETE=<shell> ucconv --
//! <words>`, answered by clap_complete's engine in `main`), so completions always match the binary
//! and can offer live values: recent conversations with who wrote last, and profile names.

use clap_complete::Shell;
use clap_complete::env::Shells;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::output;

/// The environment variable through which a shell asks for completions.
pub const VAR: &str = "UCCONV_COMPLETE";

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv completions bash | source /dev/stdin      # try it in this bash
  mkdir -p ~/.local/share/bash-completion/completions
  ucconv completions bash > ~/.local/share/bash-completion/completions/ucconv
  mkdir -p ~/.zfunc && ucconv completions zsh > ~/.zfunc/_ucconv   # fpath=(~/.zfunc $fpath) before compinit
  mkdir -p ~/.config/fish/completions
  ucconv completions fish > ~/.config/fish/completions/ucconv.fish

The script calls ucconv (found on PATH) each time you press Tab. With --json it prints
{\"shell\", \"script\"} instead of the bare script.")]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

/// The registration script for `shell`, calling back into `ucconv` on the PATH.
pub(crate) fn script(shell: Shell) -> Result<Vec<u8>> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| Error::usage(format!("no completion support for {name}")))?;
    let mut buffer = Vec::new();
    completer.write_registration(VAR, "ucconv", "ucconv", "ucconv", &mut buffer)?;
    if shell == Shell::Zsh {
        // Installed in $fpath, the file is autoloaded as `_ucconv` on the first Tab: complete
        // then too, not only from the second Tab on.
        buffer.extend_from_slice(
            b"if [[ \"${funcstack[1]}\" == \"_ucconv\" ]]; then _clap_dynamic_completer_ucconv \"$@\"; fi\n",
        );
    }
    Ok(buffer)
}

/// The script as it is; under `--json`, `{"shell", "script"}`.
pub fn run(args: Args, ctx: &Context) -> Result<()> {
    let script = Script {
        shell: args.shell.to_string(),
        script: String::from_utf8_lossy(&script(args.shell)?).into_owned(),
    };
    let shown = output::Plain::new(&script, &script.script)?;
    output::emit(&mut output::stdout(), &shown, &ctx.view())
}

/// What `completions --json` prints.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub(crate) struct Script {
    /// The shell the script is for.
    #[schemars(extend("examples" = ["bash", "zsh", "fish", "elvish", "powershell"]))]
    shell: String,
    /// The script, exactly as `ucconv completions SHELL` prints it.
    script: String,
}
