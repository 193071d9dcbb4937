//! Reading histories from files: the JSON Lines logs of earlier versions (one record
//! snapshot a line, the last one of a session wins) and `foamroll history --json`
//! exports. Import files are untrusted: each record is checked and refused with its
//! line number when it is not something foamroll could have written.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset};

use crate::session::{RECORD_FORMAT, SessionRecord, Status};
use crate::text::{forbidden_char, printable};

/// The largest file `history import` reads.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// The sessions read, newest first, and what could not be read.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub sessions: Vec<SessionRecord>,
    pub warnings: Vec<String>,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub warnings: Vec<String>,
}

/// Reads an import file: a regular file of at most `limit` bytes, never a symbolic
/// link (checked before opening), a FIFO, a device or a folder (checked on the open
/// handle, opened without blocking: see [`crate::files::read_limited`]).
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let name = printable(&path.display().to_string());
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(format!("cannot read {name}: it is a symbolic link"));
    }
    crate::files::read_limited(path, limit).map_err(|e| match e {
        crate::files::ReadError::TooLarge(_) => format!("cannot read {name}: it is {e}"),
        _ => format!("cannot read {name}: it {e}"),
    })
}

/// Words for a file that is not a regular one: "is a FIFO".
pub(crate) fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    crate::files::kind_words(meta.file_type()).unwrap_or("is not a regular file")
}

/// Each line of `bytes` that holds something, with its 1-based number; a last line
/// without its newline is flagged (a write cut short).
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8], bool)> {
    let ends_open = !bytes.is_empty() && !bytes.ends_with(b"\n");
    let count = bytes.split(|&b| b == b'\n').count();
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .map(move |(i, l)| (i + 1, l, ends_open && i + 1 == count))
}

/// Folds the lines of a log of an earlier version into sessions, leniently: what the
/// person's own app wrote is kept as it was (the one-time migration). A `running`
/// record never superseded is an interrupted session.
pub fn parse_log(name: &str, bytes: &[u8]) -> Loaded {
    let name = printable(name);
    let mut folded = Folded::default();
    let mut warnings = Vec::new();
    for (line_no, line, torn) in lines(bytes) {
        match serde_json::from_slice::<SessionRecord>(line) {
            Ok(record) => folded.add(record),
            Err(e) if torn => warnings.push(format!(
                "{name}:{line_no}: skipped an incomplete last line ({})",
                printable(&e.to_string())
            )),
            Err(e) => warnings.push(format!(
                "{name}:{line_no}: skipped a line that is not a session record ({})",
                printable(&e.to_string())
            )),
        }
    }
    folded.finish(warnings)
}

#[derive(Default)]
struct Folded {
    by_id: HashMap<String, usize>,
    sessions: Vec<SessionRecord>,
}

impl Folded {
    /// A later snapshot of the same session replaces the earlier one.
    fn add(&mut self, record: SessionRecord) {
        match self.by_id.get(&record.id) {
            Some(&at) => self.sessions[at] = record,
            None => {
                self.by_id.insert(record.id.clone(), self.sessions.len());
                self.sessions.push(record);
            }
        }
    }

    fn finish(self, warnings: Vec<String>) -> Loaded {
        let mut sessions = self.sessions;
        for s in &mut sessions {
            if s.status == Status::Running {
                s.status = Status::Interrupted;
            }
        }
        sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
        Loaded { sessions, warnings }
    }
}

/// Reads an import file: a `foamroll history --json` export (a JSON array) or a JSON
/// Lines log. Every record is checked ([`validate`]); one that fails is refused with its
/// line number and the rest are read. Fails only when the file is neither format.
pub fn parse_any(name: &str, bytes: &[u8]) -> Result<Loaded, String> {
    let name = printable(name);
    let refuse = |line: usize, why: &str| format!("{name}:{line}: refused: {}", printable(why));
    let mut folded = Folded::default();
    let mut warnings = Vec::new();
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|i| bytes[i] == b'[') {
        let items: Vec<&serde_json::value::RawValue> =
            serde_json::from_slice(bytes).map_err(|e| {
                format!(
                    "{name}: not a foamroll history export: {}",
                    printable(&e.to_string())
                )
            })?;
        // Items come in file order: each one's line is counted on from the one before,
        // so finding every line number reads the file once (linear, not quadratic).
        let (mut line, mut counted) = (1usize, 0usize);
        for raw in items {
            let text = raw.get();
            let offset = (text.as_ptr() as usize)
                .saturating_sub(bytes.as_ptr() as usize)
                .min(bytes.len());
            if offset > counted {
                line += bytes[counted..offset]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                counted = offset;
            }
            match serde_json::from_str::<SessionRecord>(text)
                .map_err(|e| e.to_string())
                .and_then(|r| validate(&r).map(|()| r))
            {
                Ok(r) => folded.add(r),
                Err(e) => warnings.push(refuse(line, &e)),
            }
        }
        return Ok(folded.finish(warnings));
    }
    let mut good = 0usize;
    let mut bad_json = 0usize;
    for (line_no, line, _) in lines(bytes) {
        match serde_json::from_slice::<SessionRecord>(line) {
            Ok(r) => match validate(&r) {
                Ok(()) => {
                    good += 1;
                    folded.add(r);
                }
                Err(e) => warnings.push(refuse(line_no, &e)),
            },
            Err(e) => {
                if e.is_syntax() || e.is_eof() {
                    bad_json += 1;
                }
                warnings.push(refuse(line_no, &e.to_string()));
            }
        }
    }
    if good == 0 && bad_json > 0 && bad_json == warnings.len() {
        return Err(format!(
            "{name}: not a foamroll history (neither a --json export nor a history.jsonl log)"
        ));
    }
    Ok(folded.finish(warnings))
}

