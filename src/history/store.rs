//! The history database: `history.db` in the data folder, SQLite in WAL mode.
//!
//! A session's row is written when it starts; each later save writes only what changed
//! (the session's own fields, new or changed entries), so the bytes written for a
//! session grow with its length, not with its square. Several instances can record at
//! once: every write is one `BEGIN IMMEDIATE` transaction, retried while the database
//! is busy, and synced (`synchronous=FULL`) before the save returns.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

pub mod runs;

use super::SessionSummary;
use super::import::{ImportReport, Loaded, kind_of, parse_any, parse_log, supersedes};
use crate::library::Style;
use crate::session::{EntryRecord, SessionRecord, Side, Status};
use crate::text::printable;

pub const DB_NAME: &str = "history.db";
/// The log of earlier versions, imported once on first use.
pub const LEGACY_NAME: &str = "history.jsonl";
/// What the log is renamed to once imported.
pub const LEGACY_DONE_NAME: &str = "history.jsonl.imported";

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
    runs::MIGRATION,
];

/// Why the history cannot be opened or written.
#[derive(Debug)]
pub enum OpenError {
    /// Something other than a regular file where the database (or its WAL) should be.
    NotAFile {
        path: String,
        kind: &'static str,
    },
    /// A schema newer than this version knows.
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    Other {
        path: String,
        message: String,
    },
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
            OpenError::Other { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for OpenError {}

/// The history of one data folder. The connection is opened on first use, so an app
/// whose folder cannot be written still runs (every save then says why).
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    conn: RefCell<Option<Connection>>,
    /// What was last written of each session this process saves.
    saved: RefCell<HashMap<String, Saved>>,
    /// Warnings from the one-time migration, handed out once.
    notes: RefCell<Vec<String>>,
}

#[derive(Debug)]
struct Saved {
    row: i64,
    head: SessionRecord,
    entries: Vec<EntryRecord>,
}

fn style_text(s: Style) -> &'static str {
    match s {
        Style::Recovery => "recovery",
        Style::Warmup => "warmup",
    }
}

fn parse_style(s: &str) -> Style {
    if s == "warmup" {
        Style::Warmup
    } else {
        Style::Recovery
    }
}

fn parse_status(s: &str) -> Status {
    match s {
        "running" => Status::Running,
        "completed" => Status::Completed,
        "aborted" => Status::Aborted,
        _ => Status::Interrupted,
    }
}

fn side_text(s: Option<Side>) -> Option<&'static str> {
    s.map(Side::label)
}

fn parse_side(s: Option<String>) -> Option<Side> {
    match s.as_deref() {
        Some("left") => Some(Side::Left),
        Some("right") => Some(Side::Right),
        _ => None,
    }
}

fn time_parts(t: &DateTime<FixedOffset>) -> (i64, i64) {
    let ns = t
        .timestamp_nanos_opt()
        .unwrap_or_else(|| t.timestamp().saturating_mul(1_000_000_000));
    (ns, i64::from(t.offset().local_minus_utc()))
}

fn time_of(ns: i64, off: i64) -> Option<DateTime<FixedOffset>> {
    let tz = FixedOffset::east_opt(i32::try_from(off).ok()?)?;
    Some(tz.timestamp_nanos(ns))
}

