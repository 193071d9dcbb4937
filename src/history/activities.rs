//! Bringing activity files into the history: `runs import PATH...` (files or folders)
//! and the incremental scan of the `activities` folder (only files whose size or
//! modification time changed are read, and a file whose content hash is already in
//! the history, renamed or recompressed, is not imported twice).
//!
//! Each file is read, inflated and summarised in full before anything is written, and
//! files are written in batches of one transaction each, so a file that fails leaves
//! nothing behind and a stopped import leaves only whole activities.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::store::runs::{FileSeen, RunWrite, path_key};
use super::{OpenError, Store};
use crate::runs::scan::{Found, find};
use crate::runs::{self, Activity, RunError};

/// Runs in one week (Monday on, by the day each run started where it was run).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekRuns {
    pub week: NaiveDate,
    pub runs: u32,
    pub distance_m: f64,
}

/// Runs (not other sports) per week over the `weeks` weeks ending with the week of
/// `today`, oldest first; weeks without a run are there with 0.
pub fn weekly_runs(stored: &[super::StoredRun], today: NaiveDate, weeks: u32) -> Vec<WeekRuns> {
    let this_week = super::week_start(today);
    let mut out: Vec<WeekRuns> = (0..weeks.max(1))
        .rev()
        .filter_map(|i| this_week.checked_sub_days(Days::new(7 * u64::from(i))))
        .map(|week| WeekRuns {
            week,
            runs: 0,
            distance_m: 0.0,
        })
        .collect();
    for r in stored.iter().filter(|r| r.activity.is_run()) {
        let day = r.activity.start.date_naive();
        if day > today {
            continue;
        }
        let week = super::week_start(day);
        if let Some(w) = out.iter_mut().find(|w| w.week == week) {
            w.runs += 1;
            w.distance_m += r.activity.distance_m;
        }
    }
    out
}

/// Files written per transaction.
const BATCH: usize = 100;

/// What an import or a scan did.
#[derive(Debug, Clone, Default)]
pub struct RunImport {
    /// New activities, in the order their files were read.
    pub added: Vec<Activity>,
    /// Files whose content was already in the history.
    pub known: usize,
    /// Files a scan did not read again: same size and modification time as before.
    pub unchanged: usize,
    /// One line per file or folder that was not imported: the path (printable) and why.
    pub problems: Vec<(String, String)>,
    /// Files read and their bytes as stored on disk.
    pub files_read: usize,
    pub bytes_read: u64,
}

/// Imports the activity files at or under `paths`.
pub fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> Result<RunImport, OpenError> {
    let (found, problems) = find(paths);
    let mut report = RunImport {
        problems: problems
            .into_iter()
            .map(|(p, why)| (crate::text::path(&p), why))
            .collect(),
        ..RunImport::default()
    };
    bring_in(store, found, None, now, &mut report)?;
    Ok(report)
}

/// Scans the activities folder: only new or changed files are read; with nothing new,
/// nothing is written.
pub fn scan_folder(store: &Store, dir: &Path, now: DateTime<Utc>) -> Result<RunImport, OpenError> {
    let (found, problems) = find(&[dir.to_path_buf()]);
    // An empty or missing folder: nothing to read, and no history is opened (or made).
    let seen = if found.is_empty() {
        HashMap::new()
    } else {
        store.run_files()?
    };
    let mut report = RunImport {
        problems: problems
            .into_iter()
            .map(|(p, why)| (crate::text::path(&p), why))
            .collect(),
        ..RunImport::default()
    };
    bring_in(store, found, Some(&seen), now, &mut report)?;
    Ok(report)
}

/// Which of the files found a scan would read: new, or changed in size or time.
pub fn changed<'a>(found: &'a [Found], seen: &HashMap<Vec<u8>, FileSeen>) -> Vec<&'a Found> {
    found
        .iter()
        .filter(|f| {
            seen.get(&path_key(&f.path))
                .is_none_or(|s| s.size != f.size || s.mtime_ns != f.mtime_ns)
        })
        .collect()
}

fn bring_in(
    store: &Store,
    found: Vec<Found>,
    seen: Option<&HashMap<Vec<u8>, FileSeen>>,
    now: DateTime<Utc>,
    report: &mut RunImport,
) -> Result<(), OpenError> {
    let mut batch: Vec<RunWrite> = Vec::new();
    let mut hashes: HashSet<String> = HashSet::new();
    let todo: Vec<&Found> = match seen {
        Some(seen) => {
            let c = changed(&found, seen);
            report.unchanged = found.len() - c.len();
            c
        }
        None => found.iter().collect(),
    };
    for f in todo {
        let shown = crate::text::path(&f.path);
        let remember = |hash: Option<String>| {
            seen.map(|_| {
                (
                    path_key(&f.path),
                    FileSeen {
                        size: f.size,
                        mtime_ns: f.mtime_ns,
                        hash,
                    },
                )
            })
        };
        let content = match runs::read(&f.path) {
            Ok(c) => c,
            Err(e) => {
                report.problems.push((shown, e.to_string()));
                batch.push(RunWrite {
                    activity: None,
                    seen: remember(None),
                });
                continue;
            }
        };
        report.files_read += 1;
        report.bytes_read += f.size;
        // Parsed before the history is asked about it: a file that is no activity opens
        // (or makes) nothing.
        let parsed: Result<Activity, RunError> =
            runs::summarise(&content).and_then(|s| runs::activity(&s, runs::local_offset, now));
        if hashes.contains(&content.hash) || parsed.is_ok() && store.has_run(&content.hash)? {
            report.known += 1;
            batch.push(RunWrite {
                activity: None,
                seen: remember(Some(content.hash)),
            });
            continue;
        }
        match parsed {
            Ok(a) => {
                let name = f
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                hashes.insert(content.hash.clone());
                report.added.push(a.clone());
                batch.push(RunWrite {
                    activity: Some((a, crate::text::printable(&name), content.hash.clone())),
                    seen: remember(Some(content.hash)),
                });
            }
            Err(e) => {
                report.problems.push((shown, e.to_string()));
                batch.push(RunWrite {
                    activity: None,
                    seen: remember(Some(content.hash)),
                });
            }
        }
        if batch.len() >= BATCH {
            store.write_runs(&batch)?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        store.write_runs(&batch)?;
    }
    Ok(())
}
