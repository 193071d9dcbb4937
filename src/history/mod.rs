//! The session log: an append-only JSON Lines file, one line per record snapshot.
//! Readers fold lines by session id (the last one wins), so a checkpoint is
//! superseded by the session's final record.

mod stats;
mod summary;

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::session::{SessionRecord, Status};

pub use stats::{
    Filter, Review, SeriesKey, Streak, TendernessPoint, WeekTotal, last_worked, session_date,
    streak, tenderness_series, week_start, weekly_minutes,
};
pub use summary::{RegionWork, SessionSummary};

/// The summary cache beside the log (rebuilt from the log whenever in doubt).
pub const CACHE_NAME: &str = "history.cache";

pub const FILE_NAME: &str = "history.jsonl";

#[derive(Debug, Clone)]
pub struct HistoryLog {
    path: PathBuf,
}

/// The sessions in a log, newest first, and what could not be read.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub sessions: Vec<SessionRecord>,
    pub warnings: Vec<String>,
}

impl HistoryLog {
    pub fn in_dir(dir: &Path) -> HistoryLog {
        HistoryLog {
            path: dir.join(FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one snapshot: locked, whole line, flushed and synced, so that two
    /// instances never interleave and a crash never leaves half a record behind
    /// anything that follows it.
    pub fn append(&self, record: &SessionRecord) -> io::Result<()> {
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        self.append_lines(&line)
    }

    pub fn append_all(&self, records: &[SessionRecord]) -> io::Result<()> {
        let mut lines = Vec::new();
        for r in records {
            serde_json::to_writer(&mut lines, r).map_err(io::Error::other)?;
            lines.push(b'\n');
        }
        if lines.is_empty() {
            Ok(())
        } else {
            self.append_lines(&lines)
        }
    }

    fn append_lines(&self, lines: &[u8]) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&self.path)?;
        file.lock()?;
        let result = (|| {
            // A torn last line (a crash mid-write) is ended first, so this record
            // starts on a line of its own and the torn one stays skippable.
            if ends_without_newline(&mut file)? {
                file.write_all(b"\n")?;
            }
            file.write_all(lines)?;
            file.flush()?;
            file.sync_data()
        })();
        let unlocked = file.unlock();
        result.and(unlocked)
    }

    /// Summaries of every session, newest first, through the cache: what the screens use.
    pub fn summaries(&self) -> io::Result<(Vec<SessionSummary>, Vec<String>)> {
        summary::load(&self.path, &self.path.with_file_name(CACHE_NAME))
    }

    /// The full record whose line starts at `offset` (from a summary).
    pub fn record_at(&self, offset: u64) -> io::Result<SessionRecord> {
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(offset))?;
        let mut line = Vec::new();
        io::BufRead::read_until(&mut io::BufReader::new(file), b'\n', &mut line)?;
        let mut record: SessionRecord = serde_json::from_slice(&line).map_err(io::Error::other)?;
        if record.status == Status::Running {
            record.status = Status::Interrupted;
        }
        Ok(record)
    }

    /// Every session, folded by id, newest first. A missing file is an empty history.
    pub fn load(&self) -> io::Result<Loaded> {
        let text = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(e),
        };
        Ok(parse_log(&self.path.display().to_string(), &text))
    }
}

fn ends_without_newline(file: &mut File) -> io::Result<bool> {
    let len = file.seek(SeekFrom::End(0))?;
    if len == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    file.seek(SeekFrom::End(0))?;
    Ok(last[0] != b'\n')
}

/// What walking a stretch of the log found.
pub(crate) struct Walk {
    /// Lines that are not session records (kept in the file, skipped here).
    pub warnings: Vec<String>,
    /// A last line without its newline that does not parse: a write cut short.
    pub torn: Option<String>,
    /// Bytes and lines up to and including the last newline.
    pub complete_bytes: u64,
    pub complete_lines: u64,
}

