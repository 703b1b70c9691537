//! Ctrl-C ends the process with exit code 130 within a second, whatever the main thread is doing.
//!
//! The normal path is the runtime's own Ctrl-C future, which lets a prompt put the terminal back
//! and the error be reported. But a write to a pipe nobody reads blocks the only runtime thread,
//! so that future is never polled: this watchdog thread gives the normal path a moment, then
//! restores the terminal and ends the process itself.

use std::time::Duration;

/// How long the normal path has to finish before the watchdog ends the process.
const GRACE: Duration = Duration::from_millis(400);

/// Starts the watchdog (Unix; elsewhere the runtime's handling is all there is).
pub fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        // Without the registration there is only the default action, which also ends the process.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("ucconv-interrupt".into())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    std::thread::sleep(GRACE);
                    crate::prompt::restore_terminal();
                    crate::output::pager::stop();
                    signal_hook::low_level::exit(i32::from(crate::error::exit::INTERRUPTED));
                }
            });
        drop(spawned);
    }
}
