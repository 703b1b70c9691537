//! Spinners on stderr for requests that take a while, so a person knows ucconv is not stuck.

use std::borrow::Cow;
use std::future::Future;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Quick requests show nothing: a spinner only appears once one has taken this long.
const SHOW_AFTER: Duration = Duration::from_millis(300);

#[derive(Clone, Copy, Debug)]
pub struct Progress {
    enabled: bool,
}

impl Progress {
    /// `enabled` only when stderr is a terminal; otherwise every call just awaits its future.
    pub fn new(enabled: bool) -> Progress {
        Progress { enabled }
    }

    /// Awaits `work`, showing `message` beside a spinner if it is slow. The spinner is gone
    /// before this returns, so it never mixes with output that follows.
    pub async fn run<F: Future>(
        &self,
        message: impl Into<Cow<'static, str>>,
        work: F,
    ) -> F::Output {
        if !self.enabled {
            return work.await;
        }
        let mut work = std::pin::pin!(work);
        tokio::select! {
            output = &mut work => return output,
            () = tokio::time::sleep(SHOW_AFTER) => {}
        }
        let spinner = ProgressBar::new_spinner().with_message(message);
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            spinner.set_style(style);
        }
        spinner.enable_steady_tick(Duration::from_millis(100));
        let output = work.await;
        spinner.finish_and_clear();
        output
    }
}
