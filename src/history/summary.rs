//! What the review needs of each session, and a cache of it next to the log, so a
//! long history loads in milliseconds: the cache is checked against the log (length
//! and a hash of its tail) and brought up to date from the lines appended since.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::library::Style;
use crate::session::{SessionRecord, Side, Status};

/// Ratings and work for one region and side within a session.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionWork {
    /// Shared: a long history repeats a handful of region names a million times.
    pub region: Arc<str>,
    pub side: Option<Side>,
    pub rating_sum: u32,
    pub rating_count: u32,
    /// Held or moved there, not only skipped.
    pub worked: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub id: Arc<str>,
    pub started_at: DateTime<FixedOffset>,
    pub duration_s: f64,
    pub routine_id: Arc<str>,
    pub routine_name: Arc<str>,
    pub style: Style,
    pub status: Status,
    pub average_tenderness: Option<f64>,
    pub regions: Vec<RegionWork>,
    /// Where the session's latest line starts in the log.
    pub offset: u64,
}

impl SessionSummary {
    pub fn of(r: &SessionRecord, offset: u64) -> SessionSummary {
        let mut regions: Vec<RegionWork> = Vec::new();
        for e in &r.entries {
            let i = match regions
                .iter()
                .position(|w| *w.region == *e.region && w.side == e.side)
            {
                Some(i) => i,
                None => {
                    regions.push(RegionWork {
                        region: e.region.as_str().into(),
                        side: e.side,
                        rating_sum: 0,
                        rating_count: 0,
                        worked: false,
                    });
                    regions.len() - 1
                }
            };
            let w = &mut regions[i];
            w.rating_sum += e.tenderness.iter().map(|&t| u32::from(t)).sum::<u32>();
            w.rating_count += e.tenderness.len() as u32;
            w.worked |= e.hold_s > 0.0 || e.move_s > 0.0;
        }
        SessionSummary {
            id: r.id.as_str().into(),
            started_at: r.started_at,
            duration_s: r.duration_s(),
            routine_id: r.routine_id.as_str().into(),
            routine_name: r.routine_name.as_str().into(),
            style: r.style,
            status: r.status,
            average_tenderness: r.average_tenderness(),
            regions,
            offset,
        }
    }

    pub fn shown_status(&self) -> Status {
        if self.status == Status::Running {
            Status::Interrupted
        } else {
            self.status
        }
    }
}

/// Summaries folded by session id, in the order first seen.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    pub sessions: Vec<SessionSummary>,
    pub warnings: Vec<String>,
    /// Built only when lines are added: reading a current cache needs no index.
    index: Option<HashMap<Arc<str>, usize>>,
    /// Bytes of the log covered (always just after a newline) and lines in them.
    covered: u64,
    lines: u64,
}

impl Folded {
    fn add(&mut self, s: SessionSummary) {
        let sessions = &self.sessions;
        let index = self.index.get_or_insert_with(|| {
            sessions
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i))
                .collect()
        });
        match index.get(&s.id) {
            Some(&i) => self.sessions[i] = s,
            None => {
                index.insert(s.id.clone(), self.sessions.len());
                self.sessions.push(s);
            }
        }
    }

    /// Folds in the log's bytes from `self.covered` on (`tail`). Coverage ends at the
    /// last newline, so a last line without one is read again next time, once completed
    /// or repaired. Returns the warning for a torn last line, which is not cached.
    fn extend(&mut self, name: &str, tail: &[u8]) -> Option<String> {
        let (base, first_line) = (self.covered, self.lines);
        let mut found = Vec::new();
        let w = super::walk(name, tail, base, first_line, |offset, record| {
            found.push(SessionSummary::of(&record, offset));
        });
        for s in found {
            self.add(s);
        }
        self.warnings.extend(w.warnings);
        self.covered = base + w.complete_bytes;
        self.lines = first_line + w.complete_lines;
        w.torn
    }
}

const MAGIC: &[u8; 8] = b"FRCACHE1";
const TAIL: u64 = 4096;

/// FNV-1a: enough to notice that the log was rewritten under the cache.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn tail_hash(file: &mut File, covered: u64) -> io::Result<u64> {
    let start = covered.saturating_sub(TAIL);
    file.seek(SeekFrom::Start(start))?;
    let mut buf = vec![0; (covered - start) as usize];
    file.read_exact(&mut buf)?;
    Ok(fnv(&buf))
}

/// Loads the summaries of the log at `log`, using and refreshing the cache at `cache`.
pub fn load(log: &Path, cache: &Path) -> io::Result<(Vec<SessionSummary>, Vec<String>)> {
    let name = log.display().to_string();
    let mut file = match File::open(log) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let cached = std::fs::read(cache).ok().and_then(|b| decode(&b));
    let mut folded = match cached {
        Some((f, hash))
            if f.covered <= len && tail_hash(&mut file, f.covered).ok() == Some(hash) =>
        {
            f
        }
        _ => Folded::default(),
    };
    let before = folded.covered;
    file.seek(SeekFrom::Start(folded.covered))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    let torn = folded.extend(&name, &tail);
    if folded.covered != before || before == 0 {
        let hash = tail_hash(&mut file, folded.covered)?;
        // The cache only saves time: a folder that cannot be written costs speed, not data.
        let _ = write_atomically(cache, &encode(&folded, hash));
    }
    let mut warnings = folded.warnings;
    warnings.extend(torn);
    let mut sessions = folded.sessions;
    sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
    Ok((sessions, warnings))
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_data()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

struct Strings<'a> {
    table: Vec<&'a str>,
    index: HashMap<&'a str, u32>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.table.len() as u32;
        self.table.push(s);
        self.index.insert(s, i);
        i
    }
}

