//! Opening the database: the checks on the folder and the files, read-write or
//! read-only, waiting out another instance that holds the lock, and errors in words
//! (no SQL text ever reaches the person).
//!
//! Folders on the path may be symbolic links (`/home -> /var/home` on image-based
//! systems, `/tmp` on macOS); `history.db` itself and its `-wal`, `-shm` and `-journal`
//! files may not: a link there is refused, never followed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::{OpenError, describe, shown, with_retry};
use super::schema::{self, Schema};
use crate::text::printable;

/// How the database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Created if missing, schema brought up to date, WAL on.
    ReadWrite,
    /// For reading commands: nothing is created or changed.
    ReadOnly,
}

/// How long one statement waits for another instance's lock: writers wait long (they
/// run on a thread of their own), readers answer soon.
const WRITE_BUSY: Duration = Duration::from_secs(10);
const READ_BUSY: Duration = Duration::from_secs(3);

/// Refuses anything but a regular file (or nothing) where the database or one of its
/// companion files should be. Never waits on a FIFO, never follows a link.
pub(super) fn check_files(db: &Path) -> Result<(), OpenError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if let Ok(meta) = std::fs::symlink_metadata(&p)
            && !meta.is_file()
        {
            return Err(OpenError::NotAFile {
                path: shown(&p),
                kind: super::super::import::kind_of(&meta),
            });
        }
    }
    Ok(())
}

/// Why `dir` cannot be the data folder, when one of the folders on its path is a
/// symbolic link that leads nowhere or to itself, or is not a folder.
pub(super) fn folder_problem(dir: &Path) -> Option<String> {
    for at in dir.ancestors().collect::<Vec<_>>().into_iter().rev() {
        let Ok(meta) = std::fs::symlink_metadata(at) else {
            return None;
        };
        if meta.file_type().is_symlink() {
            match std::fs::metadata(at) {
                Ok(m) if m.is_dir() => continue,
                Ok(_) => {
                    return Some(format!(
                        "{} is a symbolic link to something that is not a folder",
                        shown(at)
                    ));
                }
                Err(e) if crate::files::is_symlink_loop(&e) => {
                    return Some(format!(
                        "{} is a symbolic link that loops back on itself",
                        shown(at)
                    ));
                }
                Err(_) => {
                    let target = std::fs::read_link(at)
                        .map(|t| shown(&t))
                        .unwrap_or_else(|_| "?".into());
                    return Some(format!(
                        "{} is a symbolic link to {target}, which does not exist",
                        shown(at)
                    ));
                }
            }
        } else if !meta.is_dir() {
            return Some(format!("{} is not a folder", shown(at)));
        }
    }
    None
}

/// Makes the data folder (read-write opening only), with words for what stops it.
pub(super) fn make_folder(dir: &Path) -> Result<(), OpenError> {
    if let Some(why) = folder_problem(dir) {
        return Err(OpenError::Other {
            path: shown(dir),
            message: format!("cannot hold the history: {why}"),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| OpenError::Other {
        path: shown(dir),
        message: format!(
            "the data folder cannot be made: {}",
            printable(&e.to_string())
        ),
    })
}

/// Opens `db` in `mode`: the file checks, the schema check, and (read-write) WAL and
/// the migrations. A database that is not ours is never changed.
pub(super) fn connect(db: &Path, mode: Mode) -> Result<Connection, OpenError> {
    check_files(db)?;
    let conn = match mode {
        Mode::ReadWrite => {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(db, flags).map_err(|e| describe(db, &e))?
        }
        Mode::ReadOnly => open_read_only(db)?,
    };
    let wait = if mode == Mode::ReadWrite {
        WRITE_BUSY
    } else {
        READ_BUSY
    };
    conn.busy_timeout(wait).map_err(|e| describe(db, &e))?;
    // Another instance may be creating the database or switching it to WAL at this
    // very moment; some of those steps answer "busy" without waiting, so each one
    // is retried like a write.
    let found = with_retry(|| schema::inspect(&conn)).map_err(|e| describe(db, &e))?;
    match found {
        Schema::Ours(_) | Schema::Empty => {}
        Schema::Newer(found) => {
            return Err(OpenError::TooNew {
                path: shown(db),
                found,
                known: schema::SCHEMA_VERSION,
            });
        }
        Schema::Foreign => return Err(OpenError::Foreign { path: shown(db) }),
    }
    if mode == Mode::ReadOnly {
        return Ok(conn);
    }
    for (pragma, value) in [
        ("journal_mode", "WAL"),
        ("synchronous", "FULL"),
        ("foreign_keys", "ON"),
    ] {
        with_retry(|| conn.pragma_update(None, pragma, value)).map_err(|e| describe(db, &e))?;
    }
    let mut conn = conn;
    schema::migrate(&mut conn, db)?;
    Ok(conn)
}

/// Read-only, without creating anything. A WAL database in a folder that cannot be
/// written (and whose `-shm` is gone) cannot be opened the usual way: it is then read
/// as an immutable file, which needs no lock file.
fn open_read_only(db: &Path) -> Result<Connection, OpenError> {
    // A read-only connection to a WAL database makes `-wal` and `-shm` and never removes
    // them; a read-write one (never CREATE, and refusing every write) removes them when
    // it closes, so reading leaves the folder as it found it. It needs the file writable.
    if std::fs::OpenOptions::new().write(true).open(db).is_ok() {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if let Ok(conn) = Connection::open_with_flags(db, flags)
            && conn.pragma_update(None, "query_only", "ON").is_ok()
            && conn
                .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
                .is_ok()
        {
            return Ok(conn);
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let plain = Connection::open_with_flags(db, flags).map_err(|e| describe(db, &e))?;
    match plain.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)
            ) => {}
        _ => return Ok(plain),
    }
    drop(plain);
    let uri = format!("file:{}?immutable=1", uri_path(db));
    Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| describe(db, &e))
}

/// A path as the path part of a `file:` URI.
fn uri_path(p: &Path) -> String {
    let mut out = String::new();
    for b in p.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' | 0x80.. => out.push_str(&format!("%{b:02X}")),
            _ => out.push(char::from(b)),
        }
    }
    out
}
