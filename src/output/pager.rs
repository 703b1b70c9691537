//! Long output on a terminal goes through a pager, as it does in gh and git: `$UCCONV_PAGER`, else
//! `$PAGER`, else `less -FRX` (which quits at once when the output fits the screen). Never when
//! stdout is not a terminal; `--no-pager` or an empty `UCCONV_PAGER` turn it off; a pager that
//! cannot be started means plain output.

use std::io::{BufWriter, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;

use super::ui::Ui;

/// The pager now running, so Ctrl-C can end it and give the terminal back before ucconv exits.
static RUNNING: Mutex<Option<u32>> = Mutex::new(None);

fn running() -> std::sync::MutexGuard<'static, Option<u32>> {
    RUNNING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The terminal's modes from before the pager changed them: a pager ended by a signal does not
/// always put them back (echo stays off), so ucconv does.
#[cfg(unix)]
static MODES: Mutex<Option<rustix::termios::Termios>> = Mutex::new(None);

#[cfg(unix)]
fn modes() -> std::sync::MutexGuard<'static, Option<rustix::termios::Termios>> {
    MODES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The pager command from the environment: `None` when paging is off.
pub(crate) fn command_from(
    ucconv_pager: Option<String>,
    pager: Option<String>,
) -> Option<Vec<String>> {
    let text = match ucconv_pager {
        Some(text) => text,
        None => pager
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| "less -FRX".to_string()),
    };
    shlex::split(&text).filter(|argv| !argv.is_empty())
}

/// Where a command writes its output: stdout, or the pager's input.
pub(crate) enum Out {
    Plain(BufWriter<std::io::StdoutLock<'static>>),
    Paged(Pager),
}

pub(crate) struct Pager {
    input: Option<BufWriter<ChildStdin>>,
    child: Child,
}

impl Drop for Pager {
    /// Closing its input tells the pager the output is complete; ucconv waits until the person
    /// is done reading.
    fn drop(&mut self) {
        if let Some(mut input) = self.input.take() {
            let _ = input.flush();
        }
        let _ = self.child.wait();
        running().take();
    }
}

impl Write for Out {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::Plain(out) => out.write(bytes),
            Out::Paged(pager) => match &mut pager.input {
                Some(input) => input.write(bytes),
                None => Err(std::io::ErrorKind::BrokenPipe.into()),
            },
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Plain(out) => out.flush(),
            Out::Paged(pager) => pager.input.as_mut().map_or(Ok(()), |input| input.flush()),
        }
    }
}

/// Opens the output: through `pager` when one is given and starts, else plain stdout. Spinners
/// stop once a pager owns the screen.
pub(crate) fn open(pager: Option<&[String]>, ui: &Ui) -> Out {
    let plain = || Out::Plain(super::stdout());
    let Some((program, args)) = pager.and_then(|argv| argv.split_first()) else {
        return plain();
    };
    let mut command = Command::new(program);
    command.args(args).stdin(Stdio::piped());
    // As git does: colours and quit-if-one-screen for a less that was given no flags.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    #[cfg(unix)]
    {
        *modes() = rustix::termios::tcgetattr(std::io::stdin()).ok();
    }
    match command.spawn() {
        Ok(mut child) => {
            let Some(input) = child.stdin.take() else {
                return plain();
            };
            *running() = Some(child.id());
            ui.stop_spinners();
            Out::Paged(Pager {
                input: Some(BufWriter::new(input)),
                child,
            })
        }
        Err(_) => plain(),
    }
}

/// Ends a running pager (Ctrl-C), waits a moment for it, and puts the terminal's modes back.
pub fn stop() {
    #[cfg(unix)]
    if let Some(pid) = running().take()
        && let Some(pid) = rustix::process::Pid::from_raw(pid as i32)
    {
        use rustix::process::{WaitOptions, kill_process, waitpid};
        let _ = kill_process(pid, rustix::process::Signal::TERM);
        // Wait (briefly) for it to go, so its last words to the terminal land before ours.
        for _ in 0..50 {
            match waitpid(Some(pid), WaitOptions::NOHANG) {
                Ok(None) => std::thread::sleep(std::time::Duration::from_millis(10)),
                _ => break,
            }
        }
        if let Some(saved) = modes().take() {
            let now = rustix::termios::OptionalActions::Now;
            let _ = rustix::termios::tcsetattr(std::io::stdin(), now, &saved);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_comes_from_ucconv_pager_then_pager_then_less() {
        let own = |s: &str| Some(s.to_string());
        let argv = |words: &[&str]| Some(words.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        let cases = [
            (own("most -s"), own("more"), argv(&["most", "-s"])),
            (own(""), own("more"), None),
            (None, own("more"), argv(&["more"])),
            (None, own(""), argv(&["less", "-FRX"])),
            (None, None, argv(&["less", "-FRX"])),
            (own("'unclosed"), None, None),
        ];
        for (ucconv_pager, pager, expected) in cases {
            assert_eq!(
                command_from(ucconv_pager.clone(), pager.clone()),
                expected,
                "{ucconv_pager:?} {pager:?}"
            );
        }
    }
}
