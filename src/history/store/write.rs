//! Writing a session: the first save writes it whole, later ones only what changed
//! (the session's own fields, new or changed entries), so the bytes written for a
//! session grow with its length, not with its square.

use rusqlite::{TransactionBehavior, params};

use super::error::{OpenError, with_retry};
use super::rows::{style_text, time_parts};
use super::{Saved, Store};
use crate::session::SessionRecord;

impl Store {
    /// Saves a snapshot of a session: the first save of a session writes it whole,
    /// later ones only its changed fields and entries.
    pub fn save(&self, record: &SessionRecord) -> Result<(), OpenError> {
        let mut conn = self.connection()?;
        let mut saved = self.saved.borrow_mut();
        // Removed first: when the write fails, the next save writes the session whole.
        let before = saved.remove(&record.id);
        let row = with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let row = write(&tx, record, before.as_ref())?;
            tx.commit()?;
            Ok(row)
        })
        .map_err(|e| self.sql(&e))?;
        let mut head = record.clone();
        let entries = std::mem::take(&mut head.entries);
        saved.insert(record.id.clone(), Saved { row, head, entries });
        Ok(())
    }
}

/// Writes `r`, given what was last written of it (`None`: write it whole). Returns
/// the session's row.
pub(super) fn write(
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
            i64::try_from(i).unwrap_or(i64::MAX),
            i64::try_from(e.step).unwrap_or(i64::MAX),
            e.exercise_id,
            e.region,
            e.side.map(crate::session::Side::label),
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
            .execute(params![
                row,
                i64::try_from(r.entries.len()).unwrap_or(i64::MAX)
            ])?;
    }
    Ok(row)
}