/// Whether a SQLite error means another instance holds the lock.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl Store {
    /// The history in `dir`, opened on first use.
    pub fn in_dir(dir: &Path) -> Store {
        Store {
            dir: dir.to_path_buf(),
            path: dir.join(DB_NAME),
            conn: RefCell::new(None),
            saved: RefCell::new(HashMap::new()),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// The history in `dir`, opened now: the folder is made, the schema brought up to
    /// date, and a `history.jsonl` of an earlier version imported once.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        let store = Store::in_dir(dir);
        store.connection()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, message: impl std::fmt::Display) -> OpenError {
        OpenError::Other {
            path: printable(&self.path.display().to_string()),
            message: printable(&message.to_string()),
        }
    }

    fn sql(&self) -> impl Fn(rusqlite::Error) -> OpenError + '_ {
        move |e| self.err(e)
    }

    /// Opens the connection if it is not open yet.
    fn connection(&self) -> Result<std::cell::RefMut<'_, Connection>, OpenError> {
        let mut slot = self.conn.borrow_mut();
        if slot.is_none() {
            *slot = Some(self.connect()?);
            drop(slot);
            self.migrate_legacy();
            slot = self.conn.borrow_mut();
        }
        std::cell::RefMut::filter_map(slot, Option::as_mut).map_err(|_| self.err("not open"))
    }

    fn connect(&self) -> Result<Connection, OpenError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| self.err(e))?;
        // Never wait on a FIFO or a device, never follow a link.
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let p = PathBuf::from(format!("{}{suffix}", self.path.display()));
            if let Ok(meta) = std::fs::symlink_metadata(&p)
                && !meta.is_file()
            {
                return Err(OpenError::NotAFile {
                    path: printable(&p.display().to_string()),
                    kind: kind_of(&meta),
                });
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NOFOLLOW
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags).map_err(self.sql())?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(self.sql())?;
        // Another instance may be creating the database or switching it to WAL at this
        // very moment; some of those steps answer "busy" without waiting, so each one
        // is retried like a write.
        let version: i64 = with_retry(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .map_err(self.sql())?;
        if version > SCHEMA_VERSION {
            return Err(OpenError::TooNew {
                path: printable(&self.path.display().to_string()),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        for (pragma, value) in [
            ("journal_mode", "WAL"),
            ("synchronous", "FULL"),
            ("foreign_keys", "ON"),
        ] {
            with_retry(|| conn.pragma_update(None, pragma, value)).map_err(self.sql())?;
        }
        let mut conn = conn;
        self.migrate(&mut conn)?;
        Ok(conn)
    }

    /// Brings the schema to [`SCHEMA_VERSION`], one step a transaction.
    fn migrate(&self, conn: &mut Connection) -> Result<(), OpenError> {
        // Up to date (every open but the first): no write lock needed.
        let version: i64 = with_retry(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .map_err(self.sql())?;
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
            .map_err(self.sql())?;
            match done {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(found) => {
                    return Err(OpenError::TooNew {
                        path: printable(&self.path.display().to_string()),
                        found,
                        known: SCHEMA_VERSION,
                    });
                }
            }
        }
    }

    /// Imports a `history.jsonl` of an earlier version once, then renames it.
    fn migrate_legacy(&self) {
        let legacy = self.dir.join(LEGACY_NAME);
        let Ok(meta) = std::fs::symlink_metadata(&legacy) else {
            return;
        };
        let name = printable(&legacy.display().to_string());
        if !meta.is_file() {
            self.notes.borrow_mut().push(format!(
                "{name} {}: not imported into the history database",
                kind_of(&meta)
            ));
            return;
        }
        let bytes = match super::import::read_bounded(&legacy, u64::MAX / 2) {
            Ok(b) => b,
            // Another instance imported and renamed it meanwhile: nothing to do.
            Err(_) if !legacy.exists() => return,
            Err(e) => {
                self.notes.borrow_mut().push(e);
                return;
            }
        };
        let loaded = parse_log(&legacy.display().to_string(), &bytes);
        match self.merge(loaded) {
            Ok(report) => {
                self.notes.borrow_mut().extend(report.warnings);
                let done = self.dir.join(LEGACY_DONE_NAME);
                // Another instance may have moved it already: then it is imported too.
                if let Err(e) = std::fs::rename(&legacy, &done)
                    && e.kind() != std::io::ErrorKind::NotFound
                {
                    self.notes.borrow_mut().push(format!(
                        "{name} was imported but could not be renamed ({e}); it will be merged again next time, which changes nothing"
                    ));
                }
            }
            Err(e) => self.notes.borrow_mut().push(format!(
                "{name} could not be imported into the history database: {e}"
            )),
        }
    }

    /// Saves a snapshot of a session: the first save of a session writes it whole,
    /// later ones only its changed fields and entries.
    pub fn save(&self, record: &SessionRecord) -> Result<(), OpenError> {
        let mut conn = self.connection()?;
        let mut saved = self.saved.borrow_mut();
        let before = saved.remove(&record.id);
        let row = with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let row = write(&tx, record, before.as_ref())?;
            tx.commit()?;
            Ok(row)
        })
        .map_err(self.sql())?;
        let mut head = record.clone();
        let entries = std::mem::take(&mut head.entries);
        saved.insert(record.id.clone(), Saved { row, head, entries });
        Ok(())
    }

    /// Merges sessions by id in one transaction: new ones are added, a final record
    /// replaces a checkpoint, anything else is left as it is.
    fn merge(&self, incoming: Loaded) -> Result<ImportReport, OpenError> {
        let mut conn = self.connection_raw()?;
        let report = with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut report = ImportReport {
                warnings: incoming.warnings.clone(),
                ..Default::default()
            };
            for record in &incoming.sessions {
                let old: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM sessions WHERE uuid = ?1",
                        [&record.id],
                        |r| r.get(0),
                    )
                    .optional()?;
                match old {
                    None => {
                        write(&tx, record, None)?;
                        report.added += 1;
                    }
                    Some(row) => {
                        let mut old = read_record(&tx, row)?;
                        if old.status == Status::Running {
                            old.status = Status::Interrupted;
                        }
                        if old != *record && supersedes(record, &old) {
                            write(&tx, record, None)?;
                            report.updated += 1;
                        } else {
                            report.unchanged += 1;
                        }
                    }
                }
            }
            tx.commit()?;
            Ok(report)
        })
        .map_err(self.sql())?;
        self.saved.borrow_mut().clear();
        Ok(report)
    }

    /// The connection during the legacy migration (already open, no recursion).
    fn connection_raw(&self) -> Result<std::cell::RefMut<'_, Connection>, OpenError> {
        std::cell::RefMut::filter_map(self.conn.borrow_mut(), Option::as_mut)
            .map_err(|_| self.err("not open"))
    }

    /// Merges another history (a `--json` export or a `history.jsonl`) by session id.
    /// Importing the same file twice changes nothing.
    pub fn import(&self, name: &str, bytes: &[u8]) -> Result<ImportReport, String> {
        let incoming = parse_any(name, bytes)?;
        drop(self.connection().map_err(|e| e.to_string())?);
        self.merge(incoming).map_err(|e| e.to_string())
    }

    fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut *self.notes.borrow_mut())
    }

    /// Summaries of every session, newest first: what the screens use.
    pub fn summaries(&self) -> Result<(Vec<SessionSummary>, Vec<String>), OpenError> {
        let conn = self.connection()?;
        let sessions = conn
            .unchecked_transaction()
            .and_then(|tx| {
                let s = read_summaries(&tx, None)?;
                tx.finish()?;
                Ok(s)
            })
            .map_err(self.sql())?;
        drop(conn);
        Ok((sessions, self.take_notes()))
    }

    /// Summaries of the sessions from `since` on (the day where each happened), newest
    /// first: what today's plan and the status line read, without the rest of the years.
    pub fn summaries_since(
        &self,
        since: NaiveDate,
    ) -> Result<(Vec<SessionSummary>, Vec<String>), OpenError> {
        let conn = self.connection()?;
        // One read transaction: the sessions and their entries as of one moment.
        let sessions = conn
            .unchecked_transaction()
            .and_then(|tx| {
                let s = read_summaries(&tx, Some(local_ns(since)))?;
                tx.finish()?;
                Ok(s)
            })
            .map_err(self.sql())?;
        drop(conn);
        Ok((sessions, self.take_notes()))
    }

    /// The last day each of `regions` was worked (held or moved, not only skipped),
    /// over the whole history: the same answer as [`super::last_worked`] over every
    /// summary, without reading them. Per region: absent from the index, nothing; else
    /// the newest session that worked it (newest first by the start index, so a region
    /// rolled lately costs a few rows), then the latest local day among sessions that
    /// started up to 26 hours before it (a later local day can only come from a time
    /// zone further east).
    pub fn last_rolled(&self, regions: &[&str]) -> Result<BTreeMap<String, NaiveDate>, OpenError> {
        const WORKED: &str = "EXISTS (SELECT 1 FROM entries e WHERE e.session = s.id
             AND e.region = ?1 AND (e.hold_s > 0 OR e.move_s > 0))";
        const ZONES_NS: i64 = 26 * 3600 * 1_000_000_000;
        let conn = self.connection()?;
        let out = (|| -> rusqlite::Result<BTreeMap<String, NaiveDate>> {
            let mut any = conn.prepare_cached("SELECT 1 FROM entries WHERE region = ?1 LIMIT 1")?;
            let mut newest = conn.prepare_cached(&format!(
                "SELECT s.started_ns FROM sessions s WHERE {WORKED}
                 ORDER BY s.started_ns DESC LIMIT 1"
            ))?;
            let mut latest = conn.prepare_cached(&format!(
                "SELECT MAX(s.started_ns + s.started_off * 1000000000) FROM sessions s
                 WHERE s.started_ns >= ?2 AND {WORKED}"
            ))?;
            let mut out = BTreeMap::new();
            for region in regions {
                if any.query_row([region], |_| Ok(())).optional()?.is_none() {
                    continue;
                }
                let Some(ns) = newest
                    .query_row([region], |r| r.get::<_, i64>(0))
                    .optional()?
                else {
                    continue;
                };
                let local: Option<i64> =
                    latest.query_row(params![region, ns.saturating_sub(ZONES_NS)], |r| r.get(0))?;
                if let Some(local) = local {
                    out.insert(
                        region.to_string(),
                        DateTime::from_timestamp_nanos(local).date_naive(),
                    );
                }
            }
            Ok(out)
        })()
        .map_err(self.sql())?;
        drop(conn);
        Ok(out)
    }

    /// The full record of the session in row `offset` (from a summary).
    pub fn record_at(&self, offset: u64) -> Result<SessionRecord, OpenError> {
        let conn = self.connection()?;
        let row = i64::try_from(offset).map_err(|e| self.err(e))?;
        let mut r = read_record(&conn, row).map_err(self.sql())?;
        if r.status == Status::Running {
            r.status = Status::Interrupted;
        }
        Ok(r)
    }

    /// Full records, newest first, from `since` on (the day where each happened), at
    /// most `limit`. A session still `running` here is shown as interrupted.
    pub fn records(
        &self,
        since: Option<NaiveDate>,
        limit: Option<usize>,
    ) -> Result<Loaded, OpenError> {
        let conn = self.connection()?;
        let since_ns = since
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| t.and_utc().timestamp_nanos_opt())
            .unwrap_or(i64::MIN);
        let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let sessions = (|| -> rusqlite::Result<Vec<SessionRecord>> {
            // One read transaction: one snapshot, and no lock taken per statement.
            let tx = conn.unchecked_transaction()?;
            let mut stmt = tx.prepare_cached(
                "SELECT id FROM sessions
                 WHERE started_ns + started_off * 1000000000 >= ?1
                 ORDER BY started_ns DESC, id DESC LIMIT ?2",
            )?;
            let rows: Vec<i64> = stmt
                .query_map(params![since_ns, limit], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let records = rows
                .into_iter()
                .map(|row| {
                    let mut r = read_record(&tx, row)?;
                    if r.status == Status::Running {
                        r.status = Status::Interrupted;
                    }
                    Ok(r)
                })
                .collect();
            drop(stmt);
            tx.finish()?;
            records
        })()
        .map_err(self.sql())?;
        drop(conn);
        Ok(Loaded {
            sessions,
            warnings: self.take_notes(),
        })
    }

    /// Every session, newest first.
    pub fn load(&self) -> Result<Loaded, OpenError> {
        self.records(None, None)
    }
}