fn style_code(s: Style) -> u8 {
    match s {
        Style::Recovery => 0,
        Style::Warmup => 1,
    }
}

fn status_code(s: Status) -> u8 {
    match s {
        Status::Running => 0,
        Status::Completed => 1,
        Status::Aborted => 2,
        Status::Interrupted => 3,
    }
}

fn side_code(s: Option<Side>) -> u8 {
    match s {
        None => 0,
        Some(Side::Right) => 1,
        Some(Side::Left) => 2,
    }
}

fn encode(f: &Folded, hash: u64) -> Vec<u8> {
    let mut strings = Strings {
        table: Vec::new(),
        index: HashMap::new(),
    };
    let mut body = Vec::with_capacity(f.sessions.len() * 96);
    let put32 = |b: &mut Vec<u8>, v: u32| b.extend_from_slice(&v.to_le_bytes());
    put32(&mut body, f.warnings.len() as u32);
    for w in &f.warnings {
        let id = strings.id(w);
        put32(&mut body, id);
    }
    put32(&mut body, f.sessions.len() as u32);
    for s in &f.sessions {
        put32(&mut body, strings.id(&s.id));
        body.extend_from_slice(&s.started_at.timestamp_millis().to_le_bytes());
        body.extend_from_slice(&s.started_at.offset().local_minus_utc().to_le_bytes());
        body.extend_from_slice(&s.duration_s.to_le_bytes());
        put32(&mut body, strings.id(&s.routine_id));
        put32(&mut body, strings.id(&s.routine_name));
        body.push(style_code(s.style));
        body.push(status_code(s.status));
        body.extend_from_slice(&s.average_tenderness.unwrap_or(f64::NAN).to_le_bytes());
        body.extend_from_slice(&s.offset.to_le_bytes());
        put32(&mut body, s.regions.len() as u32);
        for r in &s.regions {
            put32(&mut body, strings.id(&r.region));
            body.push(side_code(r.side));
            put32(&mut body, r.rating_sum);
            put32(&mut body, r.rating_count);
            body.push(u8::from(r.worked));
        }
    }
    let mut out = Vec::with_capacity(body.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&f.covered.to_le_bytes());
    out.extend_from_slice(&f.lines.to_le_bytes());
    out.extend_from_slice(&hash.to_le_bytes());
    put32(&mut out, strings.table.len() as u32);
    for s in &strings.table {
        put32(&mut out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&body);
    out
}

/// A cursor over the cache's bytes; every read is checked, so a damaged cache is
/// simply rebuilt.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Option<i32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(i32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    }
    fn i64(&mut self) -> Option<i64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(i64::from_le_bytes)
    }
    fn f64(&mut self) -> Option<f64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(f64::from_le_bytes)
    }
}

fn decode(bytes: &[u8]) -> Option<(Folded, u64)> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(8)? != MAGIC {
        return None;
    }
    let covered = r.u64()?;
    let lines = r.u64()?;
    let hash = r.u64()?;
    let n = r.u32()? as usize;
    let mut table: Vec<Arc<str>> = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let len = r.u32()? as usize;
        table.push(std::str::from_utf8(r.take(len)?).ok()?.into());
    }
    let s = |r: &mut Reader| -> Option<Arc<str>> { table.get(r.u32()? as usize).cloned() };
    let mut folded = Folded {
        covered,
        lines,
        ..Folded::default()
    };
    for _ in 0..r.u32()? {
        folded.warnings.push(s(&mut r)?.to_string());
    }
    let count = r.u32()? as usize;
    folded.sessions.reserve(count.min(1 << 24));
    for _ in 0..count {
        let id = s(&mut r)?;
        let millis = r.i64()?;
        let offset_s = r.i32()?;
        let tz = FixedOffset::east_opt(offset_s)?;
        let started_at = tz.timestamp_millis_opt(millis).single()?;
        let duration_s = r.f64()?;
        let routine_id = s(&mut r)?;
        let routine_name = s(&mut r)?;
        let style = match r.u8()? {
            0 => Style::Recovery,
            1 => Style::Warmup,
            _ => return None,
        };
        let status = match r.u8()? {
            0 => Status::Running,
            1 => Status::Completed,
            2 => Status::Aborted,
            3 => Status::Interrupted,
            _ => return None,
        };
        let avg = r.f64()?;
        let offset = r.u64()?;
        let mut regions = Vec::new();
        for _ in 0..r.u32()? {
            let region = s(&mut r)?;
            let side = match r.u8()? {
                0 => None,
                1 => Some(Side::Right),
                2 => Some(Side::Left),
                _ => return None,
            };
            regions.push(RegionWork {
                region,
                side,
                rating_sum: r.u32()?,
                rating_count: r.u32()?,
                worked: r.u8()? != 0,
            });
        }
        let summary = SessionSummary {
            id,
            started_at,
            duration_s,
            routine_id,
            routine_name,
            style,
            status,
            average_tenderness: (!avg.is_nan()).then_some(avg),
            regions,
            offset,
        };
        folded.sessions.push(summary);
    }
    (r.pos == bytes.len()).then_some((folded, hash))
}
