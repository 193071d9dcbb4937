//! Reading the history: summaries for the screens, full records for `history` (one at
//! a time, so an export of years holds one session in memory), and the last day each
//! region was rolled. Rows that do not decode are skipped and counted; a damaged file
//! gives what could be read before the damage. Either way a note says so and the file
//! is left as it is.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::error::OpenError;
use super::rows::{Word, as_seen, head, is_row_error, read_record};
use crate::history::import::Loaded;
use crate::history::{RegionWork, SessionSummary};
use crate::session::{SessionRecord, Side, Status};

/// What one read could not use.
#[derive(Debug, Default)]
pub(super) struct Skipped {
    sessions: usize,
    entries: usize,
    /// The file is damaged: reading stopped there.
    damaged: bool,
}

impl Skipped {
    /// Handles an error while stepping through rows: a damaged file stops the read
    /// (what was read is kept); anything else is the read's error.
    fn stop(&mut self, e: rusqlite::Error) -> rusqlite::Result<()> {
        if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        ) {
            self.damaged = true;
            Ok(())
        } else {
            Err(e)
        }
    }
}

impl Store {
    /// Turns what a read skipped into a note for the person.
    fn report(&self, skipped: &Skipped) {
        let name = super::error::shown(&self.path);
        if skipped.damaged {
            self.note(format!(
                "{name} is damaged: only the sessions before the damage are shown; the file is left as it is"
            ));
        }
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        if skipped.sessions > 0 {
            self.note(format!(
                "{} in {name} could not be read and {} left out; the file is left as it is",
                plural(skipped.sessions, "session", "sessions"),
                if skipped.sessions == 1 { "is" } else { "are" }
            ));
        }
        if skipped.entries > 0 {
            self.note(format!(
                "{} of sessions in {name} could not be read and {} left out; the file is left as it is",
                plural(skipped.entries, "step", "steps"),
                if skipped.entries == 1 { "is" } else { "are" }
            ));
        }
    }

    fn summaries_from(
        &self,
        since_ns: Option<i64>,
    ) -> Result<(Vec<SessionSummary>, Vec<String>), OpenError> {
        let conn = self.connection()?;
        let mut skipped = Skipped::default();
        // One read transaction: the sessions and their entries as of one moment.
        let sessions = conn
            .unchecked_transaction()
            .and_then(|tx| {
                let s = read_summaries(&tx, since_ns, &mut skipped)?;
                tx.finish()?;
                Ok(s)
            })
            .map_err(|e| self.sql(&e))?;
        drop(conn);
        self.report(&skipped);
        Ok((sessions, self.take_notes()))
    }

    /// Summaries of every session, newest first: what the screens use.
    pub fn summaries(&self) -> Result<(Vec<SessionSummary>, Vec<String>), OpenError> {
        self.summaries_from(None)
    }

    /// Summaries of the sessions from `since` on (the day where each happened), newest
    /// first: what today's plan and the status line read, without the rest of the years.
    pub fn summaries_since(
        &self,
        since: NaiveDate,
    ) -> Result<(Vec<SessionSummary>, Vec<String>), OpenError> {
        self.summaries_from(Some(local_ns(since)))
    }