/// Runs `f` again while another instance holds the database (beyond the busy timeout).
fn with_retry<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
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

/// Writes `r`, given what was last written of it (`None`: write it whole). Returns
/// the session's row.
fn write(
    tx: &rusqlite::Transaction<'_>,
    r: &SessionRecord,
    before: Option<&Saved>,
) -> rusqlite::Result<i64> {
    let (started_ns, started_off) = time_parts(&r.started_at);
    let ended = r.ended_at.as_ref().map(time_parts);
    let extra = if r.extra.is_empty() {
        None
    } else {
        serde_json::to_string(&r.extra).ok()
    };
    let head_changed = before.is_none_or(|b| {
        b.head.status != r.status
            || b.head.ended_at != r.ended_at
            || b.head.started_at != r.started_at
            || b.head.routine_id != r.routine_id
            || b.head.routine_name != r.routine_name
            || b.head.style != r.style
            || b.head.format != r.format
            || b.head.extra != r.extra
    });
    let row = match before {
        Some(b) if !head_changed => b.row,
        _ => tx
            .prepare_cached(
                "INSERT INTO sessions (uuid, format, started_ns, started_off, ended_ns, ended_off,
                     routine_id, routine_name, style, status, extra)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (uuid) DO UPDATE SET format = excluded.format,
                     started_ns = excluded.started_ns, started_off = excluded.started_off,
                     ended_ns = excluded.ended_ns, ended_off = excluded.ended_off,
                     routine_id = excluded.routine_id, routine_name = excluded.routine_name,
                     style = excluded.style, status = excluded.status, extra = excluded.extra
                 RETURNING id",
            )?
            .query_row(
                params![
                    r.id,
                    r.format,
                    started_ns,
                    started_off,
                    ended.map(|e| e.0),
                    ended.map(|e| e.1),
                    r.routine_id,
                    r.routine_name,
                    style_text(r.style),
                    r.status.label(),
                    extra
                ],
                |row| row.get(0),
            )?,
    };
    let mut put = tx.prepare_cached(
        "INSERT OR REPLACE INTO entries (session, idx, step, exercise_id, region, side, zone,
             planned_s, search_s, hold_s, overtime_s, move_s, points_held, points_planned,
             skipped, tenderness)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for (i, e) in r.entries.iter().enumerate() {
        if before.is_some_and(|b| b.entries.get(i) == Some(e)) {
            continue;
        }
        put.execute(params![
            row,
            i as i64,
            e.step as i64,
            e.exercise_id,
            e.region,
            side_text(e.side),
            e.zone,
            e.planned_s,
            e.search_s,
            e.hold_s,
            e.overtime_s,
            e.move_s,
            e.points_held,
            e.points_planned,
            e.skipped,
            e.tenderness
        ])?;
    }
    if before.is_none_or(|b| b.entries.len() > r.entries.len()) {
        tx.prepare_cached("DELETE FROM entries WHERE session = ?1 AND idx >= ?2")?
            .execute(params![row, r.entries.len() as i64])?;
    }
    Ok(row)
}

