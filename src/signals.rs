//! Signals as messages on a channel, so a loop that sleeps on that channel (the app,
//! plain mode) wakes at once: to save the session and restore the terminal on SIGTERM,
//! SIGHUP, SIGINT and SIGQUIT, or to suspend on SIGTSTP.

use std::io;
use std::sync::mpsc::Sender;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

/// What a signal asks of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Save as interrupted, restore the terminal, leave.
    Stop,
    /// Give the terminal back and stop until `fg` (SIGTSTP, as Ctrl-Z sends it).
    Suspend,
}

/// Sends `wrap(signal)` on `tx` for every stopping or suspending signal.
pub fn notify<T: Send + 'static>(tx: Sender<T>, wrap: fn(Signal) -> T) -> io::Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let message = if signal == SIGTSTP {
                    Signal::Suspend
                } else {
                    Signal::Stop
                };
                if tx.send(wrap(message)).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Stops the whole program until it is continued (`fg`, SIGCONT); returns then.
pub fn stop_until_continued() -> io::Result<()> {
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)
}
