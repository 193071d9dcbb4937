//! The history database: `history.db` in the data folder, SQLite in WAL mode.
//!
//! Split by job: [`schema`] (tables and migrations, telling ours from another
//! program's), [`open`] (folder and file checks, read-write or read-only), [`error`]
//! (errors in words, waiting out a lock), [`legacy`] (the one-time import of
//! `history.jsonl`), [`write`] (saving a session), [`merge`] (import by session id),
//! [`query`] (what the screens and commands read) and [`rows`] (how a row is encoded).
//!
//! Several instances can record at once: every write is one `BEGIN IMMEDIATE`
//! transaction, retried while the database is busy, and synced (`synchronous=FULL`)
//! before the save returns. Reading commands open the file read-only and create
//! nothing; with no database there is simply no history yet.

mod error;
mod legacy;
mod merge;
mod open;
mod query;
mod rows;
pub mod runs;
mod schema;
mod write;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use error::OpenError;
use error::shown;
pub use legacy::{LEGACY_DONE_NAME, LEGACY_NAME};
use open::Mode;
pub use schema::SCHEMA_VERSION;

use crate::session::SessionRecord;

pub const DB_NAME: &str = "history.db";

/// The history of one data folder. The connection is opened on first use (and tried
/// again on the next use when that fails), so an app whose folder cannot be written
/// still runs (every save then says why).
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    mode: Mode,
    conn: RefCell<Option<Connection>>,
    /// What was last written of each session this process saves.
    saved: RefCell<HashMap<String, Saved>>,
    /// Warnings from the one-time migration and from reading, handed out once.
    notes: RefCell<Vec<String>>,
}

#[derive(Debug)]
struct Saved {
    row: i64,
    head: SessionRecord,
    entries: Vec<crate::session::EntryRecord>,
}

impl Store {
    fn with_mode(dir: &Path, mode: Mode) -> Store {
        Store {
            dir: dir.to_path_buf(),
            path: dir.join(DB_NAME),
            mode,
            conn: RefCell::new(None),
            saved: RefCell::new(HashMap::new()),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// The history in `dir`, opened for writing on first use.
    pub fn in_dir(dir: &Path) -> Store {
        Store::with_mode(dir, Mode::ReadWrite)
    }

    /// The history in `dir`, opened now for writing: the folder is made, the schema
    /// brought up to date, and a `history.jsonl` of an earlier version imported once.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        let store = Store::in_dir(dir);
        store.connection()?;
        Ok(store)
    }

    /// The history in `dir` for reading only: nothing is created, changed or locked
    /// for writing, so it works in a read-only folder. `None` when there is no history
    /// yet (no database, no log of an earlier version). A log of an earlier version
    /// that was not imported yet is read into memory.
    pub fn open_read(dir: &Path) -> Result<Option<Store>, OpenError> {
        if let Some(why) = open::folder_problem(dir) {
            return Err(OpenError::Other {
                path: shown(dir),
                message: format!("cannot hold the history: {why}"),
            });
        }
        let path = dir.join(DB_NAME);
        let exists = std::fs::symlink_metadata(&path).is_ok();
        let legacy = std::fs::symlink_metadata(dir.join(LEGACY_NAME)).is_ok();
        if !exists && !legacy {
            return Ok(None);
        }
        let store = Store::with_mode(dir, Mode::ReadOnly);
        if exists {
            // A file with nothing in it yet (made and never written): no history yet.
            let conn = store.connection()?;
            let empty = schema::inspect(&conn).is_ok_and(|s| s == schema::Schema::Empty);
            drop(conn);
            if empty && !legacy {
                return Ok(None);
            }
        } else {
            let conn = Connection::open_in_memory().map_err(|e| error::describe(&path, &e))?;
            let mut conn = conn;
            schema::migrate(&mut conn, &path)?;
            *store.conn.borrow_mut() = Some(conn);
            store.migrate_legacy(false);
        }
        Ok(Some(store))
    }

    /// Where the database is (or would be).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn sql(&self, e: &rusqlite::Error) -> OpenError {
        error::describe(&self.path, e)
    }

    fn note(&self, text: String) {
        self.notes.borrow_mut().push(text);
    }

    fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut *self.notes.borrow_mut())
    }

    /// Opens the connection if it is not open yet.
    fn connection(&self) -> Result<std::cell::RefMut<'_, Connection>, OpenError> {
        let mut slot = self.conn.borrow_mut();
        if slot.is_none() {
            if self.mode == Mode::ReadWrite {
                open::make_folder(&self.dir)?;
            }
            *slot = Some(open::connect(&self.path, self.mode)?);
            drop(slot);
            if self.mode == Mode::ReadWrite {
                self.migrate_legacy(true);
            }
            slot = self.conn.borrow_mut();
        }
        self.connection_raw_from(slot)
    }

    /// The connection during the legacy migration (already open, no recursion).
    fn connection_raw(&self) -> Result<std::cell::RefMut<'_, Connection>, OpenError> {
        self.connection_raw_from(self.conn.borrow_mut())
    }

    fn connection_raw_from<'a>(
        &self,
        slot: std::cell::RefMut<'a, Option<Connection>>,
    ) -> Result<std::cell::RefMut<'a, Connection>, OpenError> {
        std::cell::RefMut::filter_map(slot, Option::as_mut).map_err(|_| OpenError::Other {
            path: shown(&self.path),
            message: "is not open".into(),
        })
    }
}
