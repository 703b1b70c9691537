//! Questions asked on the terminal, drawn on stderr: confirm, hidden input, text, pick from a list.
//!
//! Callers check [`crate::context::Context::can_prompt`] first. Esc, Ctrl-C and "no" all come back as
//! [`Error::Cancelled`], which exits 130 with nothing changed.
//!
//! Each prompt blocks on the terminal, so it runs on a blocking thread while this one watches for
//! Ctrl-C: a ^C that reaches the process as a signal (typed before the prompt switched the
//! terminal to raw mode) cancels too, and the terminal is put back as it was.

use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, FuzzySelect, Select};
use secrecy::SecretString;

use crate::error::{Error, Result};

fn cancelled<E>(_: E) -> Error {
    Error::Cancelled
}

/// The terminal's modes from before the prompt now showing, so an interrupted one can be undone,
/// here or by the interrupt watchdog (which is why it is process-wide).
#[cfg(unix)]
static SAVED: std::sync::Mutex<Option<rustix::termios::Termios>> = std::sync::Mutex::new(None);

#[cfg(unix)]
fn saved() -> std::sync::MutexGuard<'static, Option<rustix::termios::Termios>> {
    SAVED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(unix)]
fn save_terminal() {
    *saved() = rustix::termios::tcgetattr(std::io::stdin()).ok();
}

#[cfg(unix)]
fn forget_terminal() {
    *saved() = None;
}

/// Puts the terminal back as it was before the current prompt, if one is showing.
#[cfg(unix)]
pub fn restore_terminal() {
    if let Some(modes) = saved().as_ref() {
        let now = rustix::termios::OptionalActions::Now;
        let _ = rustix::termios::tcsetattr(std::io::stdin(), now, modes);
        let term = Term::stderr();
        let _ = term.show_cursor();
        let _ = term.write_line("");
    }
}

#[cfg(not(unix))]
fn save_terminal() {}
#[cfg(not(unix))]
fn forget_terminal() {}
#[cfg(not(unix))]
pub fn restore_terminal() {}

/// Runs a blocking prompt on its own thread; Ctrl-C as a signal cancels it and restores the terminal.
async fn ask<T: Send + 'static>(
    question: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    save_terminal();
    let answer = tokio::task::spawn_blocking(question);
    let result = tokio::select! {
        biased;
        _ = tokio::signal::ctrl_c() => {
            restore_terminal();
            Err(Error::Cancelled)
        }
        joined = answer => joined.map_err(cancelled)?,
    };
    forget_terminal();
    result
}

/// Yes goes on; no, Esc and Ctrl-C cancel.
pub(crate) async fn confirm(question: &str) -> Result<()> {
    let question = question.to_string();
    ask(move || {
        let answer = Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(question)
            .default(false)
            .interact_opt()
            .map_err(cancelled)?;
        match answer {
            Some(true) => Ok(()),
            Some(false) | None => Err(Error::Cancelled),
        }
    })
    .await
}

/// Reads a line without echoing it. Echo stays off for the whole line, so a pasted key never
/// shows, even in part; Ctrl-C, Esc and Ctrl-D cancel, Backspace and Ctrl-U edit.
pub(crate) async fn secret(label: &str) -> Result<SecretString> {
    let label = label.to_string();
    ask(move || read_hidden(&label)).await
}

#[cfg(unix)]
fn read_hidden(label: &str) -> Result<SecretString> {
    read_line(&format!("{label} (hidden): "), false).map(SecretString::from)
}

