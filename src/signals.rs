//! Signals as messages on a channel, so a loop that sleeps on that channel (the app,
//! plain mode) wakes at once: to save the session and restore the terminal on SIGTERM,
//! SIGHUP, SIGINT and SIGQUIT, or to suspend on SIGTSTP.
//!
//! Signals and suspending are Unix things. On other systems (Windows) there is nothing
//! to listen for: Ctrl-C reaches the app and plain mode as a key in raw mode, and
//! Ctrl-Z does nothing ([`CAN_SUSPEND`] is false, so the key table leaves it out). That
//! fallback is plain std and is compiled in Linux tests too, so it cannot rot unseen.

/// Whether Ctrl-Z can stop the program and `fg` continue it (Unix only).
pub const CAN_SUSPEND: bool = cfg!(unix);

/// What a signal asks of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Save as interrupted, restore the terminal, leave.
    Stop,
    /// Give the terminal back and stop until `fg` (SIGTSTP, as Ctrl-Z sends it).
    Suspend,
}

#[cfg(unix)]
pub use unix::{notify, stop_until_continued};

#[cfg(not(unix))]
pub use portable::{notify, stop_until_continued};

#[cfg(unix)]
mod unix {
    use std::io;
    use std::sync::mpsc::Sender;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};

    use super::Signal;

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
        signal_hook::low_level::raise(SIGSTOP)
    }
}

/// The fallback for systems without Unix signals, in plain std.
#[cfg(any(not(unix), test))]
mod portable {
    use std::io;
    use std::sync::mpsc::Sender;

    use super::Signal;

    /// Nothing to listen for: the channel gets no signal messages.
    pub fn notify<T: Send + 'static>(tx: Sender<T>, wrap: fn(Signal) -> T) -> io::Result<()> {
        let _ = (tx, wrap);
        Ok(())
    }

    /// The program cannot be stopped and continued here; the caller goes on at once.
    pub fn stop_until_continued() -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "suspending is not supported on this system",
        ))
    }
}

/// Why both are compiled on Unix too: the fallback must keep the same signatures.
#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::mpsc::Sender;

    use super::*;

    #[test]
    fn the_fallback_sends_nothing_and_refuses_to_suspend() {
        let (tx, rx) = std::sync::mpsc::channel::<Signal>();
        portable::notify(tx, |s| s).unwrap();
        assert!(rx.try_recv().is_err());
        let e = portable::stop_until_continued().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::Unsupported);
    }

    #[test]
    fn both_have_the_same_shape() {
        type Notify = fn(Sender<Signal>, fn(Signal) -> Signal) -> io::Result<()>;
        let _: Notify = portable::notify::<Signal>;
        let _: Notify = notify::<Signal>;
        let _: fn() -> io::Result<()> = portable::stop_until_continued;
        let _: fn() -> io::Result<()> = stop_until_continued;
        assert_eq!(CAN_SUSPEND, cfg!(unix));
    }
}
