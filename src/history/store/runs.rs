//! The runs' tables: one summary row per activity (never a track point or a
//! coordinate), and the files a folder scan has seen, by path with their size and
//! modification time, so an unchanged folder costs one query and a walk.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::error::with_retry;
use super::rows::{time_of, time_parts};
use super::{OpenError, Store};
use crate::runs::{Activity, Sport};
use crate::text::printable;

/// An activity in the history: its row id (what `runs forget` takes), the summary,
/// and the file it came from (the name only) with the hash of its content.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRun {
    pub id: i64,
    pub activity: Activity,
    pub file: String,
    pub hash: String,
}

/// What a scan remembers of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSeen {
    pub size: u64,
    pub mtime_ns: i64,
    /// The content's hash; `None` when the file could not be read.
    pub hash: Option<String>,
}

/// What `forget` removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forgot {
    One,
    None,
    All(usize),
}

/// One file's outcome, written with others in one transaction: the activity (if it
/// is new and good), and the file row for the scan (if it came from the folder).
#[derive(Debug, Clone)]
pub struct RunWrite {
    pub activity: Option<(Activity, String, String)>,
    pub seen: Option<(Vec<u8>, FileSeen)>,
}

/// The bytes of a path, as the scan table keys it.
pub fn path_key(p: &std::path::Path) -> Vec<u8> {
    p.as_os_str().as_encoded_bytes().to_vec()
}

/// Whether the runs' tables are there: a history of schema 1 opened read-only (a
/// reading command before any write brought it to schema 2) has none, and no runs.
fn has_tables(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'")?
        .query_row([], |_| Ok(()))
        .optional()
        .map(|r| r.is_some())
}

impl Store {
    fn run_error(&self, e: &rusqlite::Error) -> OpenError {
        OpenError::Other {
            path: printable(&self.path().display().to_string()),
            message: printable(&e.to_string()),
        }
    }

    /// Whether an activity with this content hash is in the history.
    pub fn has_run(&self, hash: &str) -> Result<bool, OpenError> {
        let conn = self.connection()?;
        if !has_tables(&conn).map_err(|e| self.run_error(&e))? {
            return Ok(false);
        }
        conn.prepare_cached("SELECT 1 FROM runs WHERE hash = ?1")
            .and_then(|mut s| s.query_row([hash], |_| Ok(())).optional())
            .map(|r| r.is_some())
            .map_err(|e| self.run_error(&e))
    }

    /// Every file a scan has seen, by path.
    pub fn run_files(&self) -> Result<HashMap<Vec<u8>, FileSeen>, OpenError> {
        let conn = self.connection()?;
        (|| -> rusqlite::Result<HashMap<Vec<u8>, FileSeen>> {
            if !has_tables(&conn)? {
                return Ok(HashMap::new());
            }
            let mut stmt =
                conn.prepare_cached("SELECT path, size, mtime_ns, hash FROM run_files")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    FileSeen {
                        size: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                        mtime_ns: r.get(2)?,
                        hash: r.get(3)?,
                    },
                ))
            })?;
            rows.collect()
        })()
        .map_err(|e| self.run_error(&e))
    }

    /// Writes a batch in one transaction: a run whose hash is already there is left as
    /// it is. Returns how many runs were added.
    pub fn write_runs(&self, batch: &[RunWrite]) -> Result<usize, OpenError> {
        // Nothing to keep (files that could not be read, in an import): nothing opened.
        if batch
            .iter()
            .all(|w| w.activity.is_none() && w.seen.is_none())
        {
            return Ok(0);
        }
        let mut conn = self.connection()?;
        with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut added = 0;
            {
                let mut put = tx.prepare_cached(
                    "INSERT OR IGNORE INTO runs (hash, file, started_ns, started_off, sport,
                         duration_s, moving_s, distance_m, ascent_m, descent_m, avg_hr)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?;
                let mut seen = tx.prepare_cached(
                    "INSERT OR REPLACE INTO run_files (path, size, mtime_ns, hash)
                     VALUES (?1, ?2, ?3, ?4)",
                )?;
                for w in batch {
                    if let Some((a, file, hash)) = &w.activity {
                        let (ns, off) = time_parts(&a.start);
                        added += put.execute(params![
                            hash,
                            file,
                            ns,
                            off,
                            a.sport.id(),
                            a.duration_s,
                            a.moving_s,
                            a.distance_m,
                            a.ascent_m,
                            a.descent_m,
                            a.avg_hr
                        ])?;
                    }
                    if let Some((path, f)) = &w.seen {
                        seen.execute(params![
                            path,
                            i64::try_from(f.size).unwrap_or(i64::MAX),
                            f.mtime_ns,
                            f.hash
                        ])?;
                    }
                }
            }
            tx.commit()?;
            Ok(added)
        })
        .map_err(|e| self.run_error(&e))
    }

    /// The activities that started on or after the local day `since` (all without),
    /// newest first.
    pub fn runs(&self, since: Option<NaiveDate>) -> Result<Vec<StoredRun>, OpenError> {
        let since_ns = since
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| t.and_utc().timestamp_nanos_opt())
            .unwrap_or(i64::MIN);
        let conn = self.connection()?;
        (|| -> rusqlite::Result<Vec<StoredRun>> {
            if !has_tables(&conn)? {
                return Ok(Vec::new());
            }
            let mut stmt = conn.prepare_cached(
                "SELECT id, hash, file, started_ns, started_off, sport, duration_s, moving_s,
                     distance_m, ascent_m, descent_m, avg_hr
                 FROM runs WHERE started_ns + started_off * 1000000000 >= ?1
                 ORDER BY started_ns DESC, id DESC",
            )?;
            let rows = stmt.query_map([since_ns], |r| {
                let start: DateTime<FixedOffset> = time_of(r.get(3)?, r.get(4)?)?;
                Ok(StoredRun {
                    id: r.get(0)?,
                    hash: r.get(1)?,
                    file: r.get(2)?,
                    activity: Activity {
                        start,
                        sport: Sport::from_id(r.get_ref(5)?.as_str()?),
                        duration_s: r.get(6)?,
                        moving_s: r.get(7)?,
                        distance_m: r.get(8)?,
                        ascent_m: r.get(9)?,
                        descent_m: r.get(10)?,
                        avg_hr: r.get(11)?,
                    },
                })
            })?;
            rows.collect()
        })()
        .map_err(|e| self.run_error(&e))
    }

    /// Deletes one activity by id, or all of them. The scan's memory of the files
    /// stays, so a forgotten file in the activities folder is not imported again until
    /// it changes (or is named to `runs import`).
    pub fn forget_runs(&self, id: Option<i64>) -> Result<Forgot, OpenError> {
        let mut conn = self.connection()?;
        with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = match id {
                Some(id) => tx.execute("DELETE FROM runs WHERE id = ?1", [id])?,
                None => tx.execute("DELETE FROM runs", [])?,
            };
            tx.commit()?;
            Ok(match (id, n) {
                (None, n) => Forgot::All(n),
                (Some(_), 0) => Forgot::None,
                _ => Forgot::One,
            })
        })
        .map_err(|e| self.run_error(&e))
    }
}