/// Reads one line after `question`, the terminal in raw mode so every key is ours: Enter ends it,
/// Ctrl-C, Esc and Ctrl-D cancel (leaving a clean line), Backspace and Ctrl-U edit. With `echo`
/// off nothing typed or pasted is ever shown.
#[cfg(unix)]
fn read_line(question: &str, echo: bool) -> Result<String> {
    use std::io::Read;

    use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex};
    use unicode_width::UnicodeWidthChar;

    /// Puts the terminal back as it was, on every way out.
    struct Restore(termios::Termios);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &self.0);
        }
    }

    let stdin = std::io::stdin();
    let original = termios::tcgetattr(&stdin).map_err(std::io::Error::from)?;
    let mut raw = original.clone();
    raw.local_modes -= LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG;
    raw.special_codes[SpecialCodeIndex::VMIN] = 1;
    raw.special_codes[SpecialCodeIndex::VTIME] = 0;
    termios::tcsetattr(&stdin, OptionalActions::Now, &raw).map_err(std::io::Error::from)?;
    let _restore = Restore(original);

    let term = Term::stderr();
    term.write_str(question)?;
    let mut bytes = Vec::new();
    // The bytes of a character typed but not yet complete (UTF-8 arrives a byte at a time).
    let mut pending = Vec::new();
    for byte in stdin.lock().bytes() {
        match byte? {
            b'\r' | b'\n' => break,
            0x03 | 0x1b | 0x04 => {
                term.write_line("")?;
                return Err(Error::Cancelled);
            }
            0x7f | 0x08 => {
                // Remove one whole character, continuation bytes included.
                let mut removed = Vec::new();
                while let Some(byte) = bytes.pop() {
                    removed.insert(0, byte);
                    if byte & 0xC0 != 0x80 {
                        break;
                    }
                }
                let columns = String::from_utf8_lossy(&removed)
                    .chars()
                    .map(|c| c.width().unwrap_or(0))
                    .sum::<usize>();
                if echo && columns > 0 {
                    term.write_str(&"\u{8} \u{8}".repeat(columns))?;
                }
            }
            0x15 => {
                if echo {
                    term.clear_line()?;
                    term.write_str(question)?;
                }
                bytes.clear();
            }
            control if control < 0x20 => {}
            byte => {
                bytes.push(byte);
                if echo {
                    pending.push(byte);
                    if let Ok(text) = std::str::from_utf8(&pending) {
                        term.write_str(text)?;
                        pending.clear();
                    }
                }
            }
        }
    }
    term.write_line("")?;
    String::from_utf8(bytes).map_err(|_| Error::usage("the input is not valid UTF-8"))
}

/// Reads a line without echoing it (console's own hidden input where termios is not available).
#[cfg(not(unix))]
fn read_hidden(label: &str) -> Result<SecretString> {
    let term = Term::stderr();
    term.write_str(&format!("{label} (hidden): "))?;
    let text = term.read_secure_line().map_err(cancelled)?;
    Ok(SecretString::from(text))
}

/// A line of text; Enter alone takes the default. Esc and Ctrl-C cancel.
pub(crate) async fn text(label: &str, default: &str) -> Result<String> {
    let (label, default) = (label.to_string(), default.to_string());
    ask(move || {
        let answer = read_text(&label, &default)?;
        Ok(if answer.trim().is_empty() {
            default
        } else {
            answer
        })
    })
    .await
}

#[cfg(unix)]
fn read_text(label: &str, default: &str) -> Result<String> {
    let palette = crate::output::Palette::new(Term::stderr().features().colors_supported());
    let question = format!("{} {label} ({default}) › ", palette.strong.apply_to("?"));
    read_line(&question, true)
}

/// dialoguer's input where termios is not available (Esc does not cancel there).
#[cfg(not(unix))]
fn read_text(label: &str, default: &str) -> Result<String> {
    dialoguer::Input::<String>::with_theme(&ColorfulTheme::default())
        .with_prompt(label)
        .default(default.to_string())
        .allow_empty(true)
        .interact_text()
        .map_err(cancelled)
}

/// One of a few fixed choices.
pub(crate) async fn choose(label: &str, choices: &[&str]) -> Result<usize> {
    let label = label.to_string();
    let choices: Vec<String> = choices.iter().map(|c| c.to_string()).collect();
    ask(move || {
        Select::with_theme(&ColorfulTheme::default())
            .with_prompt(label)
            .items(&choices)
            .default(0)
            .interact_opt()
            .map_err(cancelled)?
            .ok_or(Error::Cancelled)
    })
    .await
}

/// One of many items, narrowed by typing.
pub(crate) async fn pick(label: &str, items: Vec<String>) -> Result<usize> {
    let label = label.to_string();
    ask(move || {
        FuzzySelect::with_theme(&ColorfulTheme::default())
            .with_prompt(label)
            .items(&items)
            .default(0)
            .max_length(15)
            .interact_opt()
            .map_err(cancelled)?
            .ok_or(Error::Cancelled)
    })
    .await
}
