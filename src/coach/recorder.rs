//! Where the coach's records go. Every save of the coach goes through [`Recorder`], so
//! changing the storage is a change here only.

use std::rc::Rc;

use crate::history::Store;
use crate::session::SessionRecord;

/// Stores a session record; a later record with the same id supersedes it.
pub trait Recorder {
    /// Why it could not be saved, in words that name the file.
    fn save(&mut self, record: &SessionRecord) -> Result<(), String>;
}

fn save_in(store: &Store, record: &SessionRecord) -> Result<(), String> {
    store
        .save(record)
        .map_err(|e| format!("{e}: {} cannot be written", store.path().display()))
}

impl Recorder for Store {
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        save_in(self, record)
    }
}

/// The app's store, shared with the review that reads it.
impl Recorder for Rc<Store> {
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        save_in(self, record)
    }
}
