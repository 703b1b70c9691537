//! The one owner of stderr: spinners, notices, warnings, the `-v` log and the final error.
//!
//! Everything ucconv says to a person goes through here, so that: a spinner is drawn only when
//! both stdout and stderr are terminals, and is cleared before any line is printed; each warning
//! prints once; server text is cleaned before it reaches the terminal; in JSON mode every line is
//! a JSON object; and a closed stderr is ignored instead of ending the process.
#![allow(clippy::print_stderr)]

use std::collections::HashSet;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::text;
use crate::error::Error;

/// One line of stderr in JSON mode: exactly one of its fields is there.
#[derive(Default, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct StderrLine {
    /// The error that ended the command (the last line; the exit code says the same).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorObject>,
    /// Something happening or done: a retry, a footer, a saved profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<Message>,
    /// A problem that did not stop the command.
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<Message>,
    /// A line of the `-v` log.
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<Message>,
}

impl StderrLine {
    fn notice(message: Message) -> StderrLine {
        StderrLine {
            notice: Some(message),
            ..StderrLine::default()
        }
    }
    fn warning(message: Message) -> StderrLine {
        StderrLine {
            warning: Some(message),
            ..StderrLine::default()
        }
    }
    fn log(message: Message) -> StderrLine {
        StderrLine {
            log: Some(message),
            ..StderrLine::default()
        }
    }

    /// The line as written: one compact JSON object and a newline. Strings and numbers always
    /// encode, so there is no error to report.
    fn encode(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// The JSON error object.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub(crate) struct ErrorObject {
    /// A stable code (`ucconv commands --json` lists them under `error_codes`).
    #[schemars(extend("examples" = crate::error::CODES.iter().map(|(code, ..)| *code).collect::<Vec<_>>()))]
    code: String,
    /// The HTTP status behind the error, or null when there was none.
    status: Option<u16>,
    /// What went wrong, on one line.
    message: String,
    /// What to do next, or null.
    hint: Option<String>,
}

#[derive(serde::Serialize, schemars::JsonSchema)]
pub(crate) struct Message {
    /// The text, on one line.
    message: String,
}

/// A cheap handle; clones share the spinner and the set of warnings already given.
#[derive(Clone)]
pub struct Ui(Arc<Inner>);

struct Inner {
    /// Lines as JSON objects (`--json`, `--jq`, `-o json|jsonl`).
    json: bool,
    /// Says nothing at all (shell completion, where any text would land on the command line).
    silent: bool,
    /// `--quiet`: errors and the `-v` log only.
    quiet: bool,
    /// Spinners: only where a person watches both streams, and not once a pager owns the screen.
    spinners: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    spinner: Option<ProgressBar>,
    warned: HashSet<String>,
}

impl std::fmt::Debug for Ui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ui")
            .field("json", &self.0.json)
            .field("spinners", &self.0.spinners.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Ui {
    pub fn new(json: bool, spinners: bool, quiet: bool) -> Ui {
        Ui(Arc::new(Inner {
            json,
            silent: false,
            quiet,
            spinners: AtomicBool::new(spinners),
            state: Mutex::new(State::default()),
        }))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.0
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A Ui that prints nothing.
    pub(crate) fn silent() -> Ui {
        Ui(Arc::new(Inner {
            json: false,
            silent: true,
            quiet: true,
            spinners: AtomicBool::new(false),
            state: Mutex::new(State::default()),
        }))
    }

    /// Writes whole lines with the spinner out of the way; a closed stderr is not an error.
    fn write(&self, text: &str) {
        if self.0.silent {
            return;
        }
        let state = self.state();
        let emit = || {
            let mut stderr = std::io::stderr().lock();
            let _ = stderr.write_all(text.as_bytes());
            let _ = stderr.flush();
        };
        match &state.spinner {
            Some(spinner) => spinner.suspend(emit),
            None => emit(),
        }
    }

    /// `prefix message` for people, the [`StderrLine`] `wrap` makes in JSON mode; server text
    /// cleaned.
    fn line(&self, wrap: fn(Message) -> StderrLine, prefix: &str, message: &str) {
        let message = text::one_line(message);
        let line = if self.0.json {
            wrap(Message {
                message: message.into_owned(),
            })
            .encode()
        } else {
            format!("{prefix}{message}\n")
        };
        self.write(&line);
    }

    /// What is happening or what just happened: a retry, a footer, "Saved profile…".
    pub(crate) fn notice(&self, message: &str) {
        if !self.0.quiet {
            self.line(StderrLine::notice, "", message);
        }
    }

    /// A problem that does not stop the command; each distinct warning prints once per process.
    pub(crate) fn warn(&self, message: &str) {
        if self.0.quiet || !self.state().warned.insert(message.to_string()) {
            return;
        }
        self.line(StderrLine::warning, "warning: ", message);
    }

    /// One line of the `-v` log. Bodies (`-vv`) keep their line breaks, cleaned of the rest.
    pub(crate) fn log(&self, line: &str) {
        if self.0.json {
            self.line(StderrLine::log, "", line);
        } else {
            self.write(&format!("{}\n", text::printable(line)));
        }
    }

    /// The error that ends the command: `error:` and `hint:` lines, or one JSON object.
    pub fn error(&self, error: &Error) {
        self.idle();
        if matches!(error, Error::BrokenPipe | Error::DryRun(_)) {
            return;
        }
        let message = error.to_string();
        let message = text::one_line(&message);
        let hint = error.hint();
        let hint = hint.as_deref().map(text::one_line);
        let text = if self.0.json {
            let line = StderrLine {
                error: Some(ErrorObject {
                    code: error.code().to_string(),
                    status: error.status(),
                    message: message.clone().into_owned(),
                    hint: hint.as_ref().map(|h| h.clone().into_owned()),
                }),
                ..StderrLine::default()
            };
            line.encode()
        } else {
            match hint {
                Some(hint) => format!("error: {message}\nhint: {hint}\n"),
                None => format!("error: {message}\n"),
            }
        };
        self.write(&text);
    }

    /// No more spinners: something else (a pager) draws on the terminal now.
    pub(crate) fn stop_spinners(&self) {
        self.0.spinners.store(false, Ordering::Relaxed);
        self.idle();
    }

    /// Shows a spinner with `label` until [`Ui::idle`], where spinners are allowed.
    pub(crate) fn busy(&self, label: &str) {
        if self.0.quiet || !self.0.spinners.load(Ordering::Relaxed) {
            return;
        }
        let mut state = self.state();
        if let Some(old) = state.spinner.take() {
            old.finish_and_clear();
        }
        let spinner = ProgressBar::new_spinner().with_message(text::one_line(label).into_owned());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            spinner.set_style(style);
        }
        spinner.enable_steady_tick(Duration::from_millis(100));
        state.spinner = Some(spinner);
    }

    /// Clears the spinner, if one is showing.
    pub(crate) fn idle(&self) {
        if let Some(spinner) = self.state().spinner.take() {
            spinner.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_remembered_once() {
        let ui = Ui::new(false, false, false);
        ui.warn("a");
        ui.warn("a");
        assert_eq!(ui.state().warned.len(), 1);
    }

    #[test]
    fn no_spinner_off_a_terminal() {
        let ui = Ui::new(false, false, false);
        ui.busy("Loading…");
        assert!(ui.state().spinner.is_none());
    }
}
