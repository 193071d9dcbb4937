//! Finding activity files: the files named on the command line, and every activity
//! file under a folder, recursively, without following symbolic links (a link loop
//! cannot hold the walk up) and in a stable order.

use std::path::{Path, PathBuf};

use super::kind_of;

/// A file found, with what a rescan compares: its size and modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub size: u64,
    pub mtime_ns: i64,
}

/// Folders deeper than this under the one given are not entered.
pub const MAX_DEPTH: usize = 16;

/// Every activity file at or under each of `paths`. A path that is not there, or a
/// folder that cannot be read, is one problem line; the rest is still found. A file
/// named directly is taken whatever its name (so the import can say why it is not
/// one); under a folder only `.fit`, `.gpx`, `.tcx` and their `.gz` count.
pub fn find(paths: &[PathBuf]) -> (Vec<Found>, Vec<(PathBuf, String)>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, 0, &mut found, &mut problems),
            Ok(m) => found.push(entry(p, &m)),
            Err(e) => problems.push((p.clone(), io_words(&e))),
        }
    }
    (found, problems)
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "cannot be read: permission denied".to_string(),
        _ => format!("cannot be read: {e}"),
    }
}

fn entry(p: &Path, m: &std::fs::Metadata) -> Found {
    let mtime_ns = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(0);
    Found {
        path: p.to_path_buf(),
        size: m.len(),
        mtime_ns,
    }
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<Found>, problems: &mut Vec<(PathBuf, String)>) {
    if depth > MAX_DEPTH {
        problems.push((
            dir.to_path_buf(),
            format!("more than {MAX_DEPTH} folders deep; not entered"),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push((dir.to_path_buf(), io_words(&e)));
            return;
        }
    };
    let mut here: Vec<(PathBuf, std::fs::FileType)> = entries
        .flatten()
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    here.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in here {
        if kind.is_dir() {
            walk(&path, depth + 1, found, problems);
        } else if kind.is_file() && kind_of(&path).is_some() {
            match std::fs::symlink_metadata(&path) {
                Ok(m) => found.push(entry(&path, &m)),
                Err(e) => problems.push((path, io_words(&e))),
            }
        }
    }
}
