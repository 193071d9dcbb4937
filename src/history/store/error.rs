//! The store's errors in words (no SQL text ever reaches the person), and waiting out
//! another instance that holds the lock.

use std::path::Path;
use std::time::Duration;

use rusqlite::ErrorCode;

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
