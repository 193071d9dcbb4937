//! `foamroll history`: the sessions as a table, JSON or CSV, and `history import`.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::history::{Loaded, Store};
use crate::session::SessionRecord;
use crate::text::printable;

pub const CSV_HEADER: &str = "session_id,started_at,routine_id,routine_name,style,status,exercise_id,region,side,zone,planned_s,search_s,hold_s,skipped,tenderness,overtime_s,move_s,points_held";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// The sessions to print: newest first, from `since` on, at most `limit` (the store
/// selects already; this narrows any list the same way).
pub fn select(
    loaded: &Loaded,
    since: Option<NaiveDate>,
    limit: Option<usize>,
) -> Vec<&SessionRecord> {
    loaded
        .sessions
        .iter()
        .filter(|s| since.is_none_or(|d| s.started_at.date_naive() >= d))
        .take(limit.unwrap_or(usize::MAX))
        .collect()
}

pub fn print(sessions: &[&SessionRecord], format: Format, out: &mut impl Write) -> io::Result<()> {
    match format {
        Format::Json => {
            let json = serde_json::to_string_pretty(sessions).map_err(io::Error::other)?;
            writeln!(out, "{}", escape_json(&json))
        }
        Format::Csv => write_csv(sessions, out),
        Format::Table => write_table(sessions, out),
    }
}

fn write_table(sessions: &[&SessionRecord], out: &mut impl Write) -> io::Result<()> {
    if sessions.is_empty() {
        return writeln!(out, "No sessions yet.");
    }
    writeln!(
        out,
        "{:<22} {:<28} {:>8}  {:<11} {:>10}",
        "started", "routine", "duration", "status", "tenderness"
    )?;
    for s in sessions {
        let secs = s.duration_s().round() as u64;
        let tender = s
            .average_tenderness()
            .map_or(String::new(), |t| format!("{t:.1}"));
        writeln!(
            out,
            "{:<22} {:<28} {:>8}  {:<11} {:>10}",
            s.started_at.format("%a %Y-%m-%d %H:%M"),
            truncate(&printable(&s.routine_name), 28),
            format!("{}:{:02}", secs / 60, secs % 60),
            s.status.label(),
            tender
        )?;
    }
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

/// JSON text with every control character escaped, C1 and DEL included (serde_json
/// escapes only C0), and bidirectional overrides too. These characters can only stand
/// inside strings, so `\uXXXX` keeps the document the same.
pub fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::text::forbidden_char(c) && !c.is_ascii_control() || c == '\u{7f}' {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A CSV field through the printable filter, quoted when it holds a comma or a quote
/// (RFC 4180). The filter leaves no line break, so no field can add a row.
fn field(s: &str) -> String {
    let s = printable(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn number(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn write_csv(sessions: &[&SessionRecord], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for s in sessions {
        let style = serde_json::to_value(s.style)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        for e in &s.entries {
            let row = [
                field(&s.id),
                s.started_at.to_rfc3339(),
                field(&s.routine_id),
                field(&s.routine_name),
                style.clone(),
                s.status.label().to_string(),
                field(&e.exercise_id),
                field(&e.region),
                e.side.map_or(String::new(), |x| x.label().to_string()),
                field(e.zone.as_deref().unwrap_or("")),
                number(e.planned_s),
                number(e.search_s),
                number(e.hold_s),
                e.skipped.to_string(),
                e.average_tenderness().map_or(String::new(), number),
                number(e.overtime_s),
                number(e.move_s),
                e.points_held.to_string(),
            ];
            writeln!(out, "{}", row.join(","))?;
        }
    }
    Ok(())
}

/// `foamroll history import FILE`. Returns the exit code.
pub fn import(
    log: &Store,
    file: &std::path::Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<i32> {
    let name = file.display().to_string();
    let bytes = match read_import(file) {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "foamroll: {e}")?;
            return Ok(1);
        }
    };
    match log.import(&name, &bytes) {
        Ok(report) => {
            for w in &report.warnings {
                writeln!(err, "warning: {}", printable(w))?;
            }
            writeln!(
                out,
                "imported {} new, {} updated, {} already there",
                report.added, report.updated, report.unchanged
            )?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "foamroll: {}", printable(&e))?;
            Ok(1)
        }
    }
}

/// Reads an import file: regular files only, at most 256 MiB, never waiting on a FIFO.
fn read_import(file: &std::path::Path) -> Result<Vec<u8>, String> {
    crate::history::read_bounded(file, crate::history::MAX_IMPORT_BYTES)
}

/// What `foamroll history report` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportAsk {
    pub weeks: u32,
    /// `--region ID`: only that region.
    pub region: Option<String>,
    /// `--html FILE`: an HTML page to FILE instead of Markdown on the output.
    pub html: Option<std::path::PathBuf>,
}

/// `foamroll history report [--weeks N] [--region ID] [--html FILE]`: Markdown for the
/// last `weeks` weeks, or the same as an HTML page with pictures.
pub fn report(
    log: &Store,
    library: &crate::library::Library,
    ask: &ReportAsk,
    goal: u32,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<crate::cli::Exit> {
    use crate::cli::Exit;
    let (sessions, warnings) = match log.summaries() {
        Ok(s) => s,
        Err(e) => {
            writeln!(err, "foamroll: {e}")?;
            return Ok(Exit::Failure);
        }
    };
    for w in &warnings {
        writeln!(err, "warning: {}", printable(w))?;
    }
    if let Some(r) = &ask.region {
        let known = library.region(r).is_some()
            || sessions
                .iter()
                .any(|s| s.regions.iter().any(|w| *w.region == **r));
        if !known {
            let ids: Vec<&str> = rollable_ids(library);
            writeln!(
                err,
                "foamroll: no region '{}' in the library or the history; regions: {}",
                printable(r),
                ids.join(", ")
            )?;
            return Ok(Exit::Usage);
        }
    }
    let today = chrono::Local::now().date_naive();
    let report = crate::history::Report::build(
        &sessions,
        today,
        ask.weeks,
        goal,
        &rollable(library),
        ask.region.as_deref(),
    );
    let Some(path) = &ask.html else {
        write!(out, "{}", report.markdown())?;
        return Ok(Exit::Ok);
    };
    let page = crate::history::report_html(&report, &crate::history::MapLayout::body());
    match write_page(path, &page) {
        Ok(()) => {
            writeln!(err, "wrote {}", printable(&path.display().to_string()))?;
            Ok(Exit::Ok)
        }
        Err(e) => {
            writeln!(
                err,
                "foamroll: cannot write {}: {e}",
                printable(&path.display().to_string())
            )?;
            Ok(Exit::Failure)
        }
    }
}

/// Writes `page` to `path` through a new file beside it, renamed over: never through a
/// FIFO, a device or a folder, and never half a page.
fn write_page(path: &std::path::Path, page: &str) -> io::Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.is_file()
    {
        return Err(io::Error::other(
            "it is not a regular file (a folder, a link, a FIFO or a device)",
        ));
    }
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("report.html"),
        std::ffi::OsStr::to_os_string,
    );
    let mut temp = name;
    temp.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp);
    std::fs::write(&temp, page)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

fn rollable_ids(library: &crate::library::Library) -> Vec<&str> {
    library
        .regions
        .iter()
        .filter(|r| r.avoid().is_none())
        .map(|r| r.id.as_str())
        .collect()
}

/// The library's regions that may be rolled, as (id, name).
pub fn rollable(library: &crate::library::Library) -> Vec<(String, String)> {
    library
        .regions
        .iter()
        .filter(|r| r.avoid().is_none())
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect()
}
