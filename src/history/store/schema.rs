//! The schema and its migrations, and telling our database from another program's.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::error::{OpenError, describe, shown, with_retry};
use super::rows::{ENTRY_COLUMNS, HEAD_COLUMNS};

/// The schema this version writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 2;

/// Ordered migration steps: step `i` takes a database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    "
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    format        INTEGER NOT NULL,
    started_ns    INTEGER NOT NULL,
    started_off   INTEGER NOT NULL,
    ended_ns      INTEGER,
    ended_off     INTEGER,
    routine_id    TEXT NOT NULL,
    routine_name  TEXT NOT NULL,
    style         TEXT NOT NULL,
    status        TEXT NOT NULL,
    extra         TEXT
);
CREATE INDEX sessions_by_start ON sessions (started_ns);
CREATE TABLE entries (
    session        INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    step           INTEGER NOT NULL,
    exercise_id    TEXT NOT NULL,
    region         TEXT NOT NULL,
    side           TEXT,
    zone           TEXT,
    planned_s      REAL NOT NULL,
    search_s       REAL NOT NULL,
    hold_s         REAL NOT NULL,
    overtime_s     REAL NOT NULL,
    move_s         REAL NOT NULL,
    points_held    INTEGER NOT NULL,
    points_planned INTEGER NOT NULL,
    skipped        INTEGER NOT NULL,
    tenderness     BLOB NOT NULL,
    PRIMARY KEY (session, idx)
) WITHOUT ROWID;
CREATE INDEX entries_by_region ON entries (region, session);
",
    // 1 to 2: the runs, one summary row per activity (never a track point or a
    // coordinate), and the files the activities folder's scan has seen.
    "
CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    hash         TEXT NOT NULL UNIQUE,
    file         TEXT NOT NULL,
    started_ns   INTEGER NOT NULL,
    started_off  INTEGER NOT NULL,
    sport        TEXT NOT NULL,
    duration_s   REAL NOT NULL,
    moving_s     REAL NOT NULL,
    distance_m   REAL NOT NULL,
    ascent_m     REAL,
    descent_m    REAL,
    avg_hr       REAL
);
CREATE INDEX runs_by_start ON runs (started_ns);
CREATE TABLE run_files (
    path      BLOB PRIMARY KEY,
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    hash      TEXT
) WITHOUT ROWID;
",
];

/// What a database file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Schema {
    /// Nothing yet (a new or an empty file): ours to set up.
    Empty,
    /// Our schema at this version (at most [`SCHEMA_VERSION`]).
    Ours(i64),
    /// Ours, from a newer foamroll.
    Newer(i64),
    /// Another program's tables, or a version foamroll never writes.
    Foreign,
}

/// Reads what the file holds without writing to it.
pub(super) fn inspect(conn: &Connection) -> rusqlite::Result<Schema> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < 0 {
        return Ok(Schema::Foreign);
    }
    if version > SCHEMA_VERSION {
        return Ok(Schema::Newer(version));
    }
    if version == 0 {
        let objects: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        return Ok(if objects == 0 {
            Schema::Empty
        } else {
            Schema::Foreign
        });
    }
    // Our version number: the tables must have our columns too.
    for check in [
        format!("SELECT {HEAD_COLUMNS} FROM sessions LIMIT 0"),
        format!("SELECT session, idx, {ENTRY_COLUMNS} FROM entries LIMIT 0"),
    ] {
        match conn.prepare(&check) {
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::Unknown) => {
                return Ok(Schema::Foreign);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Schema::Ours(version))
}

/// Brings the schema to [`SCHEMA_VERSION`], one step a transaction.
pub(super) fn migrate(conn: &mut Connection, db: &Path) -> Result<(), OpenError> {
    let sql = |e: rusqlite::Error| describe(db, &e);
    // Up to date (every open but the first): no write lock needed.
    let version: i64 =
        with_retry(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0))).map_err(sql)?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    loop {
        let done = with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version > SCHEMA_VERSION {
                return Ok(Err(version));
            }
            let Some(step) = usize::try_from(version)
                .ok()
                .and_then(|v| MIGRATIONS.get(v))
            else {
                return Ok(Ok(true));
            };
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.commit()?;
            Ok(Ok(false))
        })
        .map_err(sql)?;
        match done {
            Ok(true) => return Ok(()),
            Ok(false) => {}
            Err(found) => {
                return Err(OpenError::TooNew {
                    path: shown(db),
                    found,
                    known: SCHEMA_VERSION,
                });
            }
        }
    }
}
