//! `foamroll runs`: the activities as a table or JSON, `runs import PATH...`, `runs
//! forget ID|--all`, and the scan of the `activities` folder that `today`, `status` and
//! the app start with.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use serde_json::json;

use crate::history::activities::{RunImport, import_paths, scan_folder};
use crate::history::{Forgot, Store, StoredRun};
use crate::runs::Sport;
use crate::text::printable;
use crate::wording::plural;
use crate::wording::runs::{duration, km};

/// What an import says on standard output: "Imported 12 activities (10 runs) from 15
/// files; 2 were already in the history; 1 was not imported (see above)."
pub fn import_summary(r: &RunImport) -> String {
    let runs = r.added.iter().filter(|a| a.is_run()).count();
    let mut s = format!(
        "Imported {}{} from {}",
        activities(r.added.len()),
        if r.added.is_empty() || runs == r.added.len() && runs == 1 {
            String::new()
        } else {
            format!(" ({})", plural(runs, "run"))
        },
        plural(r.files_read, "file"),
    );
    if r.known > 0 {
        s.push_str(&format!(
            "; {} already in the history",
            if r.known == 1 {
                "1 was".to_string()
            } else {
                format!("{} were", r.known)
            }
        ));
    }
    if !r.problems.is_empty() {
        s.push_str(&format!(
            "; {} not imported (each said above)",
            if r.problems.len() == 1 {
                "1 was".to_string()
            } else {
                format!("{} were", r.problems.len())
            }
        ));
    }
    s.push('.');
    s
}

/// "1 activity", "12 activities".
fn activities(n: usize) -> String {
    if n == 1 {
        "1 activity".to_string()
    } else {
        format!("{n} activities")
    }
}

/// One line per file that was not imported: `foamroll: PATH: why`.
pub fn print_problems(r: &RunImport, err: &mut impl Write) -> io::Result<()> {
    for (path, why) in &r.problems {
        writeln!(err, "foamroll: {path}: {}", printable(why))?;
    }
    Ok(())
}

/// `runs import PATH...`: 0 when every file was imported or already there, else 1.
pub fn import(
    store: &Store,
    paths: &[PathBuf],
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    let report = match import_paths(store, paths, Utc::now()) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "foamroll: {e}")?;
            return Ok(1);
        }
    };
    print_problems(&report, err)?;
    writeln!(out, "{}", import_summary(&report))?;
    Ok(u8::from(!report.problems.is_empty()))
}

/// The scan of the `activities` folder: new and changed files only. Problems are said
/// on `err` once (a file that failed is not read again until it changes); `None` for
/// `err` keeps quiet (the status line). Nothing is created when the folder holds
/// nothing new.
pub fn scan(store: &Store, dir: &Path, err: Option<&mut dyn Write>) -> io::Result<()> {
    match scan_folder(store, dir, Utc::now()) {
        Ok(report) => {
            if let Some(err) = err {
                let mut err = err;
                print_problems(&report, &mut err)?;
                if !report.added.is_empty() {
                    writeln!(
                        err,
                        "foamroll: {} from {}",
                        import_summary(&report).trim_end_matches('.'),
                        printable(&dir.display().to_string())
                    )?;
                }
            }
        }
        Err(e) => {
            if let Some(err) = err {
                writeln!(err, "warning: the activities folder was not scanned: {e}")?;
            }
        }
    }
    Ok(())
}

/// Scans the `activities` folder of the settings, if there is one and a data folder
/// to keep the runs in.
pub fn scan_configured(
    global: &super::Global,
    settings: &crate::config::Settings,
    err: Option<&mut dyn Write>,
) -> io::Result<()> {
    let (Some(dir), Some(data)) = (&settings.activities.value, global.dirs().data) else {
        return Ok(());
    };
    scan(&Store::in_dir(&data), dir, err)
}

fn sport_label(s: Sport) -> &'static str {
    s.id()
}

/// `runs`: a table, newest first.
pub fn list(runs: &[StoredRun], out: &mut impl Write) -> io::Result<()> {
    if runs.is_empty() {
        return writeln!(
            out,
            "No activities yet: `foamroll runs import FOLDER` reads a watch's or an app's export."
        );
    }
    writeln!(
        out,
        "{:>5}  {:<16} {:<8} {:>9} {:>11} {:>11} {:>7} {:>7} {:>4}  file",
        "id", "start", "sport", "distance", "time", "moving", "ascent", "descent", "hr"
    )?;
    for r in runs {
        let a = &r.activity;
        let climb =
            |v: Option<f64>| v.map_or("-".to_string(), |m| format!("{} m", m.round() as i64));
        writeln!(
            out,
            "{:>5}  {:<16} {:<8} {:>9} {:>11} {:>11} {:>7} {:>7} {:>4}  {}",
            r.id,
            a.start.format("%Y-%m-%d %H:%M").to_string(),
            sport_label(a.sport),
            km(a.distance_m),
            duration(a.duration_s),
            duration(a.moving_s),
            climb(a.ascent_m),
            climb(a.descent_m),
            a.avg_hr
                .map_or("-".to_string(), |h| format!("{}", h.round() as i64)),
            printable(&r.file)
        )?;
    }
    Ok(())
}

/// `runs --json`: one document, `format` and a `runs` array.
pub fn list_json(runs: &[StoredRun], out: &mut impl Write) -> io::Result<()> {
    let doc = json!({
        "format": super::JSON_FORMAT,
        "runs": runs.iter().map(|r| {
            let a = &r.activity;
            json!({
                "id": r.id,
                "start": a.start.to_rfc3339(),
                "sport": a.sport,
                "duration_s": a.duration_s,
                "moving_s": a.moving_s,
                "distance_m": a.distance_m,
                "ascent_m": a.ascent_m,
                "descent_m": a.descent_m,
                "avg_hr": a.avg_hr,
                "file": r.file,
                "hash": r.hash,
            })
        }).collect::<Vec<_>>(),
    });
    let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    writeln!(out, "{}", super::history::escape_json(&text))
}

/// `runs --since`: the activities from that day on.
pub fn select(store: &Store, since: Option<NaiveDate>) -> Result<Vec<StoredRun>, String> {
    store.runs(since).map_err(|e| e.to_string())
}

/// `runs forget ID|--all`: 0 when something was forgotten (or `--all` on none), 1 when
/// the id is not there.
pub fn forget(
    store: Option<&Store>,
    id: Option<i64>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    // No history yet: nothing to forget, and nothing is made to say so.
    let forgot = match store {
        Some(store) => store.forget_runs(id),
        None if id.is_some() => Ok(Forgot::None),
        None => Ok(Forgot::All(0)),
    };
    match forgot {
        Ok(Forgot::One) => {
            writeln!(out, "Forgot activity {}.", id.unwrap_or_default())?;
            Ok(0)
        }
        Ok(Forgot::All(n)) => {
            writeln!(out, "Forgot {}.", activities(n))?;
            Ok(0)
        }
        Ok(Forgot::None) => {
            writeln!(
                err,
                "foamroll: no activity {} (see `foamroll runs` for the ids)",
                id.unwrap_or_default()
            )?;
            Ok(1)
        }
        Err(e) => {
            writeln!(err, "foamroll: {e}")?;
            Ok(1)
        }
    }
}