fn read_record(conn: &Connection, row: i64) -> rusqlite::Result<SessionRecord> {
    let mut record = conn
        .prepare_cached(
            "SELECT uuid, format, started_ns, started_off, ended_ns, ended_off, routine_id,
                 routine_name, style, status, extra
             FROM sessions WHERE id = ?1",
        )?
        .query_row([row], |r| {
            let started = time_of(r.get(2)?, r.get(3)?).unwrap_or_default();
            let ended = match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?) {
                (Some(ns), Some(off)) => time_of(ns, off),
                _ => None,
            };
            let extra: Option<String> = r.get(10)?;
            Ok(SessionRecord {
                id: r.get(0)?,
                format: r.get(1)?,
                started_at: started,
                ended_at: ended,
                routine_id: r.get(6)?,
                routine_name: r.get(7)?,
                style: parse_style(&r.get::<_, String>(8)?),
                status: parse_status(&r.get::<_, String>(9)?),
                entries: Vec::new(),
                extra: extra
                    .and_then(|e| serde_json::from_str(&e).ok())
                    .unwrap_or_default(),
            })
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT step, exercise_id, region, side, zone, planned_s, search_s, hold_s, overtime_s,
             move_s, points_held, points_planned, skipped, tenderness
         FROM entries WHERE session = ?1 ORDER BY idx",
    )?;
    record.entries = stmt
        .query_map([row], |r| {
            Ok(EntryRecord {
                step: usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                exercise_id: r.get(1)?,
                region: r.get(2)?,
                side: parse_side(r.get(3)?),
                zone: r.get(4)?,
                planned_s: r.get(5)?,
                search_s: r.get(6)?,
                hold_s: r.get(7)?,
                overtime_s: r.get(8)?,
                move_s: r.get(9)?,
                points_held: r.get(10)?,
                points_planned: r.get(11)?,
                skipped: r.get(12)?,
                tenderness: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(record)
}

/// Every session's summary, newest first, in two queries.
/// Nanoseconds of local wall time at the start of `day` (how sessions are dated).
fn local_ns(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_utc().timestamp_nanos_opt())
        .unwrap_or(i64::MIN)
}

/// Every session's summary, or those from local time `since_ns` on.
fn read_summaries(
    conn: &Connection,
    since_ns: Option<i64>,
) -> rusqlite::Result<Vec<SessionSummary>> {
    let mut names: HashMap<String, Arc<str>> = HashMap::new();
    let mut intern = |s: &str| -> Arc<str> {
        if let Some(a) = names.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        names.insert(s.to_string(), a.clone());
        a
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, uuid, started_ns, started_off, ended_ns, ended_off, routine_id,
             routine_name, style, status
         FROM sessions WHERE started_ns + started_off * 1000000000 >= ?1
         ORDER BY started_ns DESC, id DESC",
    )?;
    let mut out: Vec<SessionSummary> = Vec::new();
    let mut has_end: Vec<bool> = Vec::new();
    let mut rows = stmt.query([since_ns.unwrap_or(i64::MIN)])?;
    while let Some(r) = rows.next()? {
        let started = time_of(r.get(2)?, r.get(3)?).unwrap_or_default();
        let ended = match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?) {
            (Some(ns), Some(off)) => time_of(ns, off),
            _ => None,
        };
        let status = parse_status(r.get_ref(9)?.as_str()?);
        out.push(SessionSummary {
            id: r.get::<_, String>(1)?.into(),
            started_at: started,
            // Without an end: the time booked on entries (added below).
            duration_s: ended.map_or(0.0, |e| {
                ((e - started).num_milliseconds() as f64 / 1000.0).max(0.0)
            }),
            routine_id: intern(r.get_ref(6)?.as_str()?),
            routine_name: intern(r.get_ref(7)?.as_str()?),
            style: parse_style(r.get_ref(8)?.as_str()?),
            status,
            average_tenderness: None,
            regions: Vec::new(),
            rolled: status == Status::Completed,
            offset: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
        });
        has_end.push(ended.is_some());
    }
    drop(rows);
    let at: HashMap<u64, usize> = out.iter().enumerate().map(|(i, s)| (s.offset, i)).collect();
    let mut sums: Vec<(u32, u32)> = vec![(0, 0); out.len()];
    let all =
        "SELECT session, region, side, search_s, hold_s, move_s, points_held, skipped, tenderness
         FROM entries ORDER BY session, idx";
    let some =
        "SELECT session, region, side, search_s, hold_s, move_s, points_held, skipped, tenderness
         FROM entries WHERE session IN (SELECT id FROM sessions
             WHERE started_ns + started_off * 1000000000 >= ?1)
         ORDER BY session, idx";
    let mut stmt = conn.prepare_cached(if since_ns.is_some() { some } else { all })?;
    let mut rows = match since_ns {
        Some(ns) => stmt.query([ns])?,
        None => stmt.query([])?,
    };
    while let Some(r) = rows.next()? {
        let Some(&i) = at.get(&u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0)) else {
            continue;
        };
        let s = &mut out[i];
        let region = r.get_ref(1)?.as_str()?;
        let side = match r.get_ref(2)?.as_str_or_null()? {
            Some("left") => Some(Side::Left),
            Some("right") => Some(Side::Right),
            _ => None,
        };
        let search: f64 = r.get(3)?;
        let hold: f64 = r.get(4)?;
        let moved: f64 = r.get(5)?;
        let held: u32 = r.get(6)?;
        let skipped: bool = r.get(7)?;
        let ratings = r.get_ref(8)?.as_blob()?;
        if !has_end[i] {
            s.duration_s += search + hold + moved;
        }
        s.rolled |= held > 0 || (moved > 0.0 && !skipped);
        let w = match s
            .regions
            .iter()
            .position(|w| *w.region == *region && w.side == side)
        {
            Some(w) => w,
            None => {
                s.regions.push(super::RegionWork {
                    region: intern(region),
                    side,
                    rating_sum: 0,
                    rating_count: 0,
                    worked: false,
                });
                s.regions.len() - 1
            }
        };
        let w = &mut s.regions[w];
        let sum: u32 = ratings.iter().map(|&t| u32::from(t)).sum();
        w.rating_sum += sum;
        w.rating_count += ratings.len() as u32;
        w.worked |= hold > 0.0 || moved > 0.0;
        sums[i].0 += sum;
        sums[i].1 += ratings.len() as u32;
    }
    for (s, (sum, count)) in out.iter_mut().zip(sums) {
        s.average_tenderness = (count > 0).then(|| f64::from(sum) / f64::from(count));
    }
    Ok(out)
}
