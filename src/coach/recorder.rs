//! Where the coach's records go. Every save of the coach goes through [`Recorder`], so
//! changing the storage is a change here only.

use crate::history::HistoryLog;
use crate::session::SessionRecord;

/// Stores a session record; a later record with the same id supersedes it.
pub trait Recorder {
    /// Why it could not be saved, in words that name the file.
    fn save(&mut self, record: &SessionRecord) -> Result<(), String>;
}

impl Recorder for HistoryLog {
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        self.append(record)
            .map_err(|e| format!("{e}: {} cannot be written", self.path().display()))
    }
}
