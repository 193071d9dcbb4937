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

use super::schema::{self, Schema};
use crate::text::printable;

/// Why the history cannot be opened or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Something other than a regular file where the database (or its WAL) should be.
    NotAFile { path: String, kind: &'static str },
    /// A schema newer than this version knows.
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    /// A database that is not foamroll's (another program's tables, a negative version).
    Foreign { path: String },
    /// Not a database at all, or a damaged one.
    Damaged { path: String },
    /// Another program holds the lock.
    Locked { path: String },
    /// Anything else, in words.
    Other { path: String, message: String },
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::NotAFile { path, kind } => {
                write!(f, "{path} {kind}, not a history database; it is left alone")
            }
            OpenError::TooNew { path, found, known } => write!(
                f,
                "{path} was written by a newer foamroll (schema {found}, this one knows {known}); it is left as it is"
            ),
            OpenError::Foreign { path } => write!(
                f,
                "{path} is not a foamroll history (it holds another program's data); it is left as it is"
            ),
            OpenError::Damaged { path } => write!(
                f,
                "{path} is damaged or not a database; it is left as it is (move it away to start a new history)"
            ),
            OpenError::Locked { path } => write!(
                f,
                "{path} is locked by another program; try again when it is done"
            ),
            OpenError::Other { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for OpenError {}

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

pub(super) fn shown(p: &Path) -> String {
    printable(&p.display().to_string())
}

/// An error of SQLite, in words, for the file at `path`.
pub(super) fn describe(path: &Path, e: &rusqlite::Error) -> OpenError {
    let path = shown(path);
    if !matches!(e, rusqlite::Error::SqliteFailure(..)) {
        return OpenError::Other {
            path,
            message: "holds a value this foamroll cannot read; it is left as it is".into(),
        };
    }
    let message = match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            return OpenError::Damaged { path };
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            return OpenError::Locked { path };
        }
        Some(ErrorCode::ReadOnly) => "cannot be written (the file or its folder is read-only)",
        Some(ErrorCode::DiskFull) => "cannot be written: the disk is full",
        Some(ErrorCode::PermissionDenied) => "cannot be opened: permission denied",
        Some(ErrorCode::CannotOpen) => {
            "cannot be opened (its folder may be missing, read-only or not a folder)"
        }
        Some(ErrorCode::SystemIoFailure) => "cannot be read or written: an input/output error",
        Some(ErrorCode::NoLargeFileSupport | ErrorCode::TooBig) => "is too large to use",
        _ => "does not have the tables this foamroll writes; it is left as it is",
    };
    OpenError::Other {
        path,
        message: message.to_string(),
    }
}

/// Whether a SQLite error means another instance holds the lock.
pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Runs `f` again while another instance holds the database (beyond the busy timeout).
pub(super) fn with_retry<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let mut tries = 0;
    loop {
        match f() {
            Err(e) if is_busy(&e) && tries < 40 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(5 * tries.min(20)));
            }
            other => return other,
        }
    }
}

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
                Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
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
