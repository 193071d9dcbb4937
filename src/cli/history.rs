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
    let mut printer = Printer::new(format);
    for s in sessions {
        printer.one(s, out)?;
    }
    printer.end(out)
}

/// Prints sessions one at a time as they are read, so that an export of years never
/// holds more than one session in memory.
pub struct Printer {
    format: Format,
    count: usize,
}

impl Printer {
    pub fn new(format: Format) -> Printer {
        Printer { format, count: 0 }
    }

    /// One session, after those printed before it.
    pub fn one(&mut self, s: &SessionRecord, out: &mut impl Write) -> io::Result<()> {
        let first = self.count == 0;
        self.count += 1;
        match self.format {
            Format::Json => {
                // The same text as the whole array printed pretty: items indented by
                // two spaces (no string holds a raw line break, so lines are safe).
                let json = serde_json::to_string_pretty(s).map_err(io::Error::other)?;
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                let mut lines = json.lines().peekable();
                while let Some(line) = lines.next() {
                    write!(out, "  {}", escape_json(line))?;
                    if lines.peek().is_some() {
                        out.write_all(b"\n")?;
                    }
                }
                Ok(())
            }
            Format::Csv => {
                if first {
                    write_csv_header(out)?;
                }
                write_csv_rows(s, out)
            }
            Format::Table => {
                if first {
                    write_table_header(out)?;
                }
                write_table_row(s, out)
            }
        }
    }

    /// Closes the output (the JSON array; the table's word for no sessions).
    pub fn end(self, out: &mut impl Write) -> io::Result<()> {
        match (self.format, self.count) {
            (Format::Json, 0) => writeln!(out, "[]"),
            (Format::Json, _) => writeln!(out, "\n]"),
            (Format::Csv, 0) => write_csv_header(out),
            (Format::Table, 0) => writeln!(out, "{}", crate::wording::NO_HISTORY),
            _ => Ok(()),
        }
    }
}

/// `foamroll history`: the sessions from the store, printed as they are read. With
/// no history at all, says so (JSON and CSV print an empty list). Returns the exit
/// code.
pub fn list(
    log: Option<&Store>,
    since: Option<NaiveDate>,
    limit: Option<usize>,
    format: Format,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<i32> {
    let Some(log) = log else {
        if format == Format::Table {
            writeln!(out, "{}", crate::wording::NO_HISTORY)?;
            return Ok(0);
        }
        return Printer::new(format).end(out).map(|()| 0);
    };
    let mut printer = Printer::new(format);
    let mut failed: Option<io::Error> = None;
    let notes = log.each_record(since, limit, |r| match printer.one(&r, out) {
        Ok(()) => true,
        Err(e) => {
            failed = Some(e);
            false
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    match notes {
        Ok(notes) => {
            printer.end(out)?;
            for w in &notes {
                writeln!(err, "warning: {}", printable(w))?;
            }
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "foamroll: {e}")?;
            Ok(1)
        }
    }
}

fn write_table_header(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<22} {:<28} {:>8}  {:<11} {:>10}",
        "started", "routine", "duration", "status", "tenderness"
    )
}

fn write_table_row(s: &SessionRecord, out: &mut impl Write) -> io::Result<()> {
    let secs = s.duration_s().round() as u64;
    let tender = s
        .average_tenderness()
        .map_or(String::new(), |t| format!("{t:.1}"));
    writeln!(
        out,
        "{:<22} {} {:>8}  {:<11} {:>10}",
        s.started_at.format("%a %Y-%m-%d %H:%M"),
        truncate(&printable(&s.routine_name), 28),
        format!("{}:{:02}", secs / 60, secs % 60),
        s.status.label(),
        tender
    )
}

/// `s` cut to `n` columns (never inside a grapheme cluster) and padded to them.
fn truncate(s: &str, n: usize) -> String {
    crate::text::pad(&crate::text::fit(s, n), n)
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

/// A text cell: through the printable filter (no line break is left, so no field can
/// add a row), and neutralised when a spreadsheet would read it as a formula: a cell
/// that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
/// as OWASP's guidance on CSV injection recommends. The `csv` crate quotes the rest.
pub fn text_cell(s: &str) -> String {
    let s = printable(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

fn number(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// One session's rows (one an entry), through the `csv` crate.
fn write_csv_rows(s: &SessionRecord, out: &mut impl Write) -> io::Result<()> {
    let mut csv = csv_writer(out);
    let style = serde_json::to_value(s.style)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    for e in &s.entries {
        let row = [
            text_cell(&s.id),
            s.started_at.to_rfc3339(),
            text_cell(&s.routine_id),
            text_cell(&s.routine_name),
            style.clone(),
            s.status.label().to_string(),
            text_cell(&e.exercise_id),
            text_cell(&e.region),
            e.side.map_or(String::new(), |x| x.label().to_string()),
            text_cell(e.zone.as_deref().unwrap_or("")),
            number(e.planned_s),
            number(e.search_s),
            number(e.hold_s),
            e.skipped.to_string(),
            e.average_tenderness().map_or(String::new(), number),
            number(e.overtime_s),
            number(e.move_s),
            e.points_held.to_string(),
        ];
        csv.write_record(&row).map_err(csv_error)?;
    }
    csv.flush()
}

fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

fn write_csv_header(out: &mut impl Write) -> io::Result<()> {
    let mut csv = csv_writer(out);
    csv.write_record(CSV_HEADER.split(',')).map_err(csv_error)?;
    csv.flush()
}

/// The writer's error as it came, so a closed pipe is still recognised as one.
fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
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
    match log.import_at(&name, &bytes, chrono::Utc::now()) {
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
    log: Option<&Store>,
    library: &crate::library::Library,
    layout: &crate::history::MapLayout,
    ask: &ReportAsk,
    goal: u32,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<crate::cli::Exit> {
    use crate::cli::Exit;
    let (sessions, warnings) = match log.map(Store::summaries) {
        None => (Vec::new(), Vec::new()),
        Some(Ok(s)) => s,
        Some(Err(e)) => {
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
    // The runs of the same weeks, for the runs columns.
    let runs = match log.map_or(Ok(Vec::new()), |log| log.runs(Some(report.first))) {
        Ok(r) => r,
        Err(e) => {
            writeln!(
                err,
                "warning: the runs were not read ({e}); the report shows none"
            )?;
            Vec::new()
        }
    };
    let report = report.with_runs(crate::history::activities::weekly_runs(
        &runs, today, ask.weeks,
    ));
    let Some(path) = &ask.html else {
        write!(out, "{}", report.markdown())?;
        return Ok(Exit::Ok);
    };
    let page = crate::history::report_html(&report, layout);
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