/// Parses each line of `bytes`, which start at byte `base` and line `first_line` of the
/// log named `name`, and hands every record to `found` with the offset of its line. The
/// one place that decides what a good, a torn and a garbage line are.
pub(crate) fn walk(
    name: &str,
    bytes: &[u8],
    base: u64,
    first_line: u64,
    mut found: impl FnMut(u64, SessionRecord),
) -> Walk {
    let mut w = Walk {
        warnings: Vec::new(),
        torn: None,
        complete_bytes: 0,
        complete_lines: 0,
    };
    let mut pos = 0usize;
    while pos < bytes.len() {
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| pos + i);
        let line = &bytes[pos..end.unwrap_or(bytes.len())];
        let line_no = first_line + w.complete_lines + 1;
        if !line.iter().all(u8::is_ascii_whitespace) {
            match serde_json::from_slice::<SessionRecord>(line) {
                Ok(record) => found(base + pos as u64, record),
                Err(e) if end.is_none() => {
                    w.torn = Some(format!(
                        "{name}:{line_no}: skipped an incomplete last line ({e})"
                    ));
                }
                Err(e) => w.warnings.push(format!(
                    "{name}:{line_no}: skipped a line that is not a session record ({e})"
                )),
            }
        }
        let Some(end) = end else { break };
        pos = end + 1;
        w.complete_lines += 1;
        w.complete_bytes = pos as u64;
    }
    w
}

/// Folds the lines of a log (or of an export) into sessions.
pub fn parse_log(name: &str, bytes: &[u8]) -> Loaded {
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut sessions: Vec<SessionRecord> = Vec::new();
    let w = walk(name, bytes, 0, 0, |_, record| match by_id.get(&record.id) {
        Some(&at) => sessions[at] = record,
        None => {
            by_id.insert(record.id.clone(), sessions.len());
            sessions.push(record);
        }
    });
    let mut warnings = w.warnings;
    warnings.extend(w.torn);
    for s in &mut sessions {
        if s.status == Status::Running {
            s.status = Status::Interrupted;
        }
    }
    sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
    Loaded { sessions, warnings }
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub warnings: Vec<String>,
}

/// Reads a `history.jsonl` or a `foamroll history --json` export.
pub fn parse_any(name: &str, bytes: &[u8]) -> Result<Loaded, String> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        let mut sessions: Vec<SessionRecord> = serde_json::from_slice(bytes)
            .map_err(|e| format!("{name}: not a foamroll history export: {e}"))?;
        for s in &mut sessions {
            if s.status == Status::Running {
                s.status = Status::Interrupted;
            }
        }
        return Ok(Loaded {
            sessions,
            warnings: Vec::new(),
        });
    }
    Ok(parse_log(name, bytes))
}

/// A final record beats a checkpoint; among equals, the later end wins.
fn supersedes(new: &SessionRecord, old: &SessionRecord) -> bool {
    let rank =
        |s: &SessionRecord| u8::from(matches!(s.status, Status::Completed | Status::Aborted));
    match rank(new).cmp(&rank(old)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => new.ended_at > old.ended_at,
    }
}

impl HistoryLog {
    /// Merges another history by session id. Importing the same file twice changes nothing.
    pub fn import(&self, name: &str, bytes: &[u8]) -> Result<ImportReport, String> {
        let incoming = parse_any(name, bytes)?;
        let existing = self
            .load()
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        let by_id: HashMap<&str, &SessionRecord> = existing
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect();
        let mut report = ImportReport {
            warnings: incoming.warnings,
            ..Default::default()
        };
        let mut to_append = Vec::new();
        for record in incoming.sessions {
            match by_id.get(record.id.as_str()) {
                None => {
                    report.added += 1;
                    to_append.push(record);
                }
                Some(old) if **old != record && supersedes(&record, old) => {
                    report.updated += 1;
                    to_append.push(record);
                }
                Some(_) => report.unchanged += 1,
            }
        }
        self.append_all(&to_append)
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        Ok(report)
    }
}
