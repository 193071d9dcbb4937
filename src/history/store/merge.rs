//! Merging another history by session id (`history import`, the one-time migration):
//! new sessions are added, a final record replaces a checkpoint, anything else is left
//! as it is. One transaction, one lookup per incoming session.

use rusqlite::{OptionalExtension, TransactionBehavior};

use super::Store;
use super::error::{OpenError, with_retry};
use super::rows::{as_seen, read_record};
use super::write::write;
use crate::history::import::{ImportReport, Loaded, future_dated, parse_any, supersedes};

impl Store {
    /// Merges sessions by id in one transaction.
    pub(super) fn merge(&self, incoming: Loaded) -> Result<ImportReport, OpenError> {
        let mut conn = self.connection_raw()?;
        let report = with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut report = ImportReport {
                warnings: incoming.warnings.clone(),
                ..Default::default()
            };
            let mut skipped = 0;
            for record in &incoming.sessions {
                let old: Option<i64> = tx
                    .prepare_cached("SELECT id FROM sessions WHERE uuid = ?1")?
                    .query_row([&record.id], |r| r.get(0))
                    .optional()?;
                match old {
                    None => {
                        write(&tx, record, None)?;
                        report.added += 1;
                    }
                    Some(row) => {
                        let old = as_seen(read_record(&tx, row, &mut skipped)?);
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
        .map_err(|e| self.sql(&e))?;
        self.saved.borrow_mut().clear();
        Ok(report)
    }

    /// Merges another history (a `--json` export or a `history.jsonl`) by session id.
    /// Importing the same file twice changes nothing.
    pub fn import(&self, name: &str, bytes: &[u8]) -> Result<ImportReport, String> {
        self.import_at(name, bytes, chrono::Utc::now())
    }

    /// [`Store::import`], with a warning for each session dated after `now`.
    pub fn import_at(
        &self,
        name: &str,
        bytes: &[u8],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<ImportReport, String> {
        let mut incoming = parse_any(name, bytes)?;
        let late = future_dated(&incoming, now);
        incoming.warnings.extend(late);
        drop(self.connection().map_err(|e| e.to_string())?);
        self.merge(incoming).map_err(|e| e.to_string())
    }
}
