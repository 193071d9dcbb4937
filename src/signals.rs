//! SIGTERM and SIGHUP as a message on a channel, so a loop that sleeps on that channel
//! (the app, plain mode) wakes at once to save the session and restore the terminal.

use std::io;
use std::sync::mpsc::Sender;

/// Sends `message` on `tx` when SIGTERM or SIGHUP arrives.
pub fn notify_on_stop<T: Send + 'static>(tx: Sender<T>, message: T) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(message);
        }
    });
    Ok(())
}
