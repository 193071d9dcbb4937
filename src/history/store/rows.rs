//! Row encoding: how a session and its entries are stored in columns and read back.
//! A row that does not decode (a value of the wrong type, an unknown status or style)
//! is an error for that row only; the readers skip it and count it, so one bad row
//! costs one row, never the whole history.

use chrono::{DateTime, FixedOffset, TimeZone};
use rusqlite::Connection;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

use crate::library::Style;
use crate::session::{EntryRecord, SessionRecord, Side, Status};

/// A style, status or side as its column holds it.
pub(super) fn style_text(s: Style) -> &'static str {
    match s {
        Style::Recovery => "recovery",
        Style::Warmup => "warmup",
    }
}

/// A text column decoded into one of a few known words; anything else fails the row.
pub(super) struct Word<T>(pub T);

fn word<T>(v: ValueRef<'_>, f: impl Fn(&str) -> Option<T>) -> FromSqlResult<Word<T>> {
    let s = v.as_str()?;
    f(s).map(Word)
        .ok_or_else(|| FromSqlError::Other(format!("unknown value `{s}`").into()))
}

impl FromSql for Word<Style> {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        word(v, |s| match s {
            "recovery" => Some(Style::Recovery),
            "warmup" => Some(Style::Warmup),
            _ => None,
        })
    }
}

impl FromSql for Word<Status> {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        word(v, |s| match s {
            "running" => Some(Status::Running),
            "completed" => Some(Status::Completed),
            "aborted" => Some(Status::Aborted),
            "interrupted" => Some(Status::Interrupted),
            _ => None,
        })
    }
}

impl FromSql for Word<Option<Side>> {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        if matches!(v, ValueRef::Null) {
            return Ok(Word(None));
        }
        word(v, |s| match s {
            "left" => Some(Some(Side::Left)),
            "right" => Some(Some(Side::Right)),
            _ => None,
        })
    }
}

pub(super) fn time_parts(t: &DateTime<FixedOffset>) -> (i64, i64) {
    let ns = t
        .timestamp_nanos_opt()
        .unwrap_or_else(|| t.timestamp().saturating_mul(1_000_000_000));
    (ns, i64::from(t.offset().local_minus_utc()))
}

/// A time from its nanoseconds and UTC offset; a bad offset fails the row.
pub(super) fn time_of(ns: i64, off: i64) -> rusqlite::Result<DateTime<FixedOffset>> {
    i32::try_from(off)
        .ok()
        .and_then(FixedOffset::east_opt)
        .map(|tz| tz.timestamp_nanos(ns))
        .ok_or_else(|| bad(format!("UTC offset {off} is out of range")))
}

/// The end time, when both of its columns are set.
pub(super) fn end_of(
    ns: Option<i64>,
    off: Option<i64>,
) -> rusqlite::Result<Option<DateTime<FixedOffset>>> {
    match (ns, off) {
        (Some(ns), Some(off)) => time_of(ns, off).map(Some),
        _ => Ok(None),
    }
}

/// A decoding error for one row.
pub(super) fn bad(why: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Null, why.into())
}

/// Whether an error is about one row's values (skip the row) rather than the file.
pub(super) fn is_row_error(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::Utf8Error(..)
    )
}

/// A session's own columns, in the order [`HEAD_COLUMNS`] lists them.
pub(super) const HEAD_COLUMNS: &str = "uuid, format, started_ns, started_off, ended_ns, ended_off,
     routine_id, routine_name, style, status, extra";

/// Decodes the columns of [`HEAD_COLUMNS`] starting at column `at`.
pub(super) fn head(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<SessionRecord> {
    let extra: Option<String> = r.get(at + 10)?;
    let extra = match extra {
        None => Default::default(),
        Some(e) => serde_json::from_str(&e).map_err(|e| bad(e.to_string()))?,
    };
    Ok(SessionRecord {
        id: r.get(at)?,
        format: r.get(at + 1)?,
        started_at: time_of(r.get(at + 2)?, r.get(at + 3)?)?,
        ended_at: end_of(r.get(at + 4)?, r.get(at + 5)?)?,
        routine_id: r.get(at + 6)?,
        routine_name: r.get(at + 7)?,
        style: r.get::<_, Word<Style>>(at + 8)?.0,
        status: r.get::<_, Word<Status>>(at + 9)?.0,
        entries: Vec::new(),
        extra,
    })
}

/// An entry's columns, in the order [`entry`] reads them.
pub(super) const ENTRY_COLUMNS: &str = "step, exercise_id, region, side, zone, planned_s, search_s,
     hold_s, overtime_s, move_s, points_held, points_planned, skipped, tenderness";

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntryRecord> {
    Ok(EntryRecord {
        step: usize::try_from(r.get::<_, i64>(0)?).map_err(|e| bad(e.to_string()))?,
        exercise_id: r.get(1)?,
        region: r.get(2)?,
        side: r.get::<_, Word<Option<Side>>>(3)?.0,
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
}

/// The full record in row `row`; entries that do not decode are left out and counted
/// in `skipped`. A session still `running` is shown as interrupted.
pub(super) fn read_record(
    conn: &Connection,
    row: i64,
    skipped: &mut usize,
) -> rusqlite::Result<SessionRecord> {
    let mut record = conn
        .prepare_cached(&format!(
            "SELECT {HEAD_COLUMNS} FROM sessions WHERE id = ?1"
        ))?
        .query_row([row], |r| head(r, 0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM entries WHERE session = ?1 ORDER BY idx"
    ))?;
    let mut rows = stmt.query([row])?;
    while let Some(r) = rows.next()? {
        match entry(r) {
            Ok(e) => record.entries.push(e),
            Err(e) if is_row_error(&e) => *skipped += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(record)
}

/// A record as another process sees it: `running` is a session that was interrupted.
pub(super) fn as_seen(mut r: SessionRecord) -> SessionRecord {
    if r.status == Status::Running {
        r.status = Status::Interrupted;
    }
    r
}
