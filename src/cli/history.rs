//! `foamroll history`: the sessions as a table, JSON or CSV, and `history import`.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::history::{HistoryLog, Loaded};
use crate::session::SessionRecord;

pub const CSV_HEADER: &str = "session_id,started_at,routine_id,routine_name,style,status,exercise_id,region,side,zone,planned_s,search_s,hold_s,skipped,tenderness,overtime_s,move_s,points_held";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// The sessions to print: newest first, from `since` on, at most `limit`.
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
            serde_json::to_writer_pretty(&mut *out, sessions).map_err(io::Error::other)?;
            writeln!(out)
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
            truncate(&s.routine_name, 28),
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

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
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
    log: &HistoryLog,
    file: &std::path::Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<i32> {
    let name = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "foamroll: cannot read {name}: {e}")?;
            return Ok(1);
        }
    };
    match log.import(&name, &bytes) {
        Ok(report) => {
            for w in &report.warnings {
                writeln!(err, "warning: {w}")?;
            }
            writeln!(
                out,
                "imported {} new, {} updated, {} already there",
                report.added, report.updated, report.unchanged
            )?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "foamroll: {e}")?;
            Ok(1)
        }
    }
}
