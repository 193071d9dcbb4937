//! Where the coach's records go. Every save of the coach goes through [`Recorder`], so
//! changing the storage is a change here only. The front ends record through a
//! [`Writer`], whose saves never wait for the disk or for another program's lock.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use crate::history::{SaveState, Store, Writer};
use crate::session::SessionRecord;

/// Stores a session record; a later record with the same id supersedes it.
pub trait Recorder {
    /// Hands a record over; an error says why it could not be saved, in words that
    /// name the file.
    fn save(&mut self, record: &SessionRecord) -> Result<(), String>;

    /// Where saving stands. A recorder that writes before `save` returns has nothing
    /// in flight.
    fn state(&self) -> SaveState {
        SaveState::Saved
    }

    /// Waits, at most `within`, for what was handed over to be written.
    fn finish(&self, within: Duration) -> SaveState {
        let _ = within;
        self.state()
    }

    /// The data folder, where a running session keeps its lock (see
    /// [`crate::history::Running`]); `None` when there is none.
    fn data_dir(&self) -> Option<&std::path::Path> {
        None
    }
}

fn save_in(store: &Store, record: &SessionRecord) -> Result<(), String> {
    store.save(record).map_err(|e| e.to_string())
}

impl Recorder for Store {
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        save_in(self, record)
    }

    fn data_dir(&self) -> Option<&std::path::Path> {
        Some(self.dir())
    }
}

/// A store shared with a review that reads it.
impl Recorder for Rc<Store> {
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        save_in(self, record)
    }

    fn data_dir(&self) -> Option<&std::path::Path> {
        Some(self.dir())
    }
}

/// How long a save waits for the writer when saving goes well: long enough that a
/// checkpoint is on disk before the screen moves on (a `kill -9` just after a side
/// ends keeps that side), short enough that a held lock or a slow disk never stalls
/// the session (then it does not wait at all).
const SETTLE: Duration = Duration::from_millis(250);

impl Recorder for Arc<Writer> {
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        let healthy = Writer::state(self) == SaveState::Saved;
        Writer::save(self, record)?;
        if healthy {
            Writer::finish(self, SETTLE);
        }
        Ok(())
    }

    fn state(&self) -> SaveState {
        Writer::state(self)
    }

    fn finish(&self, within: Duration) -> SaveState {
        Writer::finish(self, within)
    }

    fn data_dir(&self) -> Option<&std::path::Path> {
        Some(self.dir())
    }
}