const DAY_S: f64 = 24.0 * 3600.0;

fn check_text(what: &str, s: &str) -> Result<(), String> {
    if s.chars().any(|c| c.is_control() || forbidden_char(c)) {
        Err(format!("{what} holds a control character"))
    } else {
        Ok(())
    }
}

fn check_value(what: &str, v: &serde_json::Value) -> Result<(), String> {
    match v {
        serde_json::Value::String(s) => check_text(what, s),
        serde_json::Value::Array(a) => a.iter().try_for_each(|x| check_value(what, x)),
        serde_json::Value::Object(o) => o.iter().try_for_each(|(k, x)| {
            check_text(what, k)?;
            check_value(what, x)
        }),
        _ => Ok(()),
    }
}

fn check_date(what: &str, d: &DateTime<FixedOffset>) -> Result<(), String> {
    if (2000..=2100).contains(&d.year()) {
        Ok(())
    } else {
        Err(format!("{what} {} is not between 2000 and 2100", d.year()))
    }
}

fn check_secs(what: &str, s: f64) -> Result<(), String> {
    if s.is_finite() && (0.0..=DAY_S).contains(&s) {
        Ok(())
    } else {
        Err(format!("{what} {s} is negative or longer than 24 hours"))
    }
}

/// Whether a record is something foamroll could have written: known format, text
/// without control characters, ratings on the 0-10 scale, dates between 2000 and 2100,
/// durations from 0 to 24 hours.
pub fn validate(r: &SessionRecord) -> Result<(), String> {
    if r.format != RECORD_FORMAT {
        return Err(format!(
            "record format {} is not known (this foamroll reads {RECORD_FORMAT})",
            r.format
        ));
    }
    if r.id.is_empty() {
        return Err("the session id is empty".into());
    }
    check_text("the session id", &r.id)?;
    check_text("the routine id", &r.routine_id)?;
    check_text("the routine name", &r.routine_name)?;
    check_date("the start year", &r.started_at)?;
    if let Some(end) = &r.ended_at {
        check_date("the end year", end)?;
        let secs = (*end - r.started_at).num_milliseconds() as f64 / 1000.0;
        check_secs("the duration", secs)?;
    }
    for (k, v) in &r.extra {
        check_text("a field name", k)?;
        check_value("an extra field", v)?;
    }
    for e in &r.entries {
        check_text("an exercise id", &e.exercise_id)?;
        check_text("a region", &e.region)?;
        if let Some(z) = &e.zone {
            check_text("a zone", z)?;
        }
        for (what, s) in [
            ("planned time", e.planned_s),
            ("search time", e.search_s),
            ("hold time", e.hold_s),
            ("overtime", e.overtime_s),
            ("movement time", e.move_s),
        ] {
            check_secs(what, s)?;
        }
        if let Some(t) = e.tenderness.iter().find(|&&t| t > 10) {
            return Err(format!("tenderness {t} is outside the 0-10 scale"));
        }
    }
    Ok(())
}

/// Warnings for sessions dated after `now` (a clock set wrong, a time zone far east
/// of the reader's): they are imported as they are, counted on their own local date.
pub fn future_dated(loaded: &Loaded, now: DateTime<chrono::Utc>) -> Vec<String> {
    let late: Vec<&SessionRecord> = loaded
        .sessions
        .iter()
        .filter(|s| s.started_at > now)
        .collect();
    match late.as_slice() {
        [] => Vec::new(),
        [one] => vec![format!(
            "session {} starts on {}, after now; it is imported as it is (check the clock of the device that recorded it)",
            printable(&one.id),
            one.started_at.format("%Y-%m-%d %H:%M %:z")
        )],
        many => vec![format!(
            "{} sessions start after now (the latest on {}); they are imported as they are (check the clock of the device that recorded them)",
            many.len(),
            many.iter()
                .map(|s| s.started_at)
                .max()
                .map_or(String::new(), |d| d.format("%Y-%m-%d").to_string())
        )],
    }
}

/// A final record beats a checkpoint; among equals, the later end wins.
pub(crate) fn supersedes(new: &SessionRecord, old: &SessionRecord) -> bool {
    let rank =
        |s: &SessionRecord| u8::from(matches!(s.status, Status::Completed | Status::Aborted));
    match rank(new).cmp(&rank(old)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => new.ended_at > old.ended_at,
    }
}