    /// The last day each of `regions` was worked (held or moved, not only skipped),
    /// over the whole history: the same answer as [`crate::history::last_worked`] over
    /// every summary, without reading them. Per region: absent from the index, nothing;
    /// else the newest session that worked it (newest first by the start index, so a
    /// region rolled lately costs a few rows), then the latest local day among sessions
    /// that started up to 26 hours before it (a later local day can only come from a
    /// time zone further east).
    pub fn last_rolled(&self, regions: &[&str]) -> Result<BTreeMap<String, NaiveDate>, OpenError> {
        const WORKED: &str = "EXISTS (SELECT 1 FROM entries e WHERE e.session = s.id
             AND e.region = ?1 AND (e.hold_s > 0 OR e.move_s > 0))";
        const ZONES_NS: i64 = 26 * 3600 * 1_000_000_000;
        let conn = self.connection()?;
        let out = (|| -> rusqlite::Result<BTreeMap<String, NaiveDate>> {
            let mut any = conn.prepare_cached("SELECT 1 FROM entries WHERE region = ?1 LIMIT 1")?;
            let mut newest = conn.prepare_cached(&format!(
                "SELECT s.started_ns FROM sessions s WHERE {WORKED}
                 AND typeof(s.started_ns) = 'integer'
                 ORDER BY s.started_ns DESC LIMIT 1"
            ))?;
            let mut latest = conn.prepare_cached(&format!(
                "SELECT MAX(s.started_ns + s.started_off * 1000000000) FROM sessions s
                 WHERE s.started_ns >= ?2 AND typeof(s.started_ns) = 'integer'
                 AND typeof(s.started_off) = 'integer' AND {WORKED}"
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
        .map_err(|e| self.sql(&e))?;
        drop(conn);
        Ok(out)
    }

    /// The full record of the session in row `offset` (from a summary).
    pub fn record_at(&self, offset: u64) -> Result<SessionRecord, OpenError> {
        let conn = self.connection()?;
        let row = i64::try_from(offset).unwrap_or(i64::MAX);
        let mut skipped = Skipped::default();
        let r = read_record(&conn, row, &mut skipped.entries).map_err(|e| self.sql(&e))?;
        drop(conn);
        self.report(&skipped);
        Ok(as_seen(r))
    }

    /// Hands each full record, newest first, from `since` on (the day where each
    /// happened), at most `limit`, to `each`, one at a time: an export of years holds
    /// one session in memory. `each` returns false to stop. Returns the notes.
    pub fn each_record(
        &self,
        since: Option<NaiveDate>,
        limit: Option<usize>,
        mut each: impl FnMut(SessionRecord) -> bool,
    ) -> Result<Vec<String>, OpenError> {
        let conn = self.connection()?;
        let since_ns = since.map_or(i64::MIN, local_ns);
        let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let mut skipped = Skipped::default();
        (|| -> rusqlite::Result<()> {
            // One read transaction: one snapshot, and no lock taken per statement.
            let tx = conn.unchecked_transaction()?;
            let mut stmt = tx.prepare_cached(
                "SELECT id FROM sessions
                 WHERE started_ns + started_off * 1000000000 >= ?1
                 ORDER BY started_ns DESC, id DESC LIMIT ?2",
            )?;
            let mut ids: Vec<i64> = Vec::new();
            let mut rows = stmt.query(params![since_ns, limit])?;
            loop {
                match rows.next() {
                    Ok(Some(r)) => ids.push(r.get(0)?),
                    Ok(None) => break,
                    Err(e) => {
                        skipped.stop(e)?;
                        break;
                    }
                }
            }
            drop(rows);
            drop(stmt);
            for row in ids {
                match read_record(&tx, row, &mut skipped.entries) {
                    Ok(r) => {
                        if !each(as_seen(r)) {
                            break;
                        }
                    }
                    Err(e) if is_row_error(&e) => skipped.sessions += 1,
                    Err(e) => {
                        skipped.stop(e)?;
                        break;
                    }
                }
            }
            tx.finish()
        })()
        .map_err(|e| self.sql(&e))?;
        drop(conn);
        self.report(&skipped);
        Ok(self.take_notes())
    }

    /// Full records, newest first, from `since` on, at most `limit`, in memory.
    pub fn records(
        &self,
        since: Option<NaiveDate>,
        limit: Option<usize>,
    ) -> Result<Loaded, OpenError> {
        let mut sessions = Vec::new();
        let warnings = self.each_record(since, limit, |r| {
            sessions.push(r);
            true
        })?;
        Ok(Loaded { sessions, warnings })
    }

    /// Every session, newest first.
    pub fn load(&self) -> Result<Loaded, OpenError> {
        self.records(None, None)
    }
}

/// Nanoseconds of local wall time at the start of `day` (how sessions are dated).
fn local_ns(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_utc().timestamp_nanos_opt())
        .unwrap_or(i64::MIN)
}

/// One session's row of the summary query, decoded.
fn summary_head(
    r: &rusqlite::Row<'_>,
    intern: &mut impl FnMut(&str) -> Arc<str>,
) -> rusqlite::Result<(SessionSummary, bool)> {
    let record = head(r, 1)?;
    let status = record.status;
    Ok((
        SessionSummary {
            id: record.id.as_str().into(),
            started_at: record.started_at,
            // Without an end: the time booked on entries (added below).
            duration_s: record.ended_at.map_or(0.0, |e| {
                ((e - record.started_at).num_milliseconds() as f64 / 1000.0).max(0.0)
            }),
            routine_id: intern(&record.routine_id),
            routine_name: intern(&record.routine_name),
            style: record.style,
            status,
            average_tenderness: None,
            regions: Vec::new(),
            // A completed record without entries (an old import) counts; one with
            // entries counts when at least one side of one step was done (below).
            rolled: status == Status::Completed,
            offset: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
        },
        record.ended_at.is_some(),
    ))
}

/// One entry of the summary query: (session row, region, side, search, hold, move,
/// points held, skipped, ratings).
type EntryRow = (i64, String, Option<Side>, f64, f64, f64, u32, bool, Vec<u8>);

fn summary_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntryRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get::<_, Word<Option<Side>>>(2)?.0,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

/// Every session's summary, or those from local time `since_ns` on, in two queries.
fn read_summaries(
    conn: &Connection,
    since_ns: Option<i64>,
    skipped: &mut Skipped,
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
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, {} FROM sessions WHERE started_ns + started_off * 1000000000 >= ?1
         ORDER BY started_ns DESC, id DESC",
        super::rows::HEAD_COLUMNS
    ))?;
    let mut out: Vec<SessionSummary> = Vec::new();
    let mut has_end: Vec<bool> = Vec::new();
    let mut rows = stmt.query([since_ns.unwrap_or(i64::MIN)])?;
    loop {
        let r = match rows.next() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(e) => {
                skipped.stop(e)?;
                break;
            }
        };
        match summary_head(r, &mut intern) {
            Ok((s, ended)) => {
                out.push(s);
                has_end.push(ended);
            }
            Err(e) if is_row_error(&e) => skipped.sessions += 1,
            Err(e) => return Err(e),
        }
    }
    drop(rows);
    let at: HashMap<u64, usize> = out.iter().enumerate().map(|(i, s)| (s.offset, i)).collect();
    let mut sums: Vec<(u32, u32)> = vec![(0, 0); out.len()];
    const COLUMNS: &str =
        "session, region, side, search_s, hold_s, move_s, points_held, skipped, tenderness";
    let all = format!("SELECT {COLUMNS} FROM entries ORDER BY session, idx");
    let some = format!(
        "SELECT {COLUMNS} FROM entries WHERE session IN (SELECT id FROM sessions
             WHERE started_ns + started_off * 1000000000 >= ?1)
         ORDER BY session, idx"
    );
    let mut stmt = conn.prepare_cached(if since_ns.is_some() { &some } else { &all })?;
    let mut rows = match since_ns {
        Some(ns) => stmt.query([ns])?,
        None => stmt.query([])?,
    };
    let mut entry_seen = vec![false; out.len()];
    loop {
        let r = match rows.next() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(e) => {
                skipped.stop(e)?;
                break;
            }
        };
        let (session, region, side, search, hold, moved, held, skip, ratings) =
            match summary_entry(r) {
                Ok(e) => e,
                Err(e) if is_row_error(&e) => {
                    skipped.entries += 1;
                    continue;
                }
                Err(e) => return Err(e),
            };
        let Some(&i) = at.get(&u64::try_from(session).unwrap_or(u64::MAX)) else {
            continue;
        };
        let s = &mut out[i];
        if !has_end[i] {
            s.duration_s += search + hold + moved;
        }
        if !entry_seen[i] {
            entry_seen[i] = true;
            s.rolled = false;
        }
        s.rolled |= held > 0 || (moved > 0.0 && !skip);
        let w = match s
            .regions
            .iter()
            .position(|w| *w.region == *region && w.side == side)
        {
            Some(w) => w,
            None => {
                s.regions.push(RegionWork {
                    region: intern(&region),
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
        let count = u32::try_from(ratings.len()).unwrap_or(u32::MAX);
        w.rating_sum += sum;
        w.rating_count += count;
        w.worked |= hold > 0.0 || moved > 0.0;
        sums[i].0 += sum;
        sums[i].1 += count;
    }
    for (s, (sum, count)) in out.iter_mut().zip(sums) {
        s.average_tenderness = (count > 0).then(|| f64::from(sum) / f64::from(count));
    }
    Ok(out)
}
