//! The one-time import of `history.jsonl`, the log earlier versions wrote.

use super::Store;
use super::error::shown;
use crate::history::import::{kind_of, parse_log, read_bounded};

/// The log of earlier versions, imported once on first use.
pub const LEGACY_NAME: &str = "history.jsonl";
/// What the log is renamed to once imported.
pub const LEGACY_DONE_NAME: &str = "history.jsonl.imported";

impl Store {
    /// Imports a `history.jsonl` of an earlier version once, then renames it (unless
    /// `rename` is false: a read-only look at a folder changes nothing).
    pub(super) fn migrate_legacy(&self, rename: bool) {
        let legacy = self.dir.join(LEGACY_NAME);
        let Ok(meta) = std::fs::symlink_metadata(&legacy) else {
            return;
        };
        let name = shown(&legacy);
        if !meta.is_file() {
            self.note(format!(
                "{name} {}: not imported into the history database",
                kind_of(&meta)
            ));
            return;
        }
        let bytes = match read_bounded(&legacy, u64::MAX / 2) {
            Ok(b) => b,
            // Another instance imported and renamed it meanwhile: nothing to do.
            Err(_) if !legacy.exists() => return,
            Err(e) => {
                self.note(e);
                return;
            }
        };
        let loaded = parse_log(&legacy.display().to_string(), &bytes);
        match self.merge(loaded) {
            Ok(report) => {
                for w in report.warnings {
                    self.note(w);
                }
                if !rename {
                    return;
                }
                let done = self.dir.join(LEGACY_DONE_NAME);
                // Another instance may have moved it already: then it is imported too.
                if let Err(e) = std::fs::rename(&legacy, &done)
                    && e.kind() != std::io::ErrorKind::NotFound
                {
                    self.note(format!(
                        "{name} was imported but could not be renamed ({e}); it will be merged again next time, which changes nothing"
                    ));
                }
            }
            Err(e) => self.note(format!(
                "{name} could not be imported into the history database: {e}"
            )),
        }
    }
}
